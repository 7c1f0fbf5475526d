import type { z } from 'zod';
import type { Principal } from '../auth/tokens';
import type { Sql } from '../db/sql';

/**
 * What applying one pushed mutation came to. `concerned` names the client the change is about and
 * `audit` adds detail (a stated reason) for the audit log; `result` is what an intent hands back to the desk (the ticket a "call next" picked).
 */
export type Outcome =
  | { status: 'APPLIED'; concerned?: string | null; result?: unknown; audit?: Record<string, unknown> }
  | { status: 'REJECTED'; reason: string }
  | { status: 'CONFLICT'; fields: string[]; serverState: Record<string, unknown> };

export interface MutationContext {
  tx: Sql;
  principal: Principal;
  clientId: string;
  mutationId: number;
  baseVersions: Record<string, number>;
  now: Date;
}

export type MutationHandler = (args: unknown, ctx: MutationContext) => Promise<Outcome>;

export const applied = (concerned: string | null = null, result?: unknown): Outcome => ({ status: 'APPLIED', concerned, result });
export const reject = (reason: string): Outcome => ({ status: 'REJECTED', reason });

/** The staff who serve clients: desk clerks, call-centre agents and their supervisors. */
export const deskRoles = ['clerk', 'agent', 'supervisor'] as const;

export function hasRole(p: Principal, roles: readonly string[]): boolean {
  return p.roles.some((r) => roles.includes(r));
}

/** Validates a mutation's arguments; a failure names the fields so the desk can show what was wrong. */
export function parseArgs<T>(schema: z.ZodType<T>, raw: unknown, what: string): { ok: true; value: T } | { ok: false; outcome: Outcome } {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(visi)'))].join(', ');
  return { ok: false, outcome: reject(`Nederīgi ${what} dati: ${fields}.`) };
}

/**
 * A handler made of a role check, argument validation and the work itself, so every mutation refuses
 * the same way.
 */
export function mutation<T>(
  options: { roles: readonly string[]; roleMessage: string; args: z.ZodType<T>; what: string },
  run: (args: T, ctx: MutationContext) => Promise<Outcome>,
): MutationHandler {
  return async (raw, ctx) => {
    if (!hasRole(ctx.principal, options.roles)) return reject(options.roleMessage);
    const parsed = parseArgs(options.args, raw, options.what);
    return parsed.ok ? run(parsed.value, ctx) : parsed.outcome;
  };
}
