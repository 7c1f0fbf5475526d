import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { consultationEffects, consultationProjection } from '../consultations/sync';
import { openDatabase } from '../db/connection';
import { useTempDir } from '../db/test-support';
import { createLocalStore, type PulledChange } from './store';

const at = new Date('2026-11-23T09:00:00Z');

function setup(dir: string) {
  const db = openDatabase(join(dir, 'lete.sqlite'));
  db.prepare(`INSERT INTO users (id, username, display_name, roles, password_hash) VALUES ('u1', 'klerks', 'Anna Bērziņa', '["clerk"]', 'x')`).run();
  const store = createLocalStore(db, { effects: consultationEffects, projections: { consultation: consultationProjection(db) } });
  const shown = (id: string) =>
    db.prepare<[string], { note: string; outcome: string; version: number | null }>(`SELECT note, outcome, version FROM consultations WHERE id = ?`).get(id);
  const outbox = () => db.prepare<[], { mutation_id: number; base_versions: string }>(`SELECT mutation_id, base_versions FROM outbox ORDER BY mutation_id`).all();
  return { db, store, shown, outbox };
}

const created = { id: 'c1', serviceCode: null, channel: 'phone', client: { kind: 'anonymous' }, outcome: 'informed', note: 'Jautāja par pasi' };
const confirmed = (version: number, data: Record<string, unknown>, fieldVersions: Record<string, number>): PulledChange => ({
  entity: 'consultation',
  id: 'c1',
  version,
  deleted: false,
  data: { ...created, userId: 'u1', centreId: 'riga-centrs', createdAt: '2026-11-23T09:00:01Z', ...data },
  fieldVersions,
});

describe('local store: confirmed state apart from pending edits', () => {
  const tempDir = useTempDir();

  it('shows a pending edit on top of every newer confirmed state until the platform acknowledges it', () => {
    const { db, store, shown, outbox } = setup(tempDir());
    store.mutate({ name: 'consultation.create', args: created, userId: 'u1', at });
    expect(shown('c1')).toEqual({ note: 'Jautāja par pasi', outcome: 'informed', version: null });

    // The create is confirmed; then the clerk changes the note while a colleague changes the outcome.
    store.applyPulled({ changes: [confirmed(10, {}, { note: 10, outcome: 10 })], checkpoint: 10, lastMutationId: 1, final: true }, at);
    expect(outbox()).toEqual([]);
    expect(shown('c1')?.version).toBe(10);
    store.mutate({ name: 'consultation.update', args: { id: 'c1', changes: { note: 'Pieteicās uz pasi' } }, userId: 'u1', at });
    expect(JSON.parse(outbox()[0]?.base_versions ?? '')).toEqual({ note: 10 });

    store.applyPulled({ changes: [confirmed(12, { outcome: 'referred' }, { note: 10, outcome: 12 })], checkpoint: 12, lastMutationId: 1, final: true }, at);
    // Not the stale note from the server: the clerk's own pending note, over the colleague's outcome.
    expect(shown('c1')).toEqual({ note: 'Pieteicās uz pasi', outcome: 'referred', version: null });

    // A non-final batch carrying the acknowledgement does not yet remove the edit.
    store.applyPulled({ changes: [], checkpoint: 12, lastMutationId: 2, final: false }, at);
    expect(outbox()).toHaveLength(1);
    store.applyPulled({ changes: [confirmed(13, { outcome: 'referred', note: 'Pieteicās uz pasi' }, { note: 13, outcome: 12 })], checkpoint: 13, lastMutationId: 2, final: true }, at);
    expect(outbox()).toEqual([]);
    expect(shown('c1')).toEqual({ note: 'Pieteicās uz pasi', outcome: 'referred', version: 13 });
    db.close();
  });

  it('bases an edit of a still-unsent create on that create, then on the version the platform answers', () => {
    const { db, store, outbox } = setup(tempDir());
    const first = store.mutate({ name: 'consultation.create', args: created, userId: 'u1', at });
    const second = store.mutate({ name: 'consultation.update', args: { id: 'c1', changes: { note: 'Labots' } }, userId: 'u1', at });
    const row = () => db.prepare(`SELECT * FROM outbox WHERE mutation_id = ?`).get(second) as Parameters<typeof store.sendableBase>[0];
    expect(JSON.parse(outbox()[1]?.base_versions ?? '')).toEqual({ note: { mine: first } });
    expect(store.sendableBase(row())).toBeNull();
    store.answered(first, 27);
    expect(store.sendableBase(row())).toEqual({ note: 27 });
    db.close();
  });

  it('bases an edit made after its own earlier edit was answered, but before a pull confirmed it, on the answered version', () => {
    const { db, store, outbox } = setup(tempDir());
    store.applyPulled({ changes: [confirmed(10, {}, { note: 10 })], checkpoint: 10, lastMutationId: null, final: true }, at);
    const first = store.mutate({ name: 'consultation.update', args: { id: 'c1', changes: { note: 'Pirmā' } }, userId: 'u1', at });
    // The platform applied it at version 11 (the engine marks it and reports the version); no pull yet.
    db.prepare(`UPDATE outbox SET applied = 1 WHERE mutation_id = ?`).run(first);
    store.answered(first, 11);
    // The clerk corrects the note again: her base is her own answered change, not a wait for an answer that already came.
    const second = store.mutate({ name: 'consultation.update', args: { id: 'c1', changes: { note: 'Otrā' } }, userId: 'u1', at });
    const row = () => db.prepare(`SELECT * FROM outbox WHERE mutation_id = ?`).get(second) as Parameters<typeof store.sendableBase>[0];
    expect(store.sendableBase(row())).toEqual({ note: 11 });
    // The pull acknowledges the first; the second stays sendable rather than waiting for ever.
    store.applyPulled({ changes: [confirmed(11, { note: 'Pirmā' }, { note: 11 })], checkpoint: 11, lastMutationId: first, final: true }, at);
    expect(outbox().map((m) => m.mutation_id)).toEqual([second]);
    expect(store.sendableBase(row())).toEqual({ note: 11 });
    db.close();
  });

  it('never leaves an edit waiting on a change of ours that has left the outbox', () => {
    const { db, store, outbox } = setup(tempDir());
    store.applyPulled({ changes: [confirmed(10, {}, { note: 10 })], checkpoint: 10, lastMutationId: null, final: true }, at);
    const first = store.mutate({ name: 'consultation.update', args: { id: 'c1', changes: { note: 'Pirmā' } }, userId: 'u1', at });
    const second = store.mutate({ name: 'consultation.update', args: { id: 'c1', changes: { note: 'Otrā' } }, userId: 'u1', at });
    expect(JSON.parse(outbox()[1]?.base_versions ?? '')).toEqual({ note: { mine: first } });
    // An acknowledgement that arrives before the push's own answer (which this desk never got): the
    // base falls back to 0, so the platform checks the edit against everything — a conflict at worst.
    store.applyPulled({ changes: [confirmed(11, { note: 'Pirmā' }, { note: 11 })], checkpoint: 11, lastMutationId: first, final: true }, at);
    const row = db.prepare(`SELECT * FROM outbox WHERE mutation_id = ?`).get(second) as Parameters<typeof store.sendableBase>[0];
    expect(store.sendableBase(row)).toEqual({ note: 0 });
    db.close();
  });

  it('rolls the screen back to the confirmed state when a pending edit leaves the outbox refused', () => {
    const { db, store, shown } = setup(tempDir());
    store.applyPulled({ changes: [confirmed(10, {}, { note: 10 })], checkpoint: 10, lastMutationId: null, final: true }, at);
    const id = store.mutate({ name: 'consultation.update', args: { id: 'c1', changes: { note: 'Atteiks' } }, userId: 'u1', at });
    expect(shown('c1')?.note).toBe('Atteiks');
    db.prepare(`DELETE FROM outbox WHERE mutation_id = ?`).run(id);
    store.rebuild('consultation', 'c1');
    expect(shown('c1')).toEqual({ note: 'Jautāja par pasi', outcome: 'informed', version: 10 });
    db.close();
  });

  it('numbers mutations without gaps and never reuses a number after the outbox empties', () => {
    const { db, store } = setup(tempDir());
    expect(store.mutate({ name: 'consultation.create', args: created, userId: 'u1', at })).toBe(1);
    store.applyPulled({ changes: [confirmed(10, {}, {})], checkpoint: 10, lastMutationId: 1, final: true }, at);
    expect(store.mutate({ name: 'consultation.update', args: { id: 'c1', changes: { outcome: 'referred' } }, userId: 'u1', at })).toBe(2);
    db.close();
  });
});
