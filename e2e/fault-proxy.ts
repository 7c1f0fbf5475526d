import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export type Fault = 'pass' | 'refuse' | 'reset-reply' | 'duplicate-request';

/** What a hook decides for a whole request or answer it holds: send it on, or lose it. */
export type Verdict = 'forward' | 'drop';

/** A whole HTTP request from the desk, as the proxy saw it. */
export interface ProxiedRequest {
  /** Arrival order across all connections, from 1. */
  seq: number;
  method: string;
  path: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: Buffer;
  /** The GraphQL operation the body names (`Push`, `Pull`, `Login`, `Refresh`), if any. */
  operation: string | null;
  /** The platform's whole answer once it reached the proxy; null if it never will (dropped, connection lost). */
  answered: Promise<ProxiedResponse | null>;
  /** True once the answer has been handed to the desk's socket; false if it never will be. */
  delivered: Promise<boolean>;
}

/** A whole HTTP answer from the platform. */
export interface ProxiedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Seams for choosing a fault's moment from outside the desk. Both are called in `pass` mode only, for
 * requests with a body (the GraphQL POSTs; the pokes stream and other GETs pass as they come). A hook may
 * return a promise to hold the request or answer where it is while the test acts (kills the desk);
 * a request forwarded after the desk has gone still reaches the platform, on a connection of its own.
 */
export interface ProxyHooks {
  /** A whole request arrived from the desk and has not gone on yet. */
  onRequest?(request: ProxiedRequest): Verdict | Promise<Verdict>;
  /** The platform's whole answer to `request` arrived and has not gone to the desk yet. */
  onResponse?(request: ProxiedRequest, response: ProxiedResponse): Verdict | Promise<Verdict>;
}

/** The GraphQL operation a request body names, without parsing more than that. */
function operationOf(body: Buffer): string | null {
  return /"operationName"\s*:\s*"(\w+)"/u.exec(body.toString('utf8'))?.[1] ?? null;
}

interface Head {
  /** Offset just past the blank line that ends the head. */
  end: number;
  startLine: string;
  headers: Record<string, string>;
}

function parseHead(buffer: Buffer): Head | null {
  const at = buffer.indexOf('\r\n\r\n');
  if (at < 0) return null;
  const [startLine = '', ...lines] = buffer.subarray(0, at).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { end: at + 4, startLine, headers };
}

/** Where a message whose head ends at `from` ends: by Content-Length or chunked framing; -1 while incomplete. */
function bodyEnd(buffer: Buffer, from: number, headers: Record<string, string>): number {
  if (/chunked/iu.test(headers['transfer-encoding'] ?? '')) {
    let at = from;
    for (;;) {
      const eol = buffer.indexOf('\r\n', at);
      if (eol < 0) return -1;
      const size = parseInt(buffer.subarray(at, eol).toString('latin1').split(';')[0] ?? '', 16);
      if (Number.isNaN(size)) throw new Error('bad chunk size');
      if (size === 0) {
        // Trailers, if any, end with an empty line.
        if (buffer.subarray(eol + 2, eol + 4).toString('latin1') === '\r\n') return eol + 4;
        const trailers = buffer.indexOf('\r\n\r\n', eol + 2);
        return trailers < 0 ? -1 : trailers + 4;
      }
      at = eol + 2 + size + 2;
      if (at > buffer.length) return -1;
    }
  }
  const length = Number(headers['content-length'] ?? 0);
  return buffer.length >= from + length ? from + length : -1;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * A TCP proxy on 127.0.0.1 that can misbehave between a desk and the platform:
 * - `refuse`: closes every connection at once (the network is down);
 * - `reset-reply`: lets the request through, then cuts the connection after the first bytes of the
 *   reply (the platform committed, the desk never heard);
 * - `duplicate-request`: sends the desk's request bytes to the platform twice.
 *
 * With `hooks`, connections made in `pass` mode are read as HTTP/1.1 messages, so a test can hold,
 * forward or drop a chosen request or answer (see ProxyHooks); `hooks` may be changed at any time.
 */
export async function startFaultProxy(target: { host: string; port: number }, options: { hooks?: ProxyHooks } = {}) {
  let fault: Fault = 'pass';
  let requests = 0;
  const hooks = options.hooks;
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    return socket;
  };

  /** Carries one request to the platform on a connection of its own, after the desk's has gone. */
  function deliverLate(raw: Buffer, answered: Deferred<ProxiedResponse | null>) {
    const upstream = track(connect(target.port, target.host));
    let buffer = Buffer.alloc(0);
    upstream.on('close', () => answered.resolve(null));
    upstream.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const head = parseHead(buffer);
      const end = head ? bodyEnd(buffer, head.end, head.headers) : -1;
      if (!head || end < 0) return;
      answered.resolve({ status: Number(head.startLine.split(' ')[1]), headers: head.headers, body: buffer.subarray(head.end, end) });
      upstream.destroy();
    });
    upstream.write(raw);
  }

  /**
   * A `pass` connection read as HTTP messages, one request at a time, with the hooks consulted. The
   * connection to the platform is made when a request goes on and made again if the platform closed
   * an idle one meanwhile, so holding a request never costs the desk its connection.
   */
  function framed(client: Socket, h: ProxyHooks) {
    interface Exchange {
      raw: Buffer;
      request: ProxiedRequest;
      answered: Deferred<ProxiedResponse | null>;
      delivered: Deferred<boolean>;
      /** The whole answer is here (and maybe held by a hook). */
      complete?: boolean;
      /** A request without a body (the pokes stream): no hooks, its answer goes on as it comes. */
      passthrough: boolean;
    }
    let fromClient = Buffer.alloc(0);
    let fromUpstream = Buffer.alloc(0);
    let upstream: Socket | null = null;
    let clientGone = false;
    /** The request whose answer the platform is writing now. */
    let inFlight: Exchange | null = null;
    let busy = false;
    const queue: Exchange[] = [];

    function open(): Socket {
      if (upstream && !upstream.destroyed) return upstream;
      const socket = track(connect(target.port, target.host));
      upstream = socket;
      fromUpstream = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => onUpstream(chunk));
      socket.on('close', () => {
        if (upstream === socket) upstream = null;
        // Cut in the middle of an answer (or of the pokes stream): the desk sees the cut too.
        const cut = inFlight;
        if (cut && !cut.complete) {
          cut.answered.resolve(null);
          cut.delivered.resolve(false);
          inFlight = null;
          client.destroy();
        }
      });
      return socket;
    }

    client.on('close', () => {
      clientGone = true;
      for (const q of queue.splice(0)) {
        q.answered.resolve(null);
        q.delivered.resolve(false);
      }
      // An answer the platform is still writing is read to its end, so `answered` tells the truth.
      if (!inFlight) upstream?.destroy();
    });

    async function next() {
      if (busy) return;
      busy = true;
      try {
        while (queue.length > 0 && !inFlight) {
          const item = queue.shift()!;
          const verdict = item.passthrough ? 'forward' : ((await h.onRequest?.(item.request)) ?? 'forward');
          if (verdict === 'drop') {
            item.answered.resolve(null);
            item.delivered.resolve(false);
          } else if (clientGone) {
            deliverLate(item.raw, item.answered);
            item.delivered.resolve(false);
          } else {
            inFlight = item;
            open().write(item.raw);
          }
        }
      } finally {
        busy = false;
      }
    }

    client.on('data', (chunk: Buffer) => {
      fromClient = Buffer.concat([fromClient, chunk]);
      for (;;) {
        const head = parseHead(fromClient);
        if (!head) return;
        const [method = '', path = ''] = head.startLine.split(' ');
        const passthrough = Number(head.headers['content-length'] ?? 0) === 0 && !('transfer-encoding' in head.headers);
        const end = bodyEnd(fromClient, head.end, head.headers);
        if (end < 0) return;
        const body = fromClient.subarray(head.end, end);
        const answered = deferred<ProxiedResponse | null>();
        const delivered = deferred<boolean>();
        const request: ProxiedRequest = {
          seq: ++requests,
          method,
          path,
          headers: head.headers,
          body,
          operation: operationOf(body),
          answered: answered.promise,
          delivered: delivered.promise,
        };
        queue.push({ raw: fromClient.subarray(0, end), request, answered, delivered, passthrough });
        fromClient = fromClient.subarray(end);
        void next();
      }
    });

    function onUpstream(chunk: Buffer) {
      fromUpstream = Buffer.concat([fromUpstream, chunk]);
      const current = inFlight;
      if (!current) return;
      // The pokes stream goes on as it comes (it may never end); a 401 instead ends and frees the connection.
      if (current.passthrough && !clientGone) client.write(chunk);
      const head = parseHead(fromUpstream);
      if (!head) return;
      const status = Number(head.startLine.split(' ')[1]);
      // An answer to HEAD, a 204 or a 304 has no body whatever its headers say.
      const end = current.request.method === 'HEAD' || status === 204 || status === 304 ? head.end : bodyEnd(fromUpstream, head.end, head.headers);
      if (end < 0) return;
      const bytes = fromUpstream.subarray(0, end);
      fromUpstream = fromUpstream.subarray(end);
      const response: ProxiedResponse = { status, headers: head.headers, body: bytes.subarray(head.end) };
      current.complete = true;
      current.answered.resolve(response);
      if (current.passthrough) {
        current.delivered.resolve(!clientGone);
        inFlight = null;
        if (clientGone) upstream?.destroy();
        else void next();
        return;
      }
      void (async () => {
        const verdict = clientGone ? 'drop' : ((await h.onResponse?.(current.request, response)) ?? 'forward');
        if (verdict === 'forward' && !clientGone) client.write(bytes, (error) => current.delivered.resolve(!error));
        else current.delivered.resolve(false);
        inFlight = null;
        if (clientGone) upstream?.destroy();
        else void next();
      })();
    }
  }

  const server = createServer((client) => {
    track(client);
    if (fault === 'refuse') {
      client.destroy();
      return;
    }
    const mode = fault;
    if (mode === 'pass' && hooks) {
      framed(client, hooks);
      return;
    }
    const upstream = track(connect(target.port, target.host));
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
    let duplicated = false;
    client.on('data', (chunk) => {
      upstream.write(chunk);
      if (mode === 'duplicate-request' && !duplicated) {
        duplicated = true;
        upstream.write(chunk);
      }
    });
    upstream.on('data', (chunk) => {
      if (mode === 'reset-reply') {
        client.write(chunk.subarray(0, Math.min(20, chunk.length)));
        client.resetAndDestroy();
        upstream.destroy();
        return;
      }
      client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** The hooks given at the start, to change while running. */
    hooks,
    set(next: Fault) {
      fault = next;
      // Pooled keep-alive connections would carry on in the old mode; the next request reconnects.
      for (const s of sockets) s.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export type FaultProxy = Awaited<ReturnType<typeof startFaultProxy>>;
