import type { Migration } from '../migrate';

/**
 * The knowledge base becomes what the platform publishes, synced like every other row: articles carry
 * their audience, owner, template and legislation; editors keep every version; scripts arrive too.
 * The desk's own demo import (migration 5's rows) is dropped: the platform's copy replaces it on the
 * next pull. Reads and subscriptions stay on the desk: they are a reader's private markers. Articles
 * may have files, downloaded to every desk that may read them.
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

      -- Files this desk sends now belong to a case or, from an editor, to an article.
      CREATE TABLE attachments_new (
        id          TEXT PRIMARY KEY,
        case_id     TEXT,
        article_id  TEXT,
        kind        TEXT NOT NULL,
        name        TEXT NOT NULL,
        media_type  TEXT NOT NULL,
        size        INTEGER NOT NULL CHECK (size > 0),
        sha256      TEXT NOT NULL,
        file        TEXT NOT NULL,
        uploaded    INTEGER NOT NULL DEFAULT 0 CHECK (uploaded BETWEEN 0 AND size),
        state       TEXT NOT NULL DEFAULT 'local' CHECK (state IN ('local', 'uploaded')),
        error       TEXT,
        created_at  TEXT NOT NULL,
        CHECK ((case_id IS NULL) <> (article_id IS NULL))
      ) STRICT;
      INSERT INTO attachments_new (id, case_id, kind, name, media_type, size, sha256, file, uploaded, state, error, created_at)
        SELECT id, case_id, kind, name, media_type, size, sha256, file, uploaded, state, error, created_at FROM attachments;
      DROP TABLE attachments;
      ALTER TABLE attachments_new RENAME TO attachments;
      CREATE INDEX attachments_case ON attachments(case_id);
      CREATE INDEX attachments_local ON attachments(state) WHERE state = 'local';

      -- Every article's files as the platform lists them; \`file\` is set once the content is on this
      -- desk, so an article reads offline with its attachments.
      CREATE TABLE kb_files (
        id          TEXT PRIMARY KEY,
        article_id  TEXT NOT NULL,
        name        TEXT NOT NULL,
        media_type  TEXT NOT NULL,
        size        INTEGER NOT NULL,
        sha256      TEXT NOT NULL,
        file        TEXT,
        created_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX kb_files_article ON kb_files(article_id);
    `);
  },
};
