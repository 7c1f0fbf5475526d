import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTokens } from './auth/tokens';
import { migrate } from './db/migrations';
import { openPglite, openPostgres, type Sql } from './db/sql';
import { seedDemo } from './demo';
import { createGraphql } from './graphql';

export interface PlatformOptions {
  /** PostgreSQL in production; otherwise embedded PGlite in `dataDir` (in memory without one). */
  databaseUrl?: string;
  dataDir?: string;
  port?: number;
  host?: string;
  demo?: boolean;
  production?: boolean;
  /** Signing key for access tokens; a random one per start signs everyone out on restart. */
  tokenSecret?: string;
  /** argon2 memory cost for demo users; tests lower it. */
  passwordMemoryCost?: number;
}

export interface Platform {
  url: string;
  sql: Sql;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

export async function createPlatform(options: PlatformOptions = {}): Promise<Platform> {
  const sql = options.databaseUrl ? await openPostgres(options.databaseUrl) : await openPglite(options.dataDir);
  await migrate(sql);
  if (options.demo) await seedDemo(sql, options.passwordMemoryCost ? { passwordMemoryCost: options.passwordMemoryCost } : {});
  const secret = new TextEncoder().encode(options.tokenSecret ?? randomBytes(32).toString('hex'));
  const tokens = createTokens(secret);
  const pokes = new EventEmitter();
  pokes.setMaxListeners(0);
  const yoga = createGraphql({ sql, tokens, production: options.production ?? false, onChanged: () => pokes.emit('poke') });

  // Server-sent events: a poke only tells desks to pull; pull is the one path data takes.
  async function events(req: IncomingMessage, res: ServerResponse) {
    const token = new URL(req.url ?? '/', 'http://x').searchParams.get('token') ?? req.headers.authorization?.replace(/^Bearer /u, '') ?? '';
    if (!(await tokens.verify(token))) {
      res.writeHead(401, { 'Content-Type': 'application/json' }).end(JSON.stringify({ code: 'UNAUTHENTICATED', message: 'Nepieciešama pieslēgšanās.' }));
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    const poke = () => res.write('event: poke\ndata: {}\n\n');
    const beat = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
    pokes.on('poke', poke);
    req.on('close', () => {
      clearInterval(beat);
      pokes.off('poke', poke);
    });
  }

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
      return;
    }
    if (path === '/events') {
      void events(req, res);
      return;
    }
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) {
      res.writeHead(413, { 'Content-Type': 'application/json' }).end(JSON.stringify({ errors: [{ message: 'Pieprasījums ir pārāk liels.' }] }));
      return;
    }
    void yoga(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    sql,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sql.close();
    },
  };
}
