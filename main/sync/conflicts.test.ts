import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection';
import { useTempDir } from '../db/test-support';
import { createConflicts } from './conflicts';
import { createDeskStore } from './desk-store';

const now = new Date('2026-11-23T10:00:00Z');
const clock = { now: () => now };

function setup(dir: string) {
  const db = openDatabase(join(dir, 'lete.sqlite'));
  db.prepare(`INSERT INTO users (id, username, display_name, roles, password_hash) VALUES ('u1', 'klerks', 'Anna Bērziņa', '["clerk"]', 'x')`).run();
  const store = createDeskStore(db);
  const data = { id: 'c1', serviceCode: null, channel: 'phone', client: { kind: 'anonymous' }, outcome: 'referred', note: 'Kolēģes piezīme', userId: 'u1', createdAt: '2026-11-23T09:00:00Z' };
  store.applyPulled({ changes: [{ entity: 'consultation', id: 'c1', version: 20, deleted: false, data, fieldVersions: { note: 20, outcome: 15 } }], checkpoint: 20, lastMutationId: null, final: true }, now);
  // What the engine records when the platform answers CONFLICT for the clerk's edit of note and outcome.
  db.prepare(
    `INSERT INTO sync_failures (mutation_id, kind, name, entity, entity_id, args, reason, server_state, fields, at)
     VALUES (7, 'conflict', 'consultation.update', 'consultation', 'c1', ?, NULL, ?, '["note","outcome"]', ?)`,
  ).run(JSON.stringify({ id: 'c1', changes: { note: 'Annas piezīme', outcome: 'informed' } }), JSON.stringify(data), now.toISOString());
  db.prepare(`INSERT INTO settings (key, value) VALUES ('last_mutation_id', '7')`).run();
  return { db, store, conflicts: createConflicts(db, store, clock) };
}

describe('conflict resolution', () => {
  const tempDir = useTempDir();

  it('shows both values field by field and sends a merge as a new change on the current server state', () => {
    const { db, conflicts } = setup(tempDir());
    expect(conflicts.get(7).fields).toEqual([
      { field: 'note', mine: 'Annas piezīme', theirs: 'Kolēģes piezīme' },
      { field: 'outcome', mine: 'informed', theirs: 'referred' },
    ]);
    expect(conflicts.resolve({ mutationId: 7, choices: { note: 'mine', outcome: 'theirs' } }, 'u1')).toBe(8);
    const sent = db.prepare(`SELECT name, args, base_versions FROM outbox WHERE mutation_id = 8`).get() as { name: string; args: string; base_versions: string };
    expect(sent.name).toBe('consultation.update');
    expect(JSON.parse(sent.args)).toEqual({ id: 'c1', changes: { note: 'Annas piezīme' } });
    expect(JSON.parse(sent.base_versions)).toEqual({ note: 20 });
    expect(db.prepare(`SELECT resolution FROM sync_failures WHERE mutation_id = 7`).get()).toEqual({ resolution: 'merged' });
    expect(db.prepare(`SELECT note, outcome FROM consultations WHERE id = 'c1'`).get()).toEqual({ note: 'Annas piezīme', outcome: 'referred' });
    expect(() => conflicts.get(7)).toThrow(/jau ir atrisināts/u);
  });

  it("takes the server's values without sending anything, and insists on a choice for every field", () => {
    const { db, conflicts } = setup(tempDir());
    expect(() => conflicts.resolve({ mutationId: 7, choices: { note: 'theirs' } }, 'u1')).toThrow(/katram konflikta laukam/u);
    expect(conflicts.resolve({ mutationId: 7, choices: { note: 'theirs', outcome: 'theirs' } }, 'u1')).toBeNull();
    expect(db.prepare(`SELECT count(*) AS n FROM outbox`).get()).toEqual({ n: 0 });
    expect(db.prepare(`SELECT action, detail FROM audit_events WHERE action = 'sync.resolveConflict'`).get()).toEqual({
      action: 'sync.resolveConflict',
      detail: JSON.stringify({ resolution: 'theirs', resentAs: null }),
    });
  });
});
