import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_PASSWORD } from '../assets/demo';
import { createTokens } from './auth/tokens';
import { startBackOfficeSimulation } from './backoffice/simulation';
import { escalateOverdue } from './cases/sla';
import { migrate } from './db/migrations';
import { openPglite, openPostgres, type Sql } from './db/sql';
import { seedDemo } from './demo';
import type { DemoHistoryOptions } from './demo-history';
import { createDocumentRoutes } from './documents/http';
import { createGraphql } from './graphql';
import { logIncident, silentLog, type Log } from './log';
import { createScreenRoutes } from './screens/http';

export interface PlatformOptions {
  /** PostgreSQL in production; otherwise embedded PGlite in `dataDir` (in memory without one). */
  databaseUrl?: string;
  dataDir?: string;
  port?: number;
  host?: string;
  demo?: boolean;
  /** Where operational events and incidents go (JSON lines in `npm run platform`); silent by default. */
  log?: Log;
  /** With `demo`, a fresh database also gets this much statistics history; tests leave it out to start fast. */
  demoHistory?: DemoHistoryOptions;
  production?: boolean;
  /** Signing key for access tokens; a random one per start signs everyone out on restart. */
  tokenSecret?: string;
  /** Lifetime of an access token (default 15 minutes); tests shorten it to make desks refresh. */
  accessTokenSeconds?: number;
  /** argon2 memory cost for demo users; tests lower it. */
  passwordMemoryCost?: number;
  /** Plays the owner institutions' back offices through the public API (demo only). */
  backOffice?: { paceMs: number; tickMs: number };
  /** How often overdue cases are escalated; off when not given. */
  slaSweepMs?: number;
  /** The built hall screens (kiosk, display, rating) served at /screens/; found beside the source or bundle when not given. */
  screensDir?: string;
  /** The platform's time for pushed mutations and live figures; tests set it, everyone else gets the wall clock. */
  clock?: () => Date;
}

export interface Platform {
  url: string;
  sql: Sql;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;
const POKE_CHANNEL = 'lete_poke';

export async function createPlatform(options: PlatformOptions = {}): Promise<Platform> {
  const log = options.log ?? silentLog;
  const sql = options.databaseUrl
    ? await openPostgres(options.databaseUrl, (event, error) => (error === undefined ? log('warn', event) : void logIncident(log, event, error)))
    : await openPglite(options.dataDir);
  await migrate(sql);
  if (options.demo) await seedDemo(sql, { passwordMemoryCost: options.passwordMemoryCost, history: options.demoHistory });
  const secret = new TextEncoder().encode(options.tokenSecret ?? randomBytes(32).toString('hex'));
  const tokens = createTokens(secret, undefined, options.accessTokenSeconds);
  const documentRoutes = createDocumentRoutes({ sql, tokens });
  const screenRoutes = createScreenRoutes(options.screensDir ? { dir: options.screensDir } : {});
  const pokes = new EventEmitter();
  pokes.setMaxListeners(0);
  // Every instance on the same database hears every change, so a desk is poked whichever one it is on.
  await sql.listen(POKE_CHANNEL, () => pokes.emit('poke'));
  const changed = () => void sql.query(`NOTIFY ${POKE_CHANNEL}`).catch(() => undefined);
  const yoga = createGraphql({ sql, tokens, production: options.production ?? false, onChanged: changed, log, clock: options.clock });

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
    if (path === '/screens' || path?.startsWith('/screens/')) {
      screenRoutes(req, res, path);
      return;
    }
    if (path === '/events') {
      void events(req, res);
      return;
    }
    // Before the size check: document chunks are larger than any GraphQL request and have their own limit.
    if (path?.startsWith('/documents/')) {
      void documentRoutes(req, res, path).catch((error: unknown) => {
        const incident = logIncident(log, 'documents.unexpected', error, { method: req.method });
        if (res.headersSent) res.destroy();
        else
          res
            .writeHead(500, { 'Content-Type': 'application/json' })
            .end(JSON.stringify({ code: 'INTERNAL', incident, message: `Servera kļūda (incidents ${incident}). Augšupielādētais netiek zaudēts; mēģiniet vēlreiz vēlāk.` }));
      });
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
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;

  const sweep = options.slaSweepMs
    ? setInterval(() => {
        void escalateOverdue(sql, new Date())
          .then((n) => n > 0 && changed())
          .catch((error: unknown) => logIncident(log, 'sla.sweepFailed', error));
      }, options.slaSweepMs)
    : null;
  sweep?.unref();
  let simulation: { stop(): Promise<void> } | null = null;
  if (options.backOffice) {
    const accounts = await sql.query<{ username: string }>(`SELECT username FROM users WHERE 'integration' = ANY(roles) AND active ORDER BY username`);
    simulation = startBackOfficeSimulation({
      url,
      accounts: accounts.map((a) => ({ username: a.username, password: DEMO_PASSWORD })),
      // System accounts, not people: their names may be logged.
      onError: (account, error) => logIncident(log, 'backoffice.stepFailed', error, { account }),
      ...options.backOffice,
    });
  }

  return {
    url,
    sql,
    async close() {
      if (sweep) clearInterval(sweep);
      await simulation?.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sql.close();
    },
  };
}
