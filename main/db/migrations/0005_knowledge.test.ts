import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { rawDatabase, useTempDir } from '../test-support';
import { migrations } from './index';

describe('migration 5: knowledge', () => {
  const tempDir = useTempDir();

  it('adds articles beside existing consultations and exposes the index vocabulary', () => {
    const db = rawDatabase(tempDir());
    migrate(db, migrations, 4);
    db.prepare(`INSERT INTO users (id, username, display_name, roles, password_hash) VALUES ('u1', 'klerks', 'Anna', '["clerk"]', 'x')`).run();
    migrate(db, migrations, 5);
    db.prepare(`INSERT INTO kb_articles (id, topic, title, body, updated_at) VALUES ('a1', 'VSAA', 'Pabalsts', 'Teksts', '2026-11-22T10:00:00Z')`).run();
    db.prepare(`INSERT INTO kb_fts (rowid, title, tags, body) VALUES (1, 'pabalst', '', 'tekst')`).run();
    expect(db.prepare(`SELECT term FROM kb_vocab ORDER BY term`).all()).toEqual([{ term: 'pabalst' }, { term: 'tekst' }]);
    expect(() => db.prepare(`INSERT INTO kb_articles (id, topic, title, body, audience, updated_at) VALUES ('a2', 't', 't', 'b', 'everyone', 'x')`).run()).toThrow(/CHECK/);
    expect(db.prepare(`SELECT count(*) AS n FROM users`).get()).toEqual({ n: 1 });
    db.close();
  });
});
