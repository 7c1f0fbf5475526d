import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScreenRoutes, locateScreens, resolveScreenPath, SCREENS_CSP } from './http';

/** A raw request, so paths reach the server exactly as spelt (fetch would normalise `..`). */
function raw(base: string, method: string, path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function serve(dir?: string): Promise<{ url: string; server: Server }> {
  const routes = createScreenRoutes(dir ? { dir } : {});
  const server = createServer((req, res) => routes(req, res, (req.url ?? '/').split('?')[0] ?? '/'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('hall screens over HTTP', () => {
  let root: string;
  let built: string;
  let url: string;
  let server: Server;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'lete-screens-'));
    built = join(root, 'out', 'screens');
    mkdirSync(join(built, 'assets'), { recursive: true });
    writeFileSync(join(built, 'kiosk.html'), '<!doctype html><title>Kiosks</title>');
    writeFileSync(join(built, 'assets', 'kiosk-abc123.js'), 'console.log(1)');
    writeFileSync(join(built, 'assets', 'hall-abc123.css'), 'body{}');
    writeFileSync(join(built, '.env'), 'SECRET=1');
    writeFileSync(join(root, 'secret.txt'), 'outside');
    symlinkSync(join(root, 'secret.txt'), join(built, 'link.txt'));
    ({ url, server } = await serve(built));
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    rmSync(root, { recursive: true, force: true });
  });

  it('serves a page with the strict CSP, nosniff, no referrer and a revalidating cache', async () => {
    const res = await raw(url, 'GET', '/screens/kiosk.html');
    expect(res.status).toBe(200);
    expect(res.body).toContain('Kiosks');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(SCREENS_CSP);
    expect(SCREENS_CSP).toContain("script-src 'self'");
    expect(SCREENS_CSP).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('serves hashed assets with their content types and a long cache', async () => {
    const js = await raw(url, 'GET', '/screens/assets/kiosk-abc123.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const css = await raw(url, 'GET', '/screens/assets/hall-abc123.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await raw(url, 'HEAD', '/screens/kiosk.html');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-length']).toBe(String('<!doctype html><title>Kiosks</title>'.length));
    const post = await raw(url, 'POST', '/screens/kiosk.html');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    expect((await raw(url, 'DELETE', '/screens/kiosk.html')).status).toBe(405);
  });

  it('lists no folders and sends /screens to /screens/', async () => {
    for (const path of ['/screens/', '/screens/assets', '/screens/assets/']) {
      const res = await raw(url, 'GET', path);
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('kiosk-abc123.js');
      expect(res.body).toContain('Lapa nav atrasta');
    }
    const bare = await raw(url, 'GET', '/screens');
    expect(bare.status).toBe(308);
    expect(bare.headers.location).toBe('/screens/');
  });

  it('never leaves the folder, however the path is spelt', async () => {
    const attempts = [
      '/screens/../secret.txt',
      '/screens/%2e%2e/secret.txt',
      '/screens/%2E%2E%2Fsecret.txt',
      '/screens/assets/..%2f..%2fsecret.txt',
      '/screens/..%5csecret.txt',
      '/screens/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '/screens//etc/passwd',
      '/screens/kiosk.html%00.js',
      '/screens/%E0%A4%A',
      '/screens/.env',
      '/screens/link.txt',
    ];
    for (const path of attempts) {
      const res = await raw(url, 'GET', path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toContain('outside');
      expect(res.body, path).not.toContain('SECRET');
    }
    expect(resolveScreenPath(built, '/screens/../secret.txt')).toBeNull();
    expect(resolveScreenPath(built, '/screens/assets/kiosk-abc123.js')).toBe(join(built, 'assets', 'kiosk-abc123.js'));
  });

  it('says in Latvian that the screens are not built, with 503', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'lete-screens-none-'));
    const other = await serve(empty);
    try {
      const res = await raw(other.url, 'GET', '/screens/kiosk.html');
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toBe(SCREENS_CSP);
      expect(res.body).toContain('Zāles ekrāni nav uzbūvēti');
      expect(res.body).toContain('npm run build');
    } finally {
      await new Promise((r) => other.server.close(r));
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('finds the built folder from the source and from the production bundle', () => {
    // From source: <repo>/platform/screens/http.ts → <repo>/out/screens.
    expect(locateScreens(undefined, pathToFileURL(join(root, 'platform', 'screens', 'http.ts')).href)).toEqual({ dir: built, built: true });
    // From the bundle: <repo>/out/platform/main.mjs → <repo>/out/screens.
    expect(locateScreens(undefined, pathToFileURL(join(root, 'out', 'platform', 'main.mjs')).href)).toEqual({ dir: built, built: true });
    // An explicit folder wins, built or not.
    expect(locateScreens(join(root, 'elsewhere'))).toEqual({ dir: join(root, 'elsewhere'), built: false });
  });
});
