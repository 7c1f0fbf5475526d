import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { rawDatabase, useTempDir } from '../test-support';
import { migrations } from './index';

describe('migration 8: attachments', () => {
  const tempDir = useTempDir();

  it('keeps the outbox as it was and tracks how much of each document the platform has', () => {
    const db = rawDatabase(tempDir());
    migrate(db, migrations, 7);
    db.prepare(`INSERT INTO users (id, username, display_name, roles, password_hash) VALUES ('u1', 'klerks', 'Anna', '["clerk"]', 'x')`).run();
    db.prepare(`INSERT INTO outbox (mutation_id, key, name, entity_id, args, created_at, user_id) VALUES (1, 'k1', 'consultation.create', 'c1', '{}', 'now', 'u1')`).run();
    migrate(db, migrations, 8);
    expect(db.prepare(`SELECT count(*) AS n FROM outbox`).get()).toEqual({ n: 1 });
    const add = db.prepare(`INSERT INTO attachments (id, case_id, kind, name, media_type, size, sha256, file, uploaded, created_at) VALUES (?, 'case', 'scan', 'a.pdf', 'application/pdf', 10, 'x', 'documents/a', ?, 'now')`);
    add.run('d1', 0);
    expect(db.prepare(`SELECT state, uploaded FROM attachments`).get()).toEqual({ state: 'local', uploaded: 0 });
    expect(() => add.run('d2', 11)).toThrow(/CHECK/);
    db.close();
  });
});
