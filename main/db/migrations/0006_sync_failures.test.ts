import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { rawDatabase, useTempDir } from '../test-support';
import { migrations } from './index';

describe('migration 6: sync failures', () => {
  const tempDir = useTempDir();

  it('keeps the outbox as it was and records refused changes apart', () => {
    const db = rawDatabase(tempDir());
    migrate(db, migrations, 5);
    db.prepare(`INSERT INTO users (id, username, display_name, roles, password_hash) VALUES ('u1', 'klerks', 'Anna', '["clerk"]', 'x')`).run();
    db.prepare(`INSERT INTO outbox VALUES (1, 'k1', 'consultation.create', 'c1', '{}', '2026-11-22T10:00:00Z', 'u1')`).run();
    migrate(db, migrations, 6);
    expect(db.prepare(`SELECT count(*) AS n FROM outbox`).get()).toEqual({ n: 1 });
    db.prepare(`INSERT INTO sync_failures (mutation_id, kind, name, entity_id, args, reason, at) VALUES (2, 'rejected', 'consultation.create', 'c2', '{}', 'Nav atrasts', 'now')`).run();
    expect(() => db.prepare(`INSERT INTO sync_failures (mutation_id, kind, name, entity_id, args, at) VALUES (3, 'lost', 'x', 'y', '{}', 'now')`).run()).toThrow(/CHECK/);
    db.close();
  });
});
