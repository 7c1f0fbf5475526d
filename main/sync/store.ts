import { randomUUID } from 'node:crypto';
import type { Db } from '../db/connection';

export type RowData = Record<string, unknown>;

/**
 * What a mutation does on this desk before the platform confirms it. `apply` turns the row as it looks
 * into the row as it will look; it must be a pure function of its inputs, because it runs again on top
 * of every newer confirmed state a pull brings until the platform acknowledges the mutation.
 */
export interface LocalEffect {
  entity: string;
  apply(current: RowData | null, args: RowData, meta: { userId: string; at: string }): RowData;
  /** The fields it writes, each needing a base version; `all` for a create. */
  writes(args: RowData): string[] | 'all';
}

/** Keeps a typed table in step with the visible rows of one entity, for the screens' queries. */
export interface Projection {
  put(id: string, data: RowData, state: { version: number | null; pending: boolean }): void;
  remove(id: string): void;
}

export interface PulledChange {
  entity: string;
  id: string;
  version: number;
  deleted: boolean;
  data: RowData | null;
  fieldVersions?: RowData | null;
}

export interface OutboxRow {
  mutation_id: number;
  key: string;
  name: string;
  entity: string;
  entity_id: string;
  args: string;
  base_versions: string;
}

/** A field's base: the confirmed version the clerk saw, or the number of our own mutation it came from. */
type Base = number | { mine: number };

const key = (entity: string, id: string) => `${entity}\u0000${id}`;

/** Field versions equal to the row's own version are left out: a missing one means the row's version. */
function compact(fieldVersions: RowData | null | undefined, version: number): Record<string, number> {
  const kept: Record<string, number> = {};
  for (const [field, v] of Object.entries(fieldVersions ?? {})) if (typeof v === 'number' && v !== version) kept[field] = v;
  return kept;
}

/**
 * The desk's synced data in two layers: `replica_rows`, exactly what the platform confirmed, and
 * `local_rows`, an overlay for the rows this desk has pending changes to: the replica with the outbox
 * re-applied in order. Every path that changes a row with pending changes rebuilds it the same way,
 * so the screen shows the clerk's own pending work on top of the newest server state — never stale
 * data, never a lost edit. Rows without pending changes (nearly all) are projected straight from what
 * the platform sent.
 */
export function createLocalStore(db: Db, options: { effects: Record<string, LocalEffect>; projections: Record<string, Projection> }) {
  const { effects, projections } = options;
  const replicaRow = db.prepare<[string, string], { version: number; data: string; field_versions: string }>(
    `SELECT version, data, field_versions FROM replica_rows WHERE entity = ? AND id = ?`,
  );
  const putReplica = db.prepare(
    `INSERT INTO replica_rows (entity, id, version, data, field_versions) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (entity, id) DO UPDATE SET version = excluded.version, data = excluded.data, field_versions = excluded.field_versions`,
  );
  const dropReplica = db.prepare(`DELETE FROM replica_rows WHERE entity = ? AND id = ?`);
  const pendingFor = db.prepare<[string, string], { mutation_id: number; name: string; args: string; user_id: string; created_at: string; applied: number; version: number | null }>(
    `SELECT mutation_id, name, args, user_id, created_at, applied, version FROM outbox WHERE entity = ? AND entity_id = ? ORDER BY mutation_id`,
  );
  const localRow = db.prepare<[string, string], { data: string }>(`SELECT data FROM local_rows WHERE entity = ? AND id = ?`);
  const putLocal = db.prepare(
    `INSERT INTO local_rows (entity, id, data, version, pending) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (entity, id) DO UPDATE SET data = excluded.data, version = excluded.version, pending = excluded.pending`,
  );
  const dropLocal = db.prepare(`DELETE FROM local_rows WHERE entity = ? AND id = ?`);
  const nextMutation = db.prepare<[], { next: number }>(
    `SELECT max(coalesce((SELECT max(mutation_id) FROM outbox), 0), coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'last_mutation_id'), 0)) + 1 AS next`,
  );
  const insertOutbox = db.prepare(
    `INSERT INTO outbox (mutation_id, key, name, entity, entity_id, args, base_versions, created_at, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const setting = db.prepare(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  const acknowledged = db.prepare<[number], { mutation_id: number; entity: string; entity_id: string; version: number | null }>(
    `SELECT mutation_id, entity, entity_id, version FROM outbox WHERE mutation_id <= ?`,
  );
  const dropOutbox = db.prepare(`DELETE FROM outbox WHERE mutation_id = ?`);
  const pendingKeys = db.prepare<[], { entity: string; entity_id: string }>(`SELECT DISTINCT entity, entity_id FROM outbox`);
  const basedOnMine = db.prepare<[number], { mutation_id: number; base_versions: string }>(
    `SELECT mutation_id, base_versions FROM outbox WHERE mutation_id > ? AND base_versions LIKE '%"mine"%'`,
  );
  const setBase = db.prepare(`UPDATE outbox SET base_versions = ? WHERE mutation_id = ?`);
  const setAnswered = db.prepare(`UPDATE outbox SET version = ? WHERE mutation_id = ?`);

  function rebuild(entity: string, id: string) {
    const confirmed = replicaRow.get(entity, id);
    let data: RowData | null = confirmed ? (JSON.parse(confirmed.data) as RowData) : null;
    const pending = pendingFor.all(entity, id);
    for (const m of pending) {
      const effect = effects[m.name];
      if (!effect) continue;
      try {
        data = effect.apply(data, JSON.parse(m.args) as RowData, { userId: m.user_id, at: m.created_at });
      } catch {
        // The newer confirmed state no longer admits this edit locally; the platform decides when it
        // arrives there, and a refusal comes back to the clerk with its reason.
      }
    }
    const projection = projections[entity];
    if (data === null) {
      dropLocal.run(entity, id);
      projection?.remove(id);
      return;
    }
    const version = confirmed?.version ?? null;
    if (pending.length > 0) putLocal.run(entity, id, JSON.stringify(data), version, pending.length);
    else dropLocal.run(entity, id);
    projection?.put(id, data, { version, pending: pending.length > 0 });
  }

  /**
   * Our mutation was answered: later edits based on it now have a real base — the version it produced,
   * or 0 when it was refused (any value there now is someone else's, so the edit is checked against all).
   * An applied entry keeps the version too, for edits made on top of it before the pull confirms it.
   */
  function answered(mutationId: number, version: number | null) {
    setAnswered.run(version, mutationId);
    resolveBases((mine) => (mine === mutationId ? (version ?? 0) : undefined), mutationId);
  }

  /** Replaces `{mine: n}` bases of later entries by what `resolve(n)` gives (undefined: still waiting). */
  function resolveBases(resolve: (mine: number) => number | undefined, after = 0) {
    for (const row of basedOnMine.all(after)) {
      const base = JSON.parse(row.base_versions) as Record<string, Base>;
      let changed = false;
      for (const [field, b] of Object.entries(base)) {
        const resolved = typeof b === 'object' ? resolve(b.mine) : undefined;
        if (resolved !== undefined) {
          base[field] = resolved;
          changed = true;
        }
      }
      if (changed) setBase.run(JSON.stringify(base), row.mutation_id);
    }
  }

  function baseFor(entity: string, id: string, fields: string[] | 'all'): Record<string, Base> {
    if (fields === 'all') return {};
    const confirmed = replicaRow.get(entity, id);
    const fieldVersions = confirmed ? (JSON.parse(confirmed.field_versions) as Record<string, number>) : {};
    const pending = pendingFor.all(entity, id);
    const base: Record<string, Base> = {};
    for (const field of fields) {
      const mine = pending.findLast((m) => {
        const writes = effects[m.name]?.writes(JSON.parse(m.args) as RowData);
        return writes === 'all' || writes?.includes(field);
      });
      // Our own change already answered (applied, awaiting the pull) is a base now: its answered version.
      base[field] = mine ? (mine.applied ? (mine.version ?? 0) : { mine: mine.mutation_id }) : (fieldVersions[field] ?? confirmed?.version ?? 0);
    }
    return base;
  }

  return {
    /** The row as the clerk sees it: confirmed state with pending edits on top. */
    read(entity: string, id: string): RowData | null {
      const row = localRow.get(entity, id) ?? replicaRow.get(entity, id);
      return row ? (JSON.parse(row.data) as RowData) : null;
    },

    /**
     * Records a clerk's change: the visible row and the outbox entry (next gap-free number, a UUID key,
     * the base version of each field it writes) in one transaction. Call inside the caller's
     * transaction when other local records (an audit event) belong to the same change.
     */
    mutate: db.transaction((entry: { name: string; args: RowData & { id: string }; userId: string; at: Date }): number => {
      const effect = effects[entry.name];
      if (!effect) throw new Error(`No local effect for ${entry.name}`);
      const base = baseFor(effect.entity, entry.args.id, effect.writes(entry.args));
      const mutationId = nextMutation.get()?.next ?? 1;
      insertOutbox.run(
        mutationId,
        randomUUID(),
        entry.name,
        effect.entity,
        entry.args.id,
        JSON.stringify(entry.args),
        JSON.stringify(base),
        entry.at.toISOString(),
        entry.userId,
      );
      // Acknowledged entries leave the outbox, so the highest number ever used is kept apart.
      setting.run('last_mutation_id', String(mutationId));
      rebuild(effect.entity, entry.args.id);
      return mutationId;
    }),

    /**
     * One pulled batch with its checkpoint, atomically. Acknowledgements are taken only from the last
     * batch of a pull: by then every row our acknowledged mutations wrote has arrived, so removing them
     * from the outbox cannot show an older state for a moment.
     */
    applyPulled: db.transaction((batch: { changes: PulledChange[]; checkpoint: number; lastMutationId: number | null; final: boolean }, at: Date) => {
      const withPending = new Set(pendingKeys.all().map((r) => key(r.entity, r.entity_id)));
      const touched = new Map<string, [string, string]>();
      for (const c of batch.changes) {
        const k = key(c.entity, c.id);
        if (c.deleted || c.data === null) dropReplica.run(c.entity, c.id);
        else putReplica.run(c.entity, c.id, c.version, JSON.stringify(c.data), JSON.stringify(compact(c.fieldVersions, c.version)));
        if (withPending.has(k)) {
          touched.set(k, [c.entity, c.id]);
          continue;
        }
        // The common case, and all of a first download: nothing of ours on top, so the row is shown as sent.
        const projection = projections[c.entity];
        if (c.deleted || c.data === null) projection?.remove(c.id);
        else projection?.put(c.id, c.data, { version: c.version, pending: false });
      }
      if (batch.final && batch.lastMutationId !== null) {
        const gone = new Map<number, number | null>();
        for (const m of acknowledged.all(batch.lastMutationId)) {
          dropOutbox.run(m.mutation_id);
          gone.set(m.mutation_id, m.version);
          touched.set(key(m.entity, m.entity_id), [m.entity, m.entity_id]);
        }
        // Nothing may go on waiting for the answer of an entry that has left the outbox.
        if (gone.size > 0) resolveBases((mine) => (gone.has(mine) ? (gone.get(mine) ?? 0) : undefined));
      }
      for (const [entity, id] of touched.values()) rebuild(entity, id);
      setting.run('checkpoint', String(batch.checkpoint));
      setting.run('last_sync_at', at.toISOString());
    }),

    /** Rebuilds one row after its outbox changed outside a pull (a refusal rolls the clerk's edit back). */
    rebuild,

    answered,

    /** Base versions ready to send, or null while one still waits for our own earlier mutation's answer. */
    sendableBase(row: OutboxRow): Record<string, number> | null {
      const base = JSON.parse(row.base_versions) as Record<string, Base>;
      return Object.values(base).every((b) => typeof b === 'number') ? (base as Record<string, number>) : null;
    },
  };
}

export type LocalStore = ReturnType<typeof createLocalStore>;
