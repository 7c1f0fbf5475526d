import type { Migration } from '../migrate';

/** Who works where: institutions, centres, desks, and the users who may sign in on this desk. */
export const m0001Directory: Migration = {
  version: 1,
  name: 'directory',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE institutions (
        code    TEXT PRIMARY KEY,
        name    TEXT NOT NULL,
        name_en TEXT NOT NULL,
        kind    TEXT NOT NULL CHECK (kind IN ('state', 'municipality'))
      ) STRICT;

      CREATE TABLE centres (
        id           TEXT PRIMARY KEY,
        name         TEXT NOT NULL,
        municipality TEXT NOT NULL,
        address      TEXT NOT NULL,
        kind         TEXT NOT NULL
      ) STRICT;

      CREATE TABLE desks (
        id        TEXT PRIMARY KEY,
        centre_id TEXT NOT NULL REFERENCES centres(id),
        name      TEXT NOT NULL
      ) STRICT;

      CREATE TABLE users (
        id               TEXT PRIMARY KEY,
        username         TEXT NOT NULL UNIQUE COLLATE NOCASE,
        display_name     TEXT NOT NULL,
        roles            TEXT NOT NULL,  -- JSON array of role names
        centre_id        TEXT REFERENCES centres(id),
        institution_code TEXT REFERENCES institutions(code),
        desk_id          TEXT REFERENCES desks(id),
        password_hash    TEXT NOT NULL,   -- scrypt, verified locally so a clerk can sign in offline
        active           INTEGER NOT NULL DEFAULT 1
      ) STRICT;
    `);
  },
};
