import { describe, expect, it } from 'vitest';
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
});
