import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { rawDatabase, useTempDir } from '../test-support';
import { migrations } from './index';

describe('migration 7: replica apart from pending edits', () => {
  const tempDir = useTempDir();

  it('seeds the replica from confirmed consultations and keeps unconfirmed ones pending in the outbox', () => {
    const db = rawDatabase(tempDir());
    migrate(db, migrations, 6);
    db.prepare(`INSERT INTO users (id, username, display_name, roles, password_hash) VALUES ('u1', 'klerks', 'Anna', '["clerk"]', 'x')`).run();
    const consultation = db.prepare(
      `INSERT INTO consultations (id, created_at, local_date, user_id, channel, client_kind, client_phone, outcome, note, version)
       VALUES (?, '2026-11-22T10:00:00Z', '2026-11-22', 'u1', 'phone', ?, ?, 'informed', 'Par pasi', ?)`,
    );
    consultation.run('c1', 'phone', '+37120000000', 41);
    consultation.run('c2', 'anonymous', null, null);
    db.prepare(`INSERT INTO outbox VALUES (5, 'k5', 'consultation.create', 'c2', '{}', '2026-11-22T10:00:00Z', 'u1')`).run();
    migrate(db, migrations, 7);

    const replica = db.prepare(`SELECT entity, id, version, data FROM replica_rows`).all() as { data: string }[];
    expect(replica).toHaveLength(1);
    expect(replica[0]).toMatchObject({ entity: 'consultation', id: 'c1', version: 41 });
    expect(JSON.parse(replica[0]?.data ?? '')).toMatchObject({ client: { kind: 'phone', phone: '+37120000000' }, note: 'Par pasi', userId: 'u1' });
    expect(db.prepare(`SELECT id, version, pending FROM local_rows ORDER BY id`).all()).toEqual([{ id: 'c2', version: null, pending: 1 }]);
    expect(db.prepare(`SELECT entity, base_versions, applied FROM outbox`).get()).toEqual({ entity: 'consultation', base_versions: '{}', applied: 0 });
    db.close();
  });
});
