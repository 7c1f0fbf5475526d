import type { z } from 'zod';
import {
  AppError,
  calls,
  isCallName,
  type Access,
  type CallName,
  type CallOutput,
  type ContractError,
  type FieldIssue,
  type ParsedInput,
  type Result,
  type Session,
} from '../../preload/contract';

/**
 * One connection's state: an Electron window or a browser tab. Each has its own sign-in, so a
 * supervisor's dashboard tab does not act as the clerk signed in at the desk.
 */
export interface Connection {
  readonly id: string;
  session: Session | null;
}

export type Handlers = {
  [K in CallName]: (input: ParsedInput<K>, connection: Connection) => CallOutput<K> | Promise<CallOutput<K>>;
};

export interface RouterOptions {
  /** Told about unexpected failures only; gets the call name and error, never the input (personal data). */
  onInternalError?: (call: string, error: unknown) => void;
}

export interface Router {
  dispatch(connection: Connection, call: unknown, input: unknown): Promise<Result<unknown>>;
}

const messages = {
  UNKNOWN_CALL: 'Nezināms pieprasījums. Atjauniniet vai restartējiet Lete.',
  INVALID_INPUT: 'Ievadītie dati nav derīgi. Pārbaudiet atzīmētos laukus.',
  UNAUTHENTICATED: 'Jūs neesat pieslēdzies. Lūdzu, pieslēdzieties vēlreiz.',
  FORBIDDEN: 'Jūsu lomai šī darbība nav atļauta. Vērsieties pie vadītāja.',
  INTERNAL: 'Radās iekšēja kļūda. Dati nav zaudēti; mēģiniet vēlreiz vai ziņojiet atbalstam.',
} as const;

export function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

function fail(code: keyof typeof messages, issues?: FieldIssue[]): Result<never> {
  const error: ContractError = { code, message: messages[code], ...(issues ? { issues } : {}) };
  return { ok: false, error };
}

function allowed(access: Access, session: Session | null): 'ok' | 'UNAUTHENTICATED' | 'FORBIDDEN' {
  if (access === 'public') return 'ok';
  if (!session) return 'UNAUTHENTICATED';
  if (access === 'signedIn') return 'ok';
  return session.user.roles.some((role) => access.includes(role)) ? 'ok' : 'FORBIDDEN';
}

/**
 * Validates every call against the contract before a service sees it, and every answer before the
 * renderer does. Nothing a renderer sends can throw past this function.
 */
export function createRouter(handlers: Handlers, options: RouterOptions = {}): Router {
  return {
    async dispatch(connection, call, input) {
      if (!isCallName(call)) return fail('UNKNOWN_CALL');
      const spec = calls[call];
      const access = allowed(spec.access, connection.session);
      if (access !== 'ok') return fail(access);
      const parsed = spec.input.safeParse(input ?? {});
      if (!parsed.success) return fail('INVALID_INPUT', issuesOf(parsed.error));
      try {
        const handler = handlers[call] as (i: unknown, c: Connection) => unknown;
        const output = spec.output.parse(await handler(parsed.data, connection));
        return { ok: true, data: output };
      } catch (error) {
        if (error instanceof AppError) return { ok: false, error: error.toContract() };
        options.onInternalError?.(call, error);
        return fail('INTERNAL');
      }
    },
  };
}
