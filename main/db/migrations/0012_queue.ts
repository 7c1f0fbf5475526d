import type { Migration } from '../migrate';

/**
 * The centre's queue as this desk last heard it (queues, tickets, appointments), every clerk's
 * worktime for the day sheets, and the one queue action whose answer the desk has not heard yet.
 * Queue actions are answered by the platform at once (two desks must never call the same client), so
 * they do not wait in the outbox: they go on their own channel, one at a time, and an action whose
 * answer was lost is sent again, with the same number, before any other.
 */
export const m0012Queue: Migration = {
  version: 12,
  name: 'queue',
  up(db) {
    db.exec(`
      CREATE TABLE queues (
        id                  TEXT PRIMARY KEY,
        centre_id           TEXT NOT NULL,
        letter              TEXT NOT NULL,
        name                TEXT NOT NULL,
        service_codes       TEXT NOT NULL DEFAULT '[]',
        wait_target_minutes INTEGER NOT NULL DEFAULT 15 CHECK (wait_target_minutes > 0)
      ) STRICT;

      CREATE TABLE tickets (
        id              TEXT PRIMARY KEY,
        centre_id       TEXT NOT NULL,
        queue_id        TEXT NOT NULL,
        number          TEXT NOT NULL,
        day             TEXT NOT NULL,
        category        TEXT NOT NULL CHECK (category IN ('regular', 'appointment', 'disability', 'elderly')),
        service_code    TEXT,
        status          TEXT NOT NULL CHECK (status IN ('waiting', 'called', 'serving', 'done', 'no_show', 'cancelled')),
        issued_at       TEXT NOT NULL,
        called_at       TEXT,
        started_at      TEXT,
        finished_at     TEXT,
        desk_id         TEXT,
        user_id         TEXT,
        target_desk_id  TEXT,
        case_id         TEXT,
        consultation_id TEXT,
        recalls         INTEGER NOT NULL DEFAULT 0,
        note            TEXT,
        pending         INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX tickets_day_status ON tickets (day, status);
      CREATE INDEX tickets_user ON tickets (user_id, day);

      CREATE TABLE appointments (
        id           TEXT PRIMARY KEY,
        centre_id    TEXT NOT NULL,
        queue_id     TEXT NOT NULL,
        service_code TEXT,
        starts_at    TEXT NOT NULL,
        day          TEXT NOT NULL,
        code         TEXT NOT NULL,
        booked_by    TEXT NOT NULL,
        ticket_id    TEXT,
        cancelled    INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1))
      ) STRICT;
      CREATE INDEX appointments_day ON appointments (day);

      CREATE TABLE worktime (
        id           TEXT PRIMARY KEY,
        user_id      TEXT NOT NULL,
        desk_id      TEXT,
        state        TEXT NOT NULL CHECK (state IN ('available', 'serving', 'wrap_up', 'break', 'other_work', 'signed_out')),
        service_code TEXT,
        case_id      TEXT,
        started_at   TEXT NOT NULL,
        ended_at     TEXT,
        day          TEXT NOT NULL,
        pending      INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX worktime_user_day ON worktime (user_id, day, started_at);

      CREATE TABLE queue_live_pending (
        mutation_id INTEGER PRIMARY KEY,
        key         TEXT NOT NULL UNIQUE,
        name        TEXT NOT NULL,
        args        TEXT NOT NULL,
        user_id     TEXT NOT NULL,
        created_at  TEXT NOT NULL
      ) STRICT;
    `);
  },
};
