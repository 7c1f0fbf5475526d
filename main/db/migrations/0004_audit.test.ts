import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { rawDatabase, useTempDir } from '../test-support';
import { migrations } from './index';

describe('migration 4: audit', () => {
  const tempDir = useTempDir();

  it('records events for users who existed before it', () => {
    const db = rawDatabase(tempDir());
    migrate(db, migrations, 3);
    db.prepare(`INSERT INTO users (id, username, display_name, roles, password_hash) VALUES ('u1', 'klerks', 'Anna', '["clerk"]', 'x')`).run();
    migrate(db, migrations, 4);
    db.prepare(`INSERT INTO audit_events (at, user_id, action, outcome) VALUES ('2026-11-22T10:00:00Z', 'u1', 'session.signIn', 'ok')`).run();
    expect(() =>
      db.prepare(`INSERT INTO audit_events (at, user_id, action, outcome) VALUES ('2026-11-22T10:00:00Z', 'u1', 'x', 'maybe')`).run(),
    ).toThrow(/CHECK/);
    expect(db.prepare(`SELECT count(*) AS n FROM audit_events`).get()).toEqual({ n: 1 });
    db.close();
  });
});
