import type { Migration } from '../migrate';

/**
 * Confirmed server state kept apart from the clerk's pending edits. `replica_rows` holds exactly what
 * the platform last sent for each row (with per-field versions, the base of every later edit; a field
 * missing there was last written at the row's version); `local_rows` is an overlay for the rows with
 * pending changes: the replica with this desk's outbox re-applied on top, rebuilt whenever either side
 * changes, so a pulled batch never flickers a screen back to stale data. An outbox entry the platform applied stays (marked) until a pull acknowledges it.
 * An edit made on top of our own pending change records that change's number as its base, replaced by
 * the version the platform answered as soon as it answers.
 */
export const m0007Replica: Migration = {
  version: 7,
  name: 'replica',
  up(db) {
    db.exec(`
      CREATE TABLE replica_rows (
        entity         TEXT NOT NULL,
        id             TEXT NOT NULL,
        version        INTEGER NOT NULL,
        data           TEXT NOT NULL,            -- JSON, as the platform sent it
        field_versions TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (entity, id)
      ) STRICT;  -- a rowid table: rows are large and ids random, so keys alone go in the index

      CREATE TABLE local_rows (
        entity  TEXT NOT NULL,
        id      TEXT NOT NULL,
        data    TEXT NOT NULL,                   -- JSON: the replica plus pending edits
        version INTEGER,                         -- the confirmed version underneath; NULL if never confirmed
        pending INTEGER NOT NULL,                -- how many outbox entries are applied on top (≥ 1)
        PRIMARY KEY (entity, id)
      ) STRICT, WITHOUT ROWID;

      ALTER TABLE outbox ADD COLUMN entity TEXT NOT NULL DEFAULT 'consultation';
      -- field -> confirmed version the clerk saw, or {"mine": mutation_id} when the value came from
      -- one of our own pending mutations, until that one is answered.
      ALTER TABLE outbox ADD COLUMN base_versions TEXT NOT NULL DEFAULT '{}';
      -- Applied by the platform but not yet seen in a pull: still re-applied on top of the replica (so
      -- the screen does not flicker back), no longer sent; the pull's acknowledgement removes it.
      ALTER TABLE outbox ADD COLUMN applied INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX outbox_row ON outbox(entity, entity_id, mutation_id);

      ALTER TABLE sync_failures ADD COLUMN entity TEXT NOT NULL DEFAULT 'consultation';
      ALTER TABLE sync_failures ADD COLUMN resolution TEXT;  -- mine | theirs | merged | dismissed
    `);
    // Consultations were applied straight to their table before this version: confirmed ones seed the
    // replica (so later edits have a base), unconfirmed ones are still in the outbox and stay pending.
    const asData = `json_object('id', id, 'serviceCode', service_code, 'channel', channel,
        'client', CASE client_kind WHEN 'phone' THEN json_object('kind', 'phone', 'phone', client_phone) ELSE json_object('kind', 'anonymous') END,
        'outcome', outcome, 'note', note, 'userId', user_id, 'createdAt', created_at)`;
    db.exec(`
      INSERT INTO replica_rows (entity, id, version, data)
      SELECT 'consultation', id, version, ${asData} FROM consultations WHERE version IS NOT NULL;
      INSERT INTO local_rows (entity, id, data, version, pending)
      SELECT 'consultation', id, ${asData}, version, (SELECT count(*) FROM outbox o WHERE o.entity_id = consultations.id)
        FROM consultations WHERE id IN (SELECT entity_id FROM outbox);
    `);
  },
};
