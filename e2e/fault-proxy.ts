import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export type Fault = 'pass' | 'refuse' | 'reset-reply' | 'duplicate-request';

/**
 * A TCP proxy on 127.0.0.1 that can misbehave between a desk and the platform:
 * - `refuse`: closes every connection at once (the network is down);
 * - `reset-reply`: lets the request through, then cuts the connection after the first bytes of the
 *   reply (the platform committed, the desk never heard);
 * - `duplicate-request`: sends the desk's request bytes to the platform twice.
 */
export async function startFaultProxy(target: { host: string; port: number }) {
  let fault: Fault = 'pass';
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    if (fault === 'refuse') {
      client.destroy();
      return;
    }
    const mode = fault;
    const upstream = connect(target.port, target.host);
    sockets.add(upstream);
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
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
