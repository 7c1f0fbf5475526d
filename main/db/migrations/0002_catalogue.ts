import type { Migration } from '../migrate';

/**
 * The service catalogue and its search index. The FTS table folds case and diacritics
 * (`remove_diacritics 2` covers every Latvian letter) so `bezdarbnieka` finds `bezdarbnieka`, and
 * `zinasanu` finds `zināšanu`. Triggers keep the index in the same transaction as the rows.
 */
export const m0002Catalogue: Migration = {
  version: 2,
  name: 'catalogue',
  up(db) {
    db.exec(`
      CREATE TABLE services (
        code                  TEXT PRIMARY KEY,
        name                  TEXT NOT NULL,
        description           TEXT NOT NULL,
        owner_code            TEXT NOT NULL REFERENCES institutions(code),
        channels              TEXT NOT NULL,  -- JSON array
        fee_kind              TEXT NOT NULL CHECK (fee_kind IN ('free', 'fee', 'state_duty')),
        fee_cents             INTEGER NOT NULL CHECK (fee_cents >= 0),
        synonyms              TEXT NOT NULL,  -- JSON array
        required_documents    TEXT NOT NULL,  -- JSON array
        typical_duration_days INTEGER NOT NULL,
        sla_days              INTEGER NOT NULL,
        form                  TEXT NOT NULL   -- JSON form definition
      ) STRICT;
      CREATE INDEX services_owner ON services(owner_code);

      CREATE VIRTUAL TABLE services_fts USING fts5(
        code, name, synonyms, owner, description,
        tokenize = "unicode61 remove_diacritics 2 tokenchars '.'"
      );

      CREATE TRIGGER services_ai AFTER INSERT ON services BEGIN
        INSERT INTO services_fts(rowid, code, name, synonyms, owner, description)
        SELECT new.rowid, new.code, new.name,
               (SELECT group_concat(value, ' ') FROM json_each(new.synonyms)),
               (SELECT name || ' ' || code FROM institutions WHERE code = new.owner_code),
               new.description;
      END;
      CREATE TRIGGER services_ad AFTER DELETE ON services BEGIN
        DELETE FROM services_fts WHERE rowid = old.rowid;
      END;
      CREATE TRIGGER services_au AFTER UPDATE ON services BEGIN
        DELETE FROM services_fts WHERE rowid = old.rowid;
        INSERT INTO services_fts(rowid, code, name, synonyms, owner, description)
        SELECT new.rowid, new.code, new.name,
               (SELECT group_concat(value, ' ') FROM json_each(new.synonyms)),
               (SELECT name || ' ' || code FROM institutions WHERE code = new.owner_code),
               new.description;
      END;
    `);
  },
};
