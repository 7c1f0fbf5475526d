import type { Principal } from '../auth/tokens';
import type { Sql } from '../db/sql';
import { mutationHandlers } from './mutations';

export interface PushedMutation {
  mutationId: number;
  key: string;
  name: string;
  args: unknown;
  baseVersions?: Record<string, number> | null;
}

export type PushStatus = 'APPLIED' | 'ALREADY_APPLIED' | 'OUT_OF_ORDER' | 'REJECTED' | 'CONFLICT';

export interface PushResult {
  mutationId: number;
  status: PushStatus;
  reason: string | null;
  conflict: { fields: string[]; serverState: unknown } | null;
}

/**
 * Applies a desk's mutations in order, each in its own transaction together with the desk's counter,
 * so a retry after a lost reply is recognised (ALREADY_APPLIED), a gap applies nothing (OUT_OF_ORDER),
 * and a refusal or conflict is recorded and moves the counter on, never blocking the desk's queue.
 */
export async function push(sql: Sql, principal: Principal, clientId: string, mutations: PushedMutation[], now = () => new Date()): Promise<{ results: PushResult[]; changed: boolean }> {
  const results: PushResult[] = [];
  let changed = false;
  for (const m of mutations) {
    const result = await sql.transaction(async (tx): Promise<PushResult> => {
      await tx.query(`INSERT INTO sync_clients (client_id, user_id) VALUES ($1, $2) ON CONFLICT (client_id) DO NOTHING`, [clientId, principal.userId]);
      const [client] = await tx.query<{ last_mutation_id: string }>(`SELECT last_mutation_id FROM sync_clients WHERE client_id = $1 FOR UPDATE`, [clientId]);
      const last = Number(client?.last_mutation_id ?? 0);
      const base = { mutationId: m.mutationId, reason: null, conflict: null };
      if (m.mutationId <= last) return { ...base, status: 'ALREADY_APPLIED' };
      if (m.mutationId > last + 1) return { ...base, status: 'OUT_OF_ORDER', reason: `Gaidīta izmaiņa nr. ${last + 1}.` };

      const handler = mutationHandlers[m.name];
      const outcome = handler
        ? await handler(m.args, { tx, principal, clientId, mutationId: m.mutationId, baseVersions: m.baseVersions ?? {}, now: now() })
        : ({ status: 'REJECTED', reason: `Nezināma izmaiņa „${m.name}”: atjauniniet Lete.` } as const);
      if (outcome.status === 'CONFLICT') {
        const entityId = (m.args as { id?: unknown }).id;
        await tx.query(
          `INSERT INTO sync_conflicts (client_id, mutation_id, entity, entity_id, fields, client_state, server_state) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [clientId, m.mutationId, m.name.split('.')[0], String(entityId), outcome.fields, JSON.stringify(m.args), JSON.stringify(outcome.serverState)],
        );
      }
      await tx.query(`UPDATE sync_clients SET last_mutation_id = $2 WHERE client_id = $1`, [clientId, m.mutationId]);
      const reason = outcome.status === 'REJECTED' ? outcome.reason : null;
      await tx.query(`INSERT INTO sync_mutations (client_id, mutation_id, key, name, status, reason) VALUES ($1, $2, $3, $4, $5, $6)`, [
        clientId,
        m.mutationId,
        m.key,
        m.name,
        outcome.status,
        reason,
      ]);
      const concerned = (m.args as { id?: unknown }).id;
      await tx.query(`INSERT INTO audit_events (user_id, action, subject, detail) VALUES ($1, $2, $3, $4)`, [
        principal.userId,
        m.name,
        typeof concerned === 'string' ? concerned : null,
        JSON.stringify({ clientId, mutationId: m.mutationId, status: outcome.status }),
      ]);
      return {
        ...base,
        status: outcome.status,
        reason,
        conflict: outcome.status === 'CONFLICT' ? { fields: outcome.fields, serverState: outcome.serverState } : null,
      };
    });
    results.push(result);
    if (result.status === 'APPLIED') changed = true;
    // After a gap nothing later can apply; the desk resends from the missing number.
    if (result.status === 'OUT_OF_ORDER') {
      for (const rest of mutations.slice(mutations.indexOf(m) + 1)) {
        results.push({ mutationId: rest.mutationId, status: 'OUT_OF_ORDER', reason: result.reason, conflict: null });
      }
      break;
    }
  }
  return { results, changed };
}
