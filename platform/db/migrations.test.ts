import { describe, expect, it } from 'vitest';
import { rollUp } from '../stats/rollup';
import { migrate, migrations } from './migrations';
import { openPglite } from './sql';

describe('platform migrations', () => {
  it('run in order once, and again as a no-op', async () => {
    const sql = await openPglite();
    expect(await migrate(sql)).toBe(migrations.length);
    expect(await migrate(sql)).toBe(migrations.length);
    const applied = await sql.query<{ version: number }>(`SELECT version FROM schema_migrations ORDER BY version`);
    expect(applied.map((r) => Number(r.version))).toEqual(migrations.map((m) => m.version));
    await sql.close();
  });

  it('4: keeps every answered mutation and gives it a version, unknown for the ones before', async () => {
    const sql = await openPglite();
    await migrate(sql, 3);
    await sql.query(`INSERT INTO sync_mutations (client_id, mutation_id, key, name, status, result) VALUES ('desk-a', 1, 'k1', 'consultation.create', 'APPLIED', 'null')`);
    await migrate(sql, 4);
    expect(await sql.query(`SELECT mutation_id::int, status, version FROM sync_mutations`)).toEqual([{ mutation_id: 1, status: 'APPLIED', version: null }]);
    await sql.query(`INSERT INTO sync_mutations (client_id, mutation_id, key, name, status, version) VALUES ('desk-a', 2, 'k2', 'consultation.update', 'APPLIED', 17)`);
    expect(await sql.query(`SELECT version::int FROM sync_mutations WHERE mutation_id = 2`)).toEqual([{ version: 17 }]);
    await sql.close();
  });

  it('5: lets a call-next use an index instead of scanning months of tickets', async () => {
    const sql = await openPglite();
    await migrate(sql, 4);
    await sql.query(`INSERT INTO sync_rows (entity, id, version, data, field_versions, centre_id) VALUES ('ticket', 't1', 1, '{"status":"waiting","day":"2026-11-23","queueId":"q"}', '{}', 'c')`);
    await migrate(sql, 5);
    await sql.exec(`SET enable_seqscan = off`);
    const plan = await sql.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT id FROM sync_rows WHERE entity = 'ticket' AND centre_id = 'c' AND data->>'status' = 'waiting' AND data->>'day' = '2026-11-23' AND data->>'queueId' = ANY(ARRAY['q'])`,
    );
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('sync_rows_ticket_waiting');
    expect(await sql.query(`SELECT id FROM sync_rows WHERE entity = 'ticket'`)).toEqual([{ id: 't1' }]);
    await sql.close();
  });
  it('6: gives existing queues a wait target at a new seq and keeps appointment codes unique per centre and day', async () => {
    const sql = await openPglite();
    await migrate(sql, 5);
    await sql.query(`UPDATE sync_counter SET seq = 10`);
    await sql.query(`INSERT INTO sync_rows (entity, id, version, data, field_versions, centre_id) VALUES
      ('queue', 'q1', 9, '{"id":"q1","letter":"A"}', '{"id":9,"letter":9}', 'c'),
      ('queue', 'q2', 10, '{"id":"q2","letter":"B"}', '{"id":10,"letter":10}', 'c')`);
    await migrate(sql, 6);
    const queues = await sql.query<{ id: string; target: number; version: string; fv: number }>(
      `SELECT id, (data->>'waitTargetMinutes')::int AS target, version, (field_versions->>'waitTargetMinutes')::int AS fv FROM sync_rows ORDER BY id`,
    );
    expect(queues.map((q) => [q.id, q.target, Number(q.version), q.fv])).toEqual([
      ['q1', 15, 11, 11],
      ['q2', 15, 12, 12],
    ]);
    expect(await sql.query(`SELECT seq::int FROM sync_counter`)).toEqual([{ seq: 12 }]);
    const appointment = (id: string, day: string) =>
      sql.query(`INSERT INTO sync_rows (entity, id, version, data, centre_id) VALUES ('appointment', $1, 20, $2, 'c')`, [id, JSON.stringify({ id, day, code: '123456' })]);
    await appointment('a1', '2026-11-23');
    await appointment('a2', '2026-11-24');
    await expect(appointment('a3', '2026-11-23')).rejects.toThrow(/unique/u);
    await sql.close();
  });

  it('7: projects existing rows into the fact tables and keeps them in step with every later write', async () => {
    const sql = await openPglite();
    await migrate(sql, 6);
    const ticket = (status: string, extra: object = {}) =>
      JSON.stringify({
        id: 't1', centreId: 'c', queueId: 'q', number: 'A001', day: '2026-11-23', category: 'regular', serviceCode: 'S1',
        issuedAt: '2026-11-23T08:00:00.000Z', calledAt: null, startedAt: null, finishedAt: null, deskId: null, userId: null, recalls: 0,
        history: [{ at: '2026-11-23T08:00:00.000Z', action: 'issued' }], ...extra, status,
      });
    await sql.query(`INSERT INTO sync_rows (entity, id, version, data, centre_id) VALUES ('ticket', 't1', 1, $1, 'c')`, [ticket('waiting')]);
    await sql.query(`INSERT INTO sync_rows (entity, id, version, data, centre_id, owner_code) VALUES
      ('consultation', 'k1', 2, '{"id":"k1","centreId":"c","serviceCode":"S1","channel":"phone","userId":"u1","createdAt":"2026-11-22T22:30:00.000Z"}', 'c', 'VID'),
      ('worktime', 'w1', 3, '{"id":"w1","centreId":"c","userId":"u1","state":"serving","startedAt":"2026-11-23T08:00:00.000Z","endedAt":"2026-11-23T08:10:00.000Z"}', 'c', NULL)`);
    await migrate(sql, 7);
    expect(await sql.query(`SELECT id, status, first_called_at FROM stat_tickets`)).toEqual([{ id: 't1', status: 'waiting', first_called_at: null }]);
    // 22:30 UTC on the 22nd is half past midnight on the 23rd in Riga.
    expect(await sql.query(`SELECT kind, to_char(day, 'YYYY-MM-DD') AS day, owner_code, channel FROM stat_contacts`)).toEqual([{ kind: 'consultation', day: '2026-11-23', owner_code: 'VID', channel: 'phone' }]);
    expect(await sql.query(`SELECT seconds FROM stat_worktime`)).toEqual([{ seconds: 600 }]);

    // Called, sent back to a queue and called again: the first call still counts for the wait.
    const called = { calledAt: '2026-11-23T08:05:00.000Z', history: [{ at: '2026-11-23T08:00:00.000Z', action: 'issued' }, { at: '2026-11-23T08:05:00.000Z', action: 'called' }] };
    await sql.query(`UPDATE sync_rows SET data = $1 WHERE id = 't1'`, [ticket('called', called)]);
    await sql.query(`UPDATE sync_rows SET data = $1 WHERE id = 't1'`, [
      ticket('done', { ...called, calledAt: '2026-11-23T08:20:00.000Z', startedAt: '2026-11-23T08:21:00.000Z', finishedAt: '2026-11-23T08:31:00.000Z', userId: 'u1',
        history: [...called.history, { at: '2026-11-23T08:10:00.000Z', action: 'transfer:q2' }, { at: '2026-11-23T08:20:00.000Z', action: 'called' }] }),
    ]);
    expect(await sql.query(`SELECT status, wait_seconds, service_seconds, user_id FROM stat_tickets`)).toEqual([{ status: 'done', wait_seconds: 300, service_seconds: 600, user_id: 'u1' }]);
    // An INSERT … ON CONFLICT that updates (how writeRow writes) is followed too, and a deleted row leaves.
    await sql.query(`INSERT INTO sync_rows (entity, id, version, data, centre_id) VALUES ('ticket', 't1', 9, $1, 'c') ON CONFLICT (entity, id) DO UPDATE SET data = excluded.data`, [ticket('no_show')]);
    expect(await sql.query(`SELECT status, wait_seconds FROM stat_tickets`)).toEqual([{ status: 'no_show', wait_seconds: 300 }]);
    await sql.query(`DELETE FROM sync_rows WHERE entity = 'ticket'`);
    expect(await sql.query(`SELECT id FROM stat_tickets`)).toEqual([]);
    await sql.close();
  });

  it('8: sums a past day once, and drops its sums when one of its facts changes', async () => {
    const sql = await openPglite();
    await migrate(sql, 8);
    const ticket = (id: string, status: string) =>
      JSON.stringify({
        id, centreId: 'c', queueId: 'q', number: id, day: '2026-11-20', category: 'regular', serviceCode: 'S1', status, userId: 'u1',
        issuedAt: '2026-11-20T08:00:00.000Z', calledAt: '2026-11-20T08:04:00.000Z', startedAt: '2026-11-20T08:05:00.000Z', finishedAt: '2026-11-20T08:15:00.000Z',
        history: [{ at: '2026-11-20T08:04:00.000Z', action: 'called' }],
      });
    await sql.query(`INSERT INTO sync_rows (entity, id, version, data, centre_id) VALUES ('ticket', 'A001', 1, $1, 'c'), ('ticket', 'A002', 2, $2, 'c')`, [ticket('A001', 'done'), ticket('A002', 'no_show')]);
    expect(await rollUp(sql, ['2026-11-20', '2026-11-21'])).toBe(2);
    expect(await rollUp(sql, ['2026-11-20'])).toBe(0);
    const sums = () => sql.query<{ tickets: number; served: number; no_shows: number; wait_sum: number }>(`SELECT tickets, served, no_shows, wait_sum FROM stat_rollup WHERE dimension = 'queue' AND day = '2026-11-20'`);
    expect(await sums()).toEqual([{ tickets: 2, served: 1, no_shows: 1, wait_sum: 480 }]);
    expect(await sql.query(`SELECT count(DISTINCT dimension)::int AS n FROM stat_rollup`)).toEqual([{ n: 6 }]);

    // A desk that was offline pushes a change to that day: its sums go, and come back right.
    await sql.query(`UPDATE sync_rows SET data = $1 WHERE id = 'A002'`, [ticket('A002', 'done')]);
    expect(await sql.query(`SELECT to_char(day, 'YYYY-MM-DD') AS day FROM stat_rolled_days`)).toEqual([{ day: '2026-11-21' }]);
    expect(await rollUp(sql, ['2026-11-20'])).toBe(1);
    expect(await sums()).toEqual([{ tickets: 2, served: 2, no_shows: 0, wait_sum: 480 }]);
    await sql.close();
  });
});
