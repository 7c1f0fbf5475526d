import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { rawDatabase, useTempDir } from '../test-support';
import { migrations } from './index';

describe('migration 12: the queue, appointments and worktime on the desk', () => {
  const tempDir = useTempDir();

  it('keeps what was there, and refuses ticket and worktime states the platform does not know', () => {
    const db = rawDatabase(tempDir());
    migrate(db, migrations, 11);
    db.prepare(`INSERT INTO settings (key, value) VALUES ('client_id', 'desk-1')`).run();
    migrate(db, migrations, 12);
    expect(db.prepare(`SELECT value FROM settings WHERE key = 'client_id'`).get()).toEqual({ value: 'desk-1' });
    const ticket = db.prepare(
      `INSERT INTO tickets (id, centre_id, queue_id, number, day, category, status, issued_at) VALUES (?, 'c', 'q', 'A001', '2026-11-23', ?, ?, '2026-11-23T08:00:00Z')`,
    );
    ticket.run('t1', 'elderly', 'waiting');
    expect(() => ticket.run('t2', 'vip', 'waiting')).toThrow(/CHECK/u);
    expect(() => ticket.run('t3', 'regular', 'lost')).toThrow(/CHECK/u);
    const work = db.prepare(`INSERT INTO worktime (id, user_id, state, started_at, day) VALUES (?, 'u', ?, '2026-11-23T08:00:00Z', '2026-11-23')`);
    work.run('w1', 'break');
    expect(() => work.run('w2', 'lunch')).toThrow(/CHECK/u);
    expect(() => db.prepare(`INSERT INTO queues (id, centre_id, letter, name, wait_target_minutes) VALUES ('q', 'c', 'A', 'A', 0)`).run()).toThrow(/CHECK/u);
    const pending = db.prepare(`INSERT INTO queue_live_pending (mutation_id, key, name, args, user_id, created_at) VALUES (?, ?, 'ticket.call', '{}', 'u', 'x')`);
    pending.run(1, 'k1');
    expect(() => pending.run(2, 'k1')).toThrow(/UNIQUE/u);
    db.close();
  });
});
