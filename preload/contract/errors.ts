import { z } from 'zod';

/**
 * Every failure that crosses the contract has one of these codes. The renderer translates the code
 * (never shows a raw exception), so each must have a Latvian and an English text in the i18n layer.
 */
export const errorCodes = [
  'INVALID_INPUT',
  'UNKNOWN_CALL',
  'MALFORMED_MESSAGE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_CREDENTIALS',
  'TOO_MANY_ATTEMPTS',
  'NOT_FOUND',
  'CONFLICT',
  'TRANSPORT',
  'TIMEOUT',
  'INTERNAL',
] as const;
export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const FieldIssue = z.object({
  /** Dotted path into the call's input, e.g. `client.phone`. */
  path: z.string(),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

export const ContractError = z.object({
  code: ErrorCode,
  /** A Latvian fallback text for logs and for a renderer that lacks the code; never personal data. */
  message: z.string(),
  issues: z.array(FieldIssue).optional(),
  /** Seconds the caller should wait, for TOO_MANY_ATTEMPTS. */
  retryAfter: z.number().optional(),
});
export type ContractError = z.infer<typeof ContractError>;

export type Result<T> = { ok: true; data: T } | { ok: false; error: ContractError };

/** Thrown by core services; the router turns it into a typed error result. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[] | undefined;
  readonly retryAfter: number | undefined;

  constructor(code: ErrorCode, message: string, extra: { issues?: FieldIssue[]; retryAfter?: number } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.issues = extra.issues;
    this.retryAfter = extra.retryAfter;
  }

  toContract(): ContractError {
    return {
      code: this.code,
      message: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
      ...(this.retryAfter !== undefined ? { retryAfter: this.retryAfter } : {}),
    };
  }
}
