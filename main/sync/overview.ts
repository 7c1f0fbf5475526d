import { AppError, type SyncOverview } from '../../preload/contract';
import { recordAudit } from '../audit/record';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';

/** What waits to be sent and what the platform refused, for the clerk's outbox view. */
export function createSyncOverview(db: Db, clock: Clock) {
  const pending = db.prepare<[], { mutation_id: number; name: string; entity_id: string; created_at: string }>(
    `SELECT mutation_id, name, entity_id, created_at FROM outbox WHERE applied = 0 ORDER BY mutation_id`,
  );
  const failures = db.prepare<[], { mutation_id: number; kind: 'rejected' | 'conflict'; name: string; entity_id: string; reason: string | null; fields: string | null; at: string }>(
    `SELECT mutation_id, kind, name, entity_id, reason, fields, at FROM sync_failures WHERE resolved_at IS NULL ORDER BY mutation_id`,
  );
  const dismiss = db.prepare(`UPDATE sync_failures SET resolved_at = ? WHERE mutation_id = ? AND resolved_at IS NULL`);
  return {
    get(): SyncOverview {
      return {
        pending: pending.all().map((r) => ({ mutationId: r.mutation_id, name: r.name, entityId: r.entity_id, createdAt: r.created_at })),
        failures: failures.all().map((r) => ({
          mutationId: r.mutation_id,
          kind: r.kind,
          name: r.name,
          entityId: r.entity_id,
          reason: r.reason,
          fields: r.fields ? (JSON.parse(r.fields) as string[]) : [],
          at: r.at,
        })),
      };
    },
    /** The clerk has seen a refused change and dealt with it outside Lete; the record stays, marked. */
    dismiss(mutationId: number, userId: string): null {
      const at = clock.now();
      const changed = db.transaction(() => {
        const result = dismiss.run(at.toISOString(), mutationId);
        if (result.changes > 0) recordAudit(db, { at, userId, action: 'sync.dismissFailure', subject: String(mutationId), outcome: 'ok' });
        return result.changes;
      })();
      if (changed === 0) throw new AppError('NOT_FOUND', 'Šī izmaiņa vairs negaida izskatīšanu.');
      return null;
    },
  };
}
