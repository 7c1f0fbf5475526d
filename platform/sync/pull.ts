import type { Principal } from '../auth/tokens';
import type { Sql } from '../db/sql';
import { visibleTo } from './scope';

export interface PullResult {
  changes: { entity: string; id: string; version: number; deleted: boolean; data: unknown; fieldVersions: unknown }[];
  checkpoint: number;
  /** The newest seq in the snapshot: how far a bootstrapping desk still has to go. */
  head: number;
  hasMore: boolean;
  acks: { clientId: string; lastMutationId: number }[];
}

/**
 * Changes after a checkpoint, in seq order, from one snapshot together with the desk's acknowledged
 * mutation number. With nothing more to send the checkpoint jumps to the snapshot's seq, so rows the
 * user may not see are not scanned again.
 */
export function pull(sql: Sql, principal: Principal, checkpoint: number, limit: number, clientId: string | null): Promise<PullResult> {
  return sql.transaction(
    async (tx) => {
      const s = visibleTo(principal, 3);
      const rows = await tx.query<{ entity: string; id: string; version: string; deleted: boolean; data: unknown; fieldVersions: unknown }>(
        `SELECT entity, id, version, deleted, CASE WHEN deleted THEN NULL ELSE data END AS data, field_versions AS "fieldVersions" FROM sync_rows
          WHERE version > $1 AND NOT archived AND ${s.clause} ORDER BY version LIMIT $2`,
        [checkpoint, limit + 1, ...s.params],
      );
      const hasMore = rows.length > limit;
      const changes = rows.slice(0, limit).map((r) => ({ ...r, version: Number(r.version) }));
      const [counter] = await tx.query<{ seq: string }>(`SELECT seq FROM sync_counter WHERE id = 1`);
      const head = Number(counter?.seq ?? 0);
      const acks = clientId
        ? (await tx.query<{ client_id: string; last_mutation_id: string }>(`SELECT client_id, last_mutation_id FROM sync_clients WHERE client_id = $1`, [clientId])).map((a) => ({
            clientId: a.client_id,
            lastMutationId: Number(a.last_mutation_id),
          }))
        : [];
      return {
        changes,
        checkpoint: hasMore ? (changes.at(-1)?.version ?? checkpoint) : Math.max(checkpoint, head),
        head,
        hasMore,
        acks,
      };
    },
    { repeatable: true },
  );
}
