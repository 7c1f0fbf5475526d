import type { Migration } from '../migrate';

/** Every sign-in and every action on the desk, for the concept's audit module (§4.4.2). */
export const m0004Audit: Migration = {
  version: 4,
  name: 'audit',
  up(db) {
    db.exec(`
      CREATE TABLE audit_events (
        id         INTEGER PRIMARY KEY,
        at         TEXT NOT NULL,
        user_id    TEXT REFERENCES users(id),
        action     TEXT NOT NULL,
        subject    TEXT,            -- what was acted on (an id, never personal data)
        outcome    TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
        detail     TEXT             -- JSON without personal data
      ) STRICT;
      CREATE INDEX audit_events_at ON audit_events(at);
    `);
  },
};
