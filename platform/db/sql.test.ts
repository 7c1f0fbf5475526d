import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openPostgres, type Sql, type SqlTrouble } from './sql';

const adminUrl = process.env.PLATFORM_TEST_DATABASE_URL;

describe.skipIf(!adminUrl)('the PostgreSQL seam when the database drops its connections', () => {
  let sql: Sql | null = null;
  let name = '';
  const admin = async <T,>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  afterEach(async () => {
    await sql?.close();
    sql = null;
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });

  it('keeps serving, reopens its LISTEN connection and tells listeners to catch up', async () => {
    name = `lete_sql_${randomBytes(6).toString('hex')}`;
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
    const url = new URL(adminUrl ?? '');
    url.pathname = `/${name}`;
    const troubles: string[] = [];
    const onTrouble: SqlTrouble = (event) => void troubles.push(event);
    sql = await openPostgres(url.toString(), onTrouble);
    const pokes = vi.fn();
    await sql.listen('poke_test', pokes);
    await sql.query(`SELECT 1`);
    await sql.query(`NOTIFY poke_test`);
    await vi.waitFor(() => expect(pokes).toHaveBeenCalledTimes(1));

    // What a database restart or failover does to every open connection, pooled and listening.
    const killed = await admin((c) => c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [name]));
    expect(killed.rowCount).toBeGreaterThanOrEqual(2);

    await vi.waitFor(() => expect(troubles).toContain('db.listenerRestored'), { timeout: 5000 });
    expect(troubles).toContain('db.listenerLost');
    expect(troubles).toContain('db.idleClientFailed');
    // Notifications sent while it was down are lost, so listeners are called once on reconnect.
    expect(pokes).toHaveBeenCalledTimes(2);
    expect(await sql.query<{ one: number }>(`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
    await sql.query(`NOTIFY poke_test`);
    await vi.waitFor(() => expect(pokes).toHaveBeenCalledTimes(3));
  });
});
