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
});
