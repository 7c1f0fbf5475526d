import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { WebSocketServer, type WebSocket } from 'ws';
import { RequestEnvelope, webTokenParam, type ResponseEnvelope } from '../../preload/contract';
import type { EventBus } from '../events';
import { RENDERER_CSP } from '../security/csp';
import type { Connection, Router } from './router';

export interface WebHostOptions {
  router: Router;
  events: EventBus;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 picks a free port. Always bound to 127.0.0.1: browser mode is never reachable from the network. */
  port: number;
  token?: string;
}

export interface WebHost {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

/**
 * The largest call a page may send: a file the contract admits (FileContent, 20 MB as base64) plus
 * its envelope. The socket only ever talks to this machine's own page, holding the launch token.
 */
const MAX_MESSAGE_BYTES = 30 * 1024 * 1024;

const securityHeaders: Record<string, string> = {
  'Content-Security-Policy': RENDERER_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), hid=(), serial=()',
};

function sameToken(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const malformed = (id: number | null): ResponseEnvelope => ({
  id,
  ok: false,
  error: { code: 'MALFORMED_MESSAGE', message: 'Bojāts pieprasījums: darba vietas kodols to nesaprata. Pārlādējiet lapu.' },
});

/**
 * Browser mode: serves the built renderer and carries the contract over a WebSocket. Only pages
 * from this host (checked by Host and Origin, against DNS rebinding and cross-site sockets) holding
 * this launch's token may connect.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const serveStatic = sirv(options.rendererDir, {
    single: true,
    dev: false,
    etag: true,
    setHeaders: (res) => {
      for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
    },
  });
  let allowedHosts = new Set<string>();
  const hostAllowed = (req: IncomingMessage) => allowedHosts.has(req.headers.host ?? '');

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (!hostAllowed(req)) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Nepareizs adresāts.');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    serveStatic(req, res, () => {
      res.writeHead(404).end();
    });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = req.headers.origin;
    const originAllowed = origin !== undefined && allowedHosts.has(origin.replace(/^http:\/\//u, ''));
    if (url.pathname !== '/rpc' || !hostAllowed(req) || !originAllowed || !sameToken(url.searchParams.get(webTokenParam), token)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws, req));
  });

  sockets.on('connection', (ws: WebSocket) => {
    const connection: Connection = { id: randomUUID(), session: null };
    const send = (message: ResponseEnvelope) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    ws.on('message', async (raw, isBinary) => {
      let parsed: unknown;
      try {
        parsed = isBinary ? undefined : JSON.parse(raw.toString());
      } catch {
        parsed = undefined;
      }
      const envelope = RequestEnvelope.safeParse(parsed);
      if (!envelope.success) {
        const id = (parsed as { id?: unknown } | undefined)?.id;
        send(malformed(typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : null));
        return;
      }
      const result = await options.router.dispatch(connection, envelope.data.call, envelope.data.input);
      send(result.ok ? { id: envelope.data.id, ok: true, data: result.data } : { id: envelope.data.id, ok: false, error: result.error });
    });
    ws.on('error', () => ws.terminate());
  });

  const unsubscribe = options.events.subscribe((event, payload) => {
    const message = JSON.stringify({ event, payload });
    for (const ws of sockets.clients) if (ws.readyState === ws.OPEN) ws.send(message);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#${webTokenParam}=${token}`,
    close: async () => {
      unsubscribe();
      for (const ws of sockets.clients) ws.terminate();
      sockets.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
