import type { Migration } from '../migrate';

/**
 * Documents attached to cases on this desk (scans, signatures, generated PDFs). The bytes sit in a
 * file under the data folder from the moment they are taken; the metadata goes through the outbox
 * (`document.attach`), and the content uploads separately and resumably once the platform has the
 * metadata. `uploaded` is how many bytes the platform has confirmed; `state` says whether the case
 * still holds a document only this desk has.
 */
export const m0008Attachments: Migration = {
  version: 8,
  name: 'attachments',
  up(db) {
    db.exec(`
      CREATE TABLE attachments (
        id          TEXT PRIMARY KEY,            -- the document id, as on the platform
        case_id     TEXT NOT NULL,
        kind        TEXT NOT NULL,
        name        TEXT NOT NULL,
        media_type  TEXT NOT NULL,
        size        INTEGER NOT NULL CHECK (size > 0),
        sha256      TEXT NOT NULL,
        file        TEXT NOT NULL,               -- relative to the data folder
        uploaded    INTEGER NOT NULL DEFAULT 0 CHECK (uploaded BETWEEN 0 AND size),
        state       TEXT NOT NULL DEFAULT 'local' CHECK (state IN ('local', 'uploaded')),
        error       TEXT,                        -- the last refusal, in Latvian, for the case screen
        created_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX attachments_case ON attachments(case_id);
      CREATE INDEX attachments_local ON attachments(state) WHERE state = 'local';
    `);
  },
};
