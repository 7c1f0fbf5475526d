import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { rawDatabase, useTempDir } from '../test-support';
import { migrations } from './index';

describe('migration 3: consultations and outbox', () => {
  const tempDir = useTempDir();

  it('adds consultations for existing users and refuses a phone client without a number', () => {
    const db = rawDatabase(tempDir());
    migrate(db, migrations, 2);
    db.prepare(`INSERT INTO users (id, username, display_name, roles, password_hash) VALUES ('u1', 'klerks', 'Anna', '["clerk"]', 'x')`).run();
    migrate(db, migrations, 3);
    const insert = db.prepare(
      `INSERT INTO consultations (id, created_at, local_date, user_id, channel, client_kind, client_phone, outcome, note)
       VALUES (?, '2026-11-22T10:00:00Z', '2026-11-22', 'u1', 'phone', ?, ?, 'informed', '')`,
    );
    insert.run('c1', 'phone', '+37120000000');
    insert.run('c2', 'anonymous', null);
    expect(() => insert.run('c3', 'phone', null)).toThrow(/CHECK/);
    db.prepare(`INSERT INTO outbox VALUES (1, 'k1', 'consultation.create', 'c1', '{}', '2026-11-22T10:00:00Z', 'u1')`).run();
    expect(() => db.prepare(`INSERT INTO outbox VALUES (2, 'k1', 'consultation.create', 'c2', '{}', '2026-11-22T10:00:00Z', 'u1')`).run()).toThrow(/UNIQUE/);
    db.close();
  });
});
