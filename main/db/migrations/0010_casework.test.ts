import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { rawDatabase, useTempDir } from '../test-support';
import { migrations } from './index';

describe('migration 10: clients, cases, invoices and case number blocks on the desk', () => {
  const tempDir = useTempDir();

  it('keeps existing consultations, adds their client, and refuses a block handed out twice or overdrawn', () => {
    const db = rawDatabase(tempDir());
    migrate(db, migrations, 9);
    db.prepare(`INSERT INTO users (id, username, display_name, roles, password_hash) VALUES ('u1', 'klerks', 'Anna', '["clerk"]', 'x')`).run();
    db.prepare(
      `INSERT INTO consultations (id, created_at, local_date, user_id, channel, client_kind, outcome, note) VALUES ('c1', '2026-11-23T08:00:00Z', '2026-11-23', 'u1', 'phone', 'anonymous', 'informed', '')`,
    ).run();
    migrate(db, migrations, 10);
    expect(db.prepare(`SELECT id, client_id FROM consultations`).all()).toEqual([{ id: 'c1', client_id: null }]);
    db.prepare(`INSERT INTO case_number_blocks (first, last, next) VALUES (100001, 100100, 100001)`).run();
    expect(() => db.prepare(`INSERT INTO case_number_blocks (first, last, next) VALUES (100001, 100200, 100001)`).run()).toThrow(/UNIQUE/u);
    expect(() => db.prepare(`UPDATE case_number_blocks SET next = 100102`).run()).toThrow(/CHECK/u);
    const insertCase = db.prepare(
      `INSERT INTO cases (id, case_number, service_code, owner_code, channel, status, level, created_by, created_at, local_date, changed_at) VALUES (?, ?, '1001', 'PMLP', 'in_person', 'draft', 'desk', 'u1', 'now', '2026-11-23', 'now')`,
    );
    insertCase.run('k1', '1001 100001');
    expect(() => insertCase.run('k2', '1001 100001')).toThrow(/UNIQUE/u);
    db.close();
  });
});
