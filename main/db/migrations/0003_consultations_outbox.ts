import type { Migration } from '../migrate';

/**
 * Consultations and the outbox. A clerk's write changes the visible row and appends to the outbox in
 * one transaction; `mutation_id` is this installation's gap-free counter that the platform checks.
 */
export const m0003ConsultationsOutbox: Migration = {
  version: 3,
  name: 'consultations-outbox',
  up(db) {
    db.exec(`
      CREATE TABLE consultations (
        id           TEXT PRIMARY KEY,
        created_at   TEXT NOT NULL,          -- ISO 8601, UTC
        local_date   TEXT NOT NULL,          -- YYYY-MM-DD in Europe/Riga: "today" as the clerk means it
        user_id      TEXT NOT NULL REFERENCES users(id),
        desk_id      TEXT REFERENCES desks(id),
        service_code TEXT REFERENCES services(code),
        channel      TEXT NOT NULL,
        client_kind  TEXT NOT NULL CHECK (client_kind IN ('anonymous', 'phone')),
        client_phone TEXT,
        outcome      TEXT NOT NULL,
        note         TEXT NOT NULL,
        version      INTEGER,                -- the platform's version once confirmed; NULL while local only
        CHECK ((client_kind = 'phone') = (client_phone IS NOT NULL))
      ) STRICT;
      CREATE INDEX consultations_user_day ON consultations(user_id, local_date, created_at);

      CREATE TABLE outbox (
        mutation_id INTEGER PRIMARY KEY,     -- 1, 2, 3… per installation, never reused
        key         TEXT NOT NULL UNIQUE,    -- UUID, so a retried push is recognised
        name        TEXT NOT NULL,           -- e.g. consultation.create
        entity_id   TEXT NOT NULL,
        args        TEXT NOT NULL,           -- JSON
        created_at  TEXT NOT NULL,
        user_id     TEXT NOT NULL REFERENCES users(id)
      ) STRICT;
    `);
  },
};
