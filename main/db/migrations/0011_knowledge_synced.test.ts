import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { rawDatabase, useTempDir } from '../test-support';
import { migrations } from './index';

describe('migration 11: the knowledge base synced from the platform', () => {
  const tempDir = useTempDir();

  it('drops the desk-local demo articles, keeps consultations and case attachments, and checks audience, template and what a file belongs to', () => {
    const db = rawDatabase(tempDir());
    migrate(db, migrations, 10);
    db.prepare(`INSERT INTO users (id, username, display_name, roles, password_hash) VALUES ('u1', 'klerks', 'Anna', '["clerk"]', 'x')`).run();
    db.prepare(`INSERT INTO kb_articles (id, topic, title, body, updated_at) VALUES ('import:a', 'VSAA', 'Pabalsts', 'Teksts', 'x')`).run();
    db.prepare(
      `INSERT INTO consultations (id, created_at, local_date, user_id, channel, client_kind, outcome, note) VALUES ('c1', '2026-11-23T08:00:00Z', '2026-11-23', 'u1', 'phone', 'anonymous', 'informed', '')`,
    ).run();
    db.prepare(`INSERT INTO attachments (id, case_id, kind, name, media_type, size, sha256, file, created_at) VALUES ('d1', 'k1', 'scan', 'a.pdf', 'application/pdf', 3, 'x', 'documents/d1', 'x')`).run();
    migrate(db, migrations, 11);
    expect(db.prepare(`SELECT count(*) AS n FROM kb_articles`).get()).toEqual({ n: 0 });
    expect(db.prepare(`SELECT id, script FROM consultations`).all()).toEqual([{ id: 'c1', script: null }]);
    const insert = db.prepare(
      `INSERT INTO kb_articles (id, topic, title, body, audience, template, status, version, updated_at) VALUES (?, 't', 't', 'b', ?, ?, 'current', 1, 'x')`,
    );
    insert.run('a1', 'providers', 'faq');
    expect(() => insert.run('a2', 'all', 'faq')).toThrow(/CHECK/u);
    expect(() => insert.run('a3', 'owners', 'essay')).toThrow(/CHECK/u);
    db.prepare(`INSERT INTO kb_article_services VALUES ('1001', 'a1')`).run();
    db.prepare(`DELETE FROM kb_articles WHERE id = 'a1'`).run();
    expect(db.prepare(`SELECT count(*) AS n FROM kb_article_services`).get()).toEqual({ n: 0 });
    expect(() => db.prepare(`INSERT INTO kb_subscriptions VALUES ('u1', 'institution', 'PMLP', 'x')`).run()).toThrow(/CHECK/u);
    expect(db.prepare(`SELECT id, case_id, article_id, state FROM attachments`).all()).toEqual([{ id: 'd1', case_id: 'k1', article_id: null, state: 'local' }]);
    const attach = db.prepare(`INSERT INTO attachments (id, case_id, article_id, kind, name, media_type, size, sha256, file, created_at) VALUES (?, ?, ?, 'scan', 'a', 'application/pdf', 1, 'x', 'f', 'x')`);
    attach.run('d2', null, 'a1');
    expect(() => attach.run('d3', null, null)).toThrow(/CHECK/u);
    expect(() => attach.run('d4', 'k1', 'a1')).toThrow(/CHECK/u);
    db.close();
  });
});
