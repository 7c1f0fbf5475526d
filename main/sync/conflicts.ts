import { AppError, type ConflictResolution, type SyncConflict } from '../../preload/contract';
import { recordAudit } from '../audit/record';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { LocalStore } from './store';

interface FailureRow {
  mutation_id: number;
  name: string;
  entity: string;
  entity_id: string;
  args: string;
  fields: string | null;
  at: string;
}

/**
 * The conflict screen's side of the core. A conflict is shown against the platform's state as this
 * desk has it now (not as it was when the conflict happened), and a resolution that keeps any of the
 * clerk's values is a new change based on that state — so if a colleague changed it yet again, the
 * platform reports a new conflict instead of the clerk overwriting what they never saw.
 */
export function createConflicts(db: Db, store: LocalStore, clock: Clock) {
  const failure = db.prepare<[number], FailureRow>(
    `SELECT mutation_id, name, entity, entity_id, args, fields, at FROM sync_failures WHERE mutation_id = ? AND kind = 'conflict' AND resolved_at IS NULL`,
  );
  const confirmed = db.prepare<[string, string], { data: string }>(`SELECT data FROM replica_rows WHERE entity = ? AND id = ?`);
  const resolve = db.prepare(`UPDATE sync_failures SET resolved_at = ?, resolution = ? WHERE mutation_id = ?`);

  function load(mutationId: number) {
    const row = failure.get(mutationId);
    if (!row) throw new AppError('NOT_FOUND', 'Šis konflikts jau ir atrisināts vai vairs nav atrodams.');
    const wanted = ((JSON.parse(row.args) as { changes?: Record<string, unknown> }).changes ?? {}) as Record<string, unknown>;
    const theirs = JSON.parse(confirmed.get(row.entity, row.entity_id)?.data ?? '{}') as Record<string, unknown>;
    const fields = (JSON.parse(row.fields ?? '[]') as string[]).filter((f) => f in wanted);
    return { row, wanted, theirs, fields };
  }

  return {
    get(mutationId: number): SyncConflict {
      const { row, wanted, theirs, fields } = load(mutationId);
      return {
        mutationId,
        entity: row.entity,
        entityId: row.entity_id,
        name: row.name,
        at: row.at,
        fields: fields.map((field) => ({ field, mine: wanted[field] ?? null, theirs: theirs[field] ?? null })),
      };
    },

    resolve(input: ConflictResolution, userId: string): number | null {
      const { row, wanted, fields } = load(input.mutationId);
      const missing = fields.filter((f) => !input.choices[f]);
      if (missing.length > 0) throw new AppError('INVALID_INPUT', 'Izvēlieties vērtību katram konflikta laukam.', { issues: missing.map((f) => ({ path: `choices.${f}`, message: 'required' })) });
      const keep = fields.filter((f) => input.choices[f] === 'mine');
      const resolution = keep.length === 0 ? 'theirs' : keep.length === fields.length ? 'mine' : 'merged';
      const at = clock.now();
      return db.transaction(() => {
        const next =
          keep.length > 0
            ? store.mutate({ name: row.name, args: { id: row.entity_id, changes: Object.fromEntries(keep.map((f) => [f, wanted[f]])) }, userId, at })
            : null;
        resolve.run(at.toISOString(), resolution, input.mutationId);
        recordAudit(db, { at, userId, action: 'sync.resolveConflict', subject: String(input.mutationId), outcome: 'ok', detail: { resolution, resentAs: next } });
        return next;
      })();
    },
  };
}
