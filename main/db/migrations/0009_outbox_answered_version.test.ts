import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { rawDatabase, useTempDir } from '../test-support';
import { migrations } from './index';

describe('migration 9: the version the platform answered for an applied outbox entry', () => {
  const tempDir = useTempDir();

  it('adds the column and frees edits stuck waiting on an entry that has left the outbox', () => {
    const db = rawDatabase(tempDir());
    migrate(db, migrations, 8);
    db.prepare(`INSERT INTO users (id, username, display_name, roles, password_hash) VALUES ('u1', 'klerks', 'Anna', '["clerk"]', 'x')`).run();
    const add = db.prepare(`INSERT INTO outbox (mutation_id, key, name, entity_id, args, created_at, user_id, base_versions, applied) VALUES (?, ?, 'consultation.update', 'c1', '{}', 'now', 'u1', ?, ?)`);
    add.run(3, 'k3', '{"note":17}', 1);
    // Entry 2 was acknowledged and removed; 4 still waits on it. 5 waits on 3, which is still here.
    add.run(4, 'k4', '{"note":{"mine":2},"outcome":12}', 0);
    add.run(5, 'k5', '{"channel":{"mine":3}}', 0);
    migrate(db, migrations, 9);
    expect(db.prepare(`SELECT mutation_id, base_versions, applied, version FROM outbox ORDER BY mutation_id`).all()).toEqual([
      { mutation_id: 3, base_versions: '{"note":17}', applied: 1, version: null },
      { mutation_id: 4, base_versions: '{"note":0,"outcome":12}', applied: 0, version: null },
      { mutation_id: 5, base_versions: '{"channel":{"mine":3}}', applied: 0, version: null },
    ]);
    db.close();
  });
});
