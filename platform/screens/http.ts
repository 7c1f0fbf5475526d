import { createReadStream, existsSync, realpathSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The hall's browser pages (kiosk, display, rating screen) at /screens/: the built files of
 * `screens/` (`out/screens`, made by `npm run build`). A kiosk or a TV has only a browser, so the
 * platform serves them itself and they talk to its GraphQL on the same origin.
 */

export const SCREENS_PREFIX = '/screens';

/** The pages' only sources are this origin; nothing inline, nothing remote, never framed. */
export const SCREENS_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const securityHeaders = {
  'Content-Security-Policy': SCREENS_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=()',
};

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Where the built pages are: next to the repository's `out/` when the platform runs from source
 * (`platform/screens/http.ts` → `<repo>/out/screens`), or beside the production bundle
 * (`out/platform/main.mjs` → `out/screens`). The first folder holding kiosk.html wins.
 */
export function screensDirCandidates(moduleUrl = import.meta.url): string[] {
  const here = dirname(fileURLToPath(moduleUrl));
  return [resolve(here, '..', '..', 'out', 'screens'), resolve(here, '..', 'screens')];
}

export function locateScreens(explicit?: string, moduleUrl = import.meta.url): { dir: string; built: boolean } {
  const candidates = explicit ? [resolve(explicit)] : screensDirCandidates(moduleUrl);
  const found = candidates.find((d) => existsSync(join(d, 'kiosk.html')));
  return { dir: found ?? candidates[0] ?? resolve('out', 'screens'), built: found !== undefined };
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="lv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
}

const notFoundPage = page(
  'Lapa nav atrasta',
  `<p>Šādas zāles ekrāna lapas nav. Pieejamās lapas:</p>
<ul><li><a href="/screens/kiosk.html">Kiosks (talonu izsniegšana)</a></li><li><a href="/screens/display.html">Tablo (izsaukumi zālē)</a></li><li><a href="/screens/rating.html">Novērtējuma ekrāns pie letes</a> (ar <code>?desk=</code> letes identifikatoru)</li></ul>
<p lang="en">Page not found. The hall screens are kiosk.html, display.html and rating.html.</p>`,
);
const notBuiltPage = page(
  'Zāles ekrāni nav uzbūvēti',
  `<p>Kioska, tablo un novērtējuma ekrāna lapas šajā platformas instalācijā vēl nav uzbūvētas. Administratoram: palaidiet <code>npm run build</code> (tas izveido <code>out/screens</code>) un pārlādējiet lapu.</p>
<p lang="en">The hall screens are not built on this platform. Administrator: run <code>npm run build</code> (it creates <code>out/screens</code>) and reload.</p>`,
);

function send(res: ServerResponse, status: number, html: string, head: boolean, extra: Record<string, string> = {}) {
  res.writeHead(status, { ...securityHeaders, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(html), ...extra });
  res.end(head ? undefined : html);
}

/**
 * The file a request path names inside `root`, or null: percent-decoding first, then refusing any
 * `..`, backslash, NUL or dot-file segment, so no spelling of a traversal leaves the folder.
 */
export function resolveScreenPath(root: string, requestPath: string): string | null {
  let rest = requestPath.slice(SCREENS_PREFIX.length);
  if (rest === '' || rest === '/') return null;
  try {
    rest = decodeURIComponent(rest);
  } catch {
    return null;
  }
  if (rest.includes('\0') || rest.includes('\\')) return null;
  const segments = rest.split('/').filter((s) => s !== '');
  if (segments.length === 0 || segments.some((s) => s === '..' || s === '.' || s.startsWith('.'))) return null;
  const base = resolve(root);
  const file = resolve(base, ...segments);
  return file.startsWith(base + sep) ? file : null;
}

export interface ScreenRoutesOptions {
  /** The built pages; found beside the source or the bundle when not given. */
  dir?: string;
}

/** Handles every request under /screens (the caller routes `/screens` and `/screens/…` here). */
export function createScreenRoutes(options: ScreenRoutesOptions = {}) {
  const serve = (req: IncomingMessage, res: ServerResponse, path: string): void => {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      send(res, 405, page('Metode nav atļauta', '<p>Zāles ekrānus var tikai atvērt (GET).</p>'), false, { Allow: 'GET, HEAD' });
      return;
    }
    if (path === SCREENS_PREFIX) {
      res.writeHead(308, { ...securityHeaders, Location: `${SCREENS_PREFIX}/`, 'Cache-Control': 'no-store' }).end();
      return;
    }
    // Looked up on every request, so a build made while the platform runs is served without a restart.
    const { dir, built } = locateScreens(options.dir);
    if (!built) {
      send(res, 503, notBuiltPage, head, { 'Retry-After': '60' });
      return;
    }
    const file = resolveScreenPath(dir, path);
    const stat = file ? statSync(file, { throwIfNoEntry: false }) : undefined;
    // A symbolic link inside the folder must not lead out of it either.
    if (!file || !stat?.isFile() || !realpathSync(file).startsWith(realpathSync(dir) + sep)) {
      send(res, 404, notFoundPage, head);
      return;
    }
    const type = types[extname(file).toLowerCase()] ?? 'application/octet-stream';
    // Vite names built assets by their content hash, so they never change; the pages are checked each time.
    const cache = file.startsWith(join(resolve(dir), 'assets') + sep) ? 'public, max-age=31536000, immutable' : 'no-cache';
    res.writeHead(200, { ...securityHeaders, 'Content-Type': type, 'Content-Length': stat.size, 'Cache-Control': cache, 'Last-Modified': stat.mtime.toUTCString() });
    if (head) {
      res.end();
      return;
    }
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  };
  return (req: IncomingMessage, res: ServerResponse, path: string): void => {
    try {
      serve(req, res, path);
    } catch {
      // A file removed mid-request (a rebuild): an answer, never an exception that stops the platform.
      if (res.headersSent) res.destroy();
      else send(res, 500, page('Kļūda', '<p>Lapu neizdevās nolasīt. Pārlādējiet to pēc brīža.</p>'), req.method === 'HEAD');
    }
  };
}
