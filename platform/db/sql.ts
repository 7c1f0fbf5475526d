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

/** What the database seam reports without throwing: a lost connection is an event, not a crash. */
export type SqlTrouble = (event: 'db.idleClientFailed' | 'db.listenerLost' | 'db.listenerRestored', error?: unknown) => void;

export async function openPostgres(url: string, onTrouble: SqlTrouble = () => undefined): Promise<Sql> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle pooled connection dropped by a database restart or a failover emits 'error'; unhandled, it
  // would end the process. The pool discards that client and opens a new one on the next query.
  pool.on('error', (error) => onTrouble('db.idleClientFailed', error));
  await pool.query('SELECT 1');

  // LISTEN needs a connection of its own, kept out of the pool. When it is lost, it is reopened with
  // backoff and every handler runs once, since notifications sent meanwhile are gone: desks pull anyway.
  const handlers = new Map<string, Set<() => void>>();
  let listener: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;

  const connectListener = (): Promise<pg.Client> =>
    (connecting ??= (async () => {
      const client = new pg.Client({ connectionString: url });
      client.on('error', (error) => lost(client, error));
      client.on('notification', (message) => handlers.get(message.channel)?.forEach((h) => h()));
      try {
        await client.connect();
        for (const channel of handlers.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      } catch (error) {
        void client.end().catch(() => undefined);
        throw error;
      } finally {
        connecting = null;
      }
      listener = client;
      return client;
    })());

  function lost(client: pg.Client, error: unknown) {
    if (listener !== client || closed) return;
    listener = null;
    onTrouble('db.listenerLost', error);
    void client.end().catch(() => undefined);
    reconnect(250);
  }

  function reconnect(delayMs: number) {
    if (closed) return;
    retry = setTimeout(() => {
      retry = null;
      connectListener().then(
        () => {
          onTrouble('db.listenerRestored');
          for (const set of handlers.values()) set.forEach((h) => h());
        },
        () => reconnect(Math.min(delayMs * 2, 30_000)),
      );
    }, delayMs);
    retry.unref();
  }

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
      const known = handlers.has(channel);
      if (!known) handlers.set(channel, new Set());
      handlers.get(channel)?.add(handler);
      const client = listener ?? (await connectListener());
      if (!known && client === listener) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const client = listener;
      listener = null;
      await client?.end().catch(() => undefined);
      await pool.end();
    },
  };
}
