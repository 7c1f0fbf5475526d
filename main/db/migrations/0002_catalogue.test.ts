import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { rawDatabase, useTempDir } from '../test-support';
import { migrations } from './index';

describe('migration 2: catalogue', () => {
  const tempDir = useTempDir();

  it('keeps the directory from version 1 and indexes services without diacritics', () => {
    const db = rawDatabase(tempDir());
    migrate(db, migrations, 1);
    db.prepare(`INSERT INTO institutions VALUES ('NVA', 'Nodarbinātības valsts aģentūra', 'State Employment Agency', 'state')`).run();
    migrate(db, migrations, 2);
    db.prepare(
      `INSERT INTO services VALUES ('P.02', 'Bezdarbnieka statusa piešķiršana', 'Apraksts', 'NVA', '["in_person"]', 'free', 0,
        '["bezdarbnieks"]', '[]', 1, 8, '[]')`,
    ).run();
    const hit = (q: string) => db.prepare(`SELECT code FROM services_fts WHERE services_fts MATCH ?`).all(q);
    expect(hit('"piešķiršana"')).toEqual([{ code: 'P.02' }]);
    expect(hit('"pieskirsana"')).toEqual([{ code: 'P.02' }]);
    expect(hit('"nodarbinatibas"')).toEqual([{ code: 'P.02' }]);
    expect(hit('"p.02"')).toEqual([{ code: 'P.02' }]);
    db.prepare(`UPDATE services SET name = 'Bezdarbnieka statuss' WHERE code = 'P.02'`).run();
    expect(hit('"pieskirsana"')).toEqual([]);
    db.prepare(`DELETE FROM services WHERE code = 'P.02'`).run();
    expect(hit('"bezdarbnieka"')).toEqual([]);
    db.close();
  });
});
