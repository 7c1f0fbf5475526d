import type { Migration } from '../migrate';

/**
 * Changes the platform refused or found in conflict leave the outbox (so they never block the queue)
 * and wait here, with the reason and the server's state, until the clerk resolves them.
 */
export const m0006SyncFailures: Migration = {
  version: 6,
  name: 'sync-failures',
  up(db) {
    db.exec(`
      CREATE TABLE sync_failures (
        mutation_id  INTEGER PRIMARY KEY,
        kind         TEXT NOT NULL CHECK (kind IN ('rejected', 'conflict')),
        name         TEXT NOT NULL,
        entity_id    TEXT NOT NULL,
        args         TEXT NOT NULL,
        reason       TEXT,
        server_state TEXT,
        fields       TEXT,
        at           TEXT NOT NULL,
        resolved_at  TEXT
      ) STRICT;
    `);
  },
};
