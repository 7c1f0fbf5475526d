import { request } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createEventBus } from '../events';
import { createRouter, type Handlers } from './router';
import { startWebHost, type WebHost } from './web-host';

const handlers = {
  'app.info': () => ({ name: 'Lete', version: '0.1.0', host: 'web', locale: 'lv' }),
} as unknown as Handlers;

function open(url: string, origin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function nextMessage(ws: WebSocket): Promise<unknown> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(data.toString()))));
}

describe('browser-mode web host', () => {
  let dir: string;
  let host: WebHost;
  const events = createEventBus();

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lete-web-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Lete</title>');
    host = await startWebHost({ router: createRouter(handlers), events, rendererDir: dir, port: 0 });
  });
  afterEach(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const origin = () => `http://127.0.0.1:${host.port}`;
  const rpcUrl = (token = host.token) => `ws://127.0.0.1:${host.port}/rpc?token=${token}`;

  it('serves the renderer with a strict CSP and no framing', async () => {
    const res = await fetch(`${origin()}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('refuses a request for another host name (DNS rebinding)', async () => {
    // fetch() will not forge a Host header, so speak plain HTTP as a rebinding page's browser would.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      request({ host: '127.0.0.1', port: host.port, path: '/', headers: { host: `evil.example:${host.port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(421);
  });

  it('carries calls, answers malformed messages with a typed error and keeps serving', async () => {
    const ws = await open(rpcUrl(), origin());
    ws.send('{not json');
    expect(await nextMessage(ws)).toMatchObject({ id: null, ok: false, error: { code: 'MALFORMED_MESSAGE' } });
    ws.send(JSON.stringify({ id: 7, call: 'app.info' }));
    expect(await nextMessage(ws)).toMatchObject({ id: 7, ok: false, error: { code: 'MALFORMED_MESSAGE' } });
    ws.send(JSON.stringify({ id: 8, call: 'app.info', input: { unexpected: 1 } }));
    expect(await nextMessage(ws)).toMatchObject({ id: 8, ok: false, error: { code: 'INVALID_INPUT' } });
    ws.send(JSON.stringify({ id: 9, call: 'app.info', input: {} }));
    expect(await nextMessage(ws)).toEqual({ id: 9, ok: true, data: { name: 'Lete', version: '0.1.0', host: 'web', locale: 'lv' } });
    ws.close();
  });

  it('pushes core events to connected pages', async () => {
    const ws = await open(rpcUrl(), origin());
    const message = nextMessage(ws);
    events.emit('session.changed', { signedIn: true });
    expect(await message).toEqual({ event: 'session.changed', payload: { signedIn: true } });
    ws.close();
  });

  it('refuses a socket without this launch token or from another origin', async () => {
    await expect(open(rpcUrl('wrong'), origin())).rejects.toThrow(/403/);
    await expect(open(rpcUrl(), 'http://evil.example')).rejects.toThrow(/403/);
  });
});
