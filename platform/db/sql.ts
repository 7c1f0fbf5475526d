import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * The platform's one database seam: PostgreSQL through `pg` in production, PGlite (Postgres in WASM)
 * embedded by default. Both run the same SQL.
 */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs `fn` in one transaction; `repeatable` gives a consistent snapshot for pulls. */
  transaction<T>(fn: (tx: Sql) => Promise<T>, options?: { repeatable?: boolean }): Promise<T>;
  exec(script: string): Promise<void>;
  /**
   * Calls `handler` on every NOTIFY on `channel`, from any process using the same database: how
   * several platform instances behind a load balancer all poke their desks.
   */
  listen(channel: string, handler: () => void): Promise<void>;
  close(): Promise<void>;
}

interface Queryable {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

function wrap(q: Queryable): Pick<Sql, 'query'> {
  return { query: async <T,>(text: string, params: unknown[] = []) => (await q.query(text, params)).rows as T[] };
}

const noListen = (): Promise<void> => Promise.reject(new Error('LISTEN belongs outside a transaction'));

export async function openPglite(dataDir?: string): Promise<Sql> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = new PGlite(dataDir);
  await db.waitReady;
  // PGlite has one connection, so transactions are serialised; a queue keeps callers from interleaving.
  let queue: Promise<unknown> = Promise.resolve();
  const sql: Sql = {
    ...wrap(db),
    transaction(fn, options) {
      const run = queue.then(() =>
        db.transaction(async (tx) => {
          if (options?.repeatable) await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
          const inner: Sql = { ...wrap(tx), transaction: (f) => f(inner), exec: async (s) => void (await tx.exec(s)), listen: noListen, close: async () => undefined };
          return fn(inner);
        }),
      );
      queue = run.catch(() => undefined);
      return run;
    },
    exec: async (script) => void (await db.exec(script)),
    listen: async (channel, handler) => void (await db.listen(channel, handler)),
    close: () => db.close(),
  };
  return sql;
}

export async function openPostgres(url: string): Promise<Sql> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  await pool.query('SELECT 1');
  // LISTEN needs a connection of its own, kept out of the pool for the platform's lifetime.
  let listener: pg.Client | null = null;
  return {
    ...wrap(pool),
    async transaction(fn, options) {
      const client = await pool.connect();
      try {
        await client.query(options?.repeatable ? 'BEGIN ISOLATION LEVEL REPEATABLE READ' : 'BEGIN');
        const inner: Sql = { ...wrap(client), transaction: (f) => f(inner), exec: async (s) => void (await client.query(s)), listen: noListen, close: async () => undefined };
        const result = await fn(inner);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    exec: async (script) => void (await pool.query(script)),
    async listen(channel, handler) {
      if (!listener) {
        listener = new pg.Client({ connectionString: url });
        await listener.connect();
      }
      listener.on('notification', (message) => {
        if (message.channel === channel) handler();
      });
      await listener.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    },
    async close() {
      await listener?.end();
      await pool.end();
    },
  };
}
