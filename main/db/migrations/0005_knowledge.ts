import type { Migration } from '../migrate';

/**
 * Knowledge articles and their search index. The index holds analysed text (folded, stemmed: see
 * main/kb/stem.ts), written by the same transaction as the article, so search never sees a stale row.
 */
export const m0005Knowledge: Migration = {
  version: 5,
  name: 'knowledge',
  up(db) {
    db.exec(`
      CREATE TABLE kb_articles (
        id            TEXT PRIMARY KEY,
        topic         TEXT NOT NULL,           -- path in the topic tree, e.g. "Pakalpojumi / VSAA"
        title         TEXT NOT NULL,
        body          TEXT NOT NULL,
        tags          TEXT NOT NULL DEFAULT '[]',
        service_codes TEXT NOT NULL DEFAULT '[]',
        audience      TEXT NOT NULL DEFAULT 'all' CHECK (audience IN ('all', 'provider', 'owner')),
        status        TEXT NOT NULL DEFAULT 'current' CHECK (status IN ('current', 'outdated')),
        version       INTEGER NOT NULL DEFAULT 1,
        updated_at    TEXT NOT NULL,
        updated_by    TEXT,
        source        TEXT                      -- where an imported article came from
      ) STRICT;
      CREATE INDEX kb_articles_topic ON kb_articles(topic);

      CREATE VIRTUAL TABLE kb_fts USING fts5(title, tags, body, tokenize = "unicode61 tokenchars '.'");
      -- Title and tag words weigh more than body words; set as the table's rank so ORDER BY rank
      -- takes FTS5's fast path.
      INSERT INTO kb_fts (kb_fts, rank) VALUES ('rank', 'bm25(10.0, 6.0, 1.0)');
      -- The index's own vocabulary, for typo correction against terms that really occur.
      CREATE VIRTUAL TABLE kb_vocab USING fts5vocab(kb_fts, 'row');
    `);
  },
};
