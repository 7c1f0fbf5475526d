import type { Migration } from '../migrate';

/**
 * The knowledge base becomes what the platform publishes, synced like every other row: articles carry
 * their audience, owner, template and legislation; editors keep every version; scripts arrive too.
 * The desk's own demo import (migration 5's rows) is dropped: the platform's copy replaces it on the
 * next pull. Reads and subscriptions stay on the desk: they are a reader's private markers.
 */
export const m0011KnowledgeSynced: Migration = {
  version: 11,
  name: 'knowledge-synced',
  up(db) {
    db.exec(`
      DROP TABLE kb_vocab;
      DROP TABLE kb_fts;
      DROP TABLE kb_articles;

      CREATE TABLE kb_articles (
        id            TEXT PRIMARY KEY,
        topic         TEXT NOT NULL,           -- path in the topic tree: "Pakalpojumi / PMLP"
        title         TEXT NOT NULL,
        body          TEXT NOT NULL,
        tags          TEXT NOT NULL DEFAULT '[]',
        service_codes TEXT NOT NULL DEFAULT '[]',
        legislation   TEXT NOT NULL DEFAULT '[]',
        audience      TEXT NOT NULL CHECK (audience IN ('providers', 'owners')),
        owner_code    TEXT,
        template      TEXT NOT NULL CHECK (template IN ('procedure', 'faq', 'back_office', 'free')),
        status        TEXT NOT NULL CHECK (status IN ('current', 'outdated')),
        version       INTEGER NOT NULL,
        updated_at    TEXT NOT NULL,
        updated_by    TEXT,
        source        TEXT
      ) STRICT;
      CREATE INDEX kb_articles_topic ON kb_articles(topic);
      -- "Articles for this service", for the suggestions beside a case or a script step.
      CREATE TABLE kb_article_services (
        service_code TEXT NOT NULL,
        article_id   TEXT NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
        PRIMARY KEY (service_code, article_id)
      ) STRICT, WITHOUT ROWID;

      CREATE VIRTUAL TABLE kb_fts USING fts5(title, tags, body, tokenize = "unicode61 tokenchars '.'");
      INSERT INTO kb_fts (kb_fts, rank) VALUES ('rank', 'bm25(10.0, 6.0, 1.0)');
      CREATE VIRTUAL TABLE kb_vocab USING fts5vocab(kb_fts, 'row');
      -- Bumped with every article written, so search reloads its typo vocabulary only when it changed.
      CREATE TABLE kb_generation (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
      INSERT INTO kb_generation VALUES (1, 0);

      CREATE TABLE kb_article_versions (
        article_id TEXT NOT NULL,
        version    INTEGER NOT NULL,
        title      TEXT NOT NULL,
        status     TEXT NOT NULL,
        updated_by TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (article_id, version)
      ) STRICT;

      CREATE TABLE kb_scripts (
        id            TEXT PRIMARY KEY,
        title         TEXT NOT NULL,
        service_codes TEXT NOT NULL DEFAULT '[]',
        version       INTEGER NOT NULL,
        updated_at    TEXT NOT NULL,
        updated_by    TEXT,
        data          TEXT NOT NULL          -- start and steps, as published
      ) STRICT;

      CREATE TABLE kb_reads (
        user_id    TEXT NOT NULL,
        article_id TEXT NOT NULL,
        version    INTEGER NOT NULL,
        read_at    TEXT NOT NULL,
        PRIMARY KEY (user_id, article_id)
      ) STRICT;
      CREATE TABLE kb_subscriptions (
        user_id    TEXT NOT NULL,
        kind       TEXT NOT NULL CHECK (kind IN ('service', 'topic')),
        key        TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (user_id, kind, key)
      ) STRICT;

      -- A consultation recorded at the end of a call script keeps which script, version and path.
      ALTER TABLE consultations ADD COLUMN script TEXT;
    `);
  },
};
