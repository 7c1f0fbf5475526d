import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { rawDatabase, useTempDir } from '../test-support';
import { migrations } from './index';

describe('migration 1: directory', () => {
  const tempDir = useTempDir();

  it('stores users of a desk with unique, case-insensitive user names', () => {
    const db = rawDatabase(tempDir());
    migrate(db, migrations, 1);
    db.prepare(`INSERT INTO institutions VALUES ('NVA', 'Nodarbinātības valsts aģentūra', 'State Employment Agency', 'state')`).run();
    db.prepare(`INSERT INTO centres VALUES ('c1', 'Rīgas VPVKAC', 'Rīga', 'Brīvības iela 1', 'national')`).run();
    db.prepare(`INSERT INTO desks VALUES ('d1', 'c1', 'Lete 1')`).run();
    db.prepare(`INSERT INTO users (id, username, display_name, roles, centre_id, desk_id, password_hash) VALUES ('u1', 'klerks', 'Anna Bērziņa', '["clerk"]', 'c1', 'd1', 'x')`).run();
    expect(() =>
      db.prepare(`INSERT INTO users (id, username, display_name, roles, password_hash) VALUES ('u2', 'KLERKS', 'X', '[]', 'x')`).run(),
    ).toThrow(/UNIQUE/);
    expect(() => db.prepare(`INSERT INTO desks VALUES ('d2', 'nowhere', 'Lete 2')`).run()).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
