import { z } from 'zod';
import type { Principal } from '../auth/tokens';
import type { Sql } from '../db/sql';
import { mutationHandlers } from './mutations';
import { platformError } from '../errors';
import type { MutationHandler, Outcome } from './outcome';

export interface PushedMutation {
  mutationId: number;
  key: string;
  name: string;
  args: unknown;
  /** Field → the version the desk's edit was based on; checked here, since GraphQL carries it as JSON. */
  baseVersions?: unknown;
}

const BaseVersions = z.record(z.string().max(100), z.number().int().nonnegative()).nullable().optional();

export type PushStatus = 'APPLIED' | 'ALREADY_APPLIED' | 'OUT_OF_ORDER' | 'REJECTED' | 'CONFLICT';

export interface PushResult {
  mutationId: number;
  status: PushStatus;
  reason: string | null;
  conflict: { fields: string[]; serverState: unknown } | null;
  result: unknown;
  /** For APPLIED: the seq the mutation's transaction ended at, the base for the desk's next edit on top. */
  version: number | null;
}

/**
 * Applies a desk's mutations in order, each in its own transaction together with the desk's counter,
 * so a retry after a lost reply is recognised (ALREADY_APPLIED), a gap applies nothing (OUT_OF_ORDER),
 * and a refusal or conflict is recorded and moves the counter on, never blocking the desk's queue.
 */
export async function push(sql: Sql, principal: Principal, clientId: string, mutations: PushedMutation[], now = () => new Date()): Promise<{ results: PushResult[]; changed: boolean }> {
  // A desk newer than this platform would have its change refused and lost; refuse the request instead,
  // before anything applies, so the change waits in the desk's outbox until the platform is updated.
  const unknown = mutations.find((m) => !mutationHandlers[m.name]);
  if (unknown) {
    throw platformError('UPDATE_REQUIRED', `Platforma vēl nepazīst izmaiņu „${unknown.name}”. Izmaiņas gaida darba vietā; ziņojiet IT atbalstam, ka platforma jāatjaunina.`);
  }
  const bases = mutations.map((m) => BaseVersions.safeParse(m.baseVersions));
  const malformed = bases.findIndex((b) => !b.success);
  if (malformed >= 0) {
    throw platformError('BAD_REQUEST', `Izmaiņai nr. ${mutations[malformed]?.mutationId} ir bojātas bāzes versijas. Nekas netika saglabāts; atjauniniet Lete.`);
  }
  const results: PushResult[] = [];
  let changed = false;
  for (const [index, m] of mutations.entries()) {
    const baseVersions = bases[index]?.data ?? {};
    const result = await sql.transaction(async (tx): Promise<PushResult> => {
      await tx.query(`INSERT INTO sync_clients (client_id, user_id) VALUES ($1, $2) ON CONFLICT (client_id) DO NOTHING`, [clientId, principal.userId]);
      const [client] = await tx.query<{ last_mutation_id: string }>(`SELECT last_mutation_id FROM sync_clients WHERE client_id = $1 FOR UPDATE`, [clientId]);
      const last = Number(client?.last_mutation_id ?? 0);
      const base = { mutationId: m.mutationId, reason: null, conflict: null, result: null, version: null };
      if (m.mutationId <= last) {
        const [earlier] = await tx.query<{ status: string; reason: string | null; result: unknown; version: string | null }>(
          `SELECT status, reason, result, version FROM sync_mutations WHERE client_id = $1 AND mutation_id = $2`,
          [clientId, m.mutationId],
        );
        // A retry after a lost reply is answered as the first try was: a refusal or a conflict the desk
        // never heard of must still reach the clerk, not pass as applied and vanish from the outbox.
        if (earlier?.status === 'REJECTED') return { ...base, status: 'REJECTED', reason: earlier.reason };
        if (earlier?.status === 'CONFLICT') {
          const [conflict] = await tx.query<{ fields: string[]; server_state: unknown }>(
            `SELECT fields, server_state FROM sync_conflicts WHERE client_id = $1 AND mutation_id = $2 ORDER BY id LIMIT 1`,
            [clientId, m.mutationId],
          );
          return { ...base, status: 'CONFLICT', conflict: { fields: conflict?.fields ?? [], serverState: conflict?.server_state ?? {} } };
        }
        return { ...base, status: 'ALREADY_APPLIED', result: earlier?.result ?? null, version: earlier?.version ? Number(earlier.version) : null };
      }
      if (m.mutationId > last + 1) return { ...base, status: 'OUT_OF_ORDER', reason: `Gaidīta izmaiņa nr. ${last + 1}.` };

      const handler = mutationHandlers[m.name] as MutationHandler;
      let outcome: Outcome;
      // A race lost to another desk (a unique number taken meanwhile) is a refusal, not a failure that
      // would block this desk's queue; any other error fails the request and the desk retries.
      await tx.query('SAVEPOINT mutation');
      try {
        outcome = await handler(m.args, { tx, principal, clientId, mutationId: m.mutationId, baseVersions, now: now() });
      } catch (error) {
        if ((error as { code?: string }).code !== '23505') throw error;
        await tx.query('ROLLBACK TO SAVEPOINT mutation');
        outcome = { status: 'REJECTED', reason: 'Kāds cits tikko reģistrēja to pašu ierakstu; atjaunojiet datus un mēģiniet vēlreiz.' };
      }
      if (outcome.status === 'CONFLICT') {
        const entityId = (m.args as { id?: unknown }).id;
        await tx.query(
          `INSERT INTO sync_conflicts (client_id, mutation_id, entity, entity_id, fields, client_state, server_state) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [clientId, m.mutationId, m.name.split('.')[0], String(entityId), outcome.fields, JSON.stringify(m.args), JSON.stringify(outcome.serverState)],
        );
      }
      await tx.query(`UPDATE sync_clients SET last_mutation_id = $2 WHERE client_id = $1`, [clientId, m.mutationId]);
      const reason = outcome.status === 'REJECTED' ? outcome.reason : null;
      const result = outcome.status === 'APPLIED' ? (outcome.result ?? null) : null;
      // The counter row is ours until commit if the mutation wrote anything, so this is the seq it ended at.
      const [counter] = outcome.status === 'APPLIED' ? await tx.query<{ seq: string }>(`SELECT seq FROM sync_counter WHERE id = 1`) : [];
      const version = counter ? Number(counter.seq) : null;
      await tx.query(`INSERT INTO sync_mutations (client_id, mutation_id, key, name, status, reason, result, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
        clientId,
        m.mutationId,
        m.key,
        m.name,
        outcome.status,
        reason,
        JSON.stringify(result),
        version,
      ]);
      const subject = (m.args as { id?: unknown } | null)?.id;
      await tx.query(`INSERT INTO audit_events (user_id, action, subject, client_concerned, detail) VALUES ($1, $2, $3, $4, $5)`, [
        principal.userId,
        m.name,
        typeof subject === 'string' ? subject : null,
        outcome.status === 'APPLIED' ? (outcome.concerned ?? null) : null,
        JSON.stringify({ clientId, mutationId: m.mutationId, status: outcome.status, ...(outcome.status === 'APPLIED' ? outcome.audit : {}) }),
      ]);
      return {
        ...base,
        status: outcome.status,
        reason,
        conflict: outcome.status === 'CONFLICT' ? { fields: outcome.fields, serverState: outcome.serverState } : null,
        result,
        version,
      };
    });
    results.push(result);
    if (result.status === 'APPLIED') changed = true;
    // After a gap nothing later can apply; the desk resends from the missing number.
    if (result.status === 'OUT_OF_ORDER') {
      for (const rest of mutations.slice(index + 1)) {
        results.push({ mutationId: rest.mutationId, status: 'OUT_OF_ORDER', reason: result.reason, conflict: null, result: null, version: null });
      }
      break;
    }
  }
  return { results, changed };
}
