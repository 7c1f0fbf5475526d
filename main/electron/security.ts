import { dirname } from 'node:path/posix';
import { pathToFileURL } from 'node:url';

/*
 * The Electron shell's security decisions, as plain functions of URLs and strings so they are tested
 * in Node. main.ts only wires them to Electron's events. "App URL" below is the URL the main window
 * loads: file:///…/out/renderer/index.html in production, or the electron-vite dev server's URL.
 */

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * A file URL's path, decoded: Chromium and Node's pathToFileURL do not percent-encode quite the same
 * characters (a space or an apostrophe in "Program Files" or a user name), so compare decoded paths.
 * Null for an undecodable path or one that still walks upwards once decoded.
 */
function filePath(url: URL): string | null {
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  return path.split('/').some((segment) => segment === '..' || segment === '.') ? null : path;
}

/**
 * Is `url` the app's own document? A file:// URL has an opaque ("null") origin, so for the packaged
 * app it is the same file (same host and path; hash and query are the renderer's own routing) —
 * not any file on the disk. For the dev server it is the same origin.
 */
function isAppDocument(url: string, appUrl: string): boolean {
  const target = parse(url);
  const app = parse(appUrl);
  if (!target || !app) return false;
  if (app.protocol === 'file:') {
    if (target.protocol !== 'file:' || target.host !== app.host) return false;
    const path = filePath(target);
    return path !== null && path === filePath(app);
  }
  if (app.protocol === 'http:' || app.protocol === 'https:') return target.origin === app.origin;
  return false;
}

/** `will-navigate` / `will-redirect`: the window may only ever show the app itself. */
export function isAllowedNavigation(url: string, appUrl: string): boolean {
  return isAppDocument(url, appUrl);
}

/**
 * IPC sender check: the frame that sent the message must be showing the app. (ipc.ts also requires
 * it to be the window's main frame; this function judges only the URL.) Without this, any page that
 * ever ended up in a window — a redirect, an injected frame — could call the core as the clerk.
 */
export function isTrustedSender(frameUrl: string, appUrl: string): boolean {
  return isAppDocument(frameUrl, appUrl);
}

const networkSchemes = new Set(['http:', 'https:', 'ws:', 'wss:']);

/**
 * `webRequest.onBeforeRequest`, behind the CSP: the renderer loads only the app's own files. For
 * the packaged app that is file:// URLs inside the renderer folder (CSP's 'self' would match any
 * file:// URL on the disk) and no network at all; for the dev server, its origin (and its hot-reload
 * socket). Other schemes (data:, blob:, devtools:) are not network access and are left to the CSP.
 */
export function isAllowedRequest(url: string, appUrl: string): boolean {
  const target = parse(url);
  const app = parse(appUrl);
  if (!target || !app) return false;
  if (target.protocol === 'file:') {
    if (app.protocol !== 'file:' || target.host !== app.host) return false;
    const path = filePath(target);
    const appPath = filePath(app);
    return path !== null && appPath !== null && path.startsWith(`${dirname(appPath)}/`);
  }
  if (networkSchemes.has(target.protocol)) {
    if (app.protocol !== 'http:' && app.protocol !== 'https:') return false;
    const socketScheme = app.protocol === 'https:' ? 'wss:' : 'ws:';
    return (target.protocol === app.protocol || target.protocol === socketScheme) && target.host === app.host;
  }
  return true;
}

/**
 * Where a link the app asks to open (`window.open`, `target="_blank"`, or a plain link navigating
 * away) may go: only https pages — institutions' own service pages, say — and only in the system
 * browser, never inside Lete where they would sit next to the bridge. Other schemes (file:, smb:,
 * javascript:, custom protocol handlers) and URLs with credentials are refused: shell.openExternal
 * hands them to the OS, which could run programs.
 */
export function externalLinkTarget(url: string): string | null {
  const target = parse(url);
  if (!target || target.protocol !== 'https:' || target.username || target.password || !target.hostname) return null;
  return target.href;
}

/**
 * `setWindowOpenHandler`: Lete never opens a second window from the renderer. A https link goes to
 * the system browser through `openExternal`; everything is denied either way.
 */
export function createWindowOpenHandler(openExternal: (url: string) => void): (details: { url: string }) => { action: 'deny' } {
  return ({ url }) => {
    const target = externalLinkTarget(url);
    if (target) openExternal(target);
    return { action: 'deny' };
  };
}

/**
 * `setPermissionRequestHandler`: camera, microphone, notifications, geolocation, clipboard reading,
 * HID/serial/USB from the web side… all denied. Hardware (signature pads, scanners) is reached from
 * the main process through native/, never by the page. `onDenied` gets the permission name only.
 */
export function createPermissionDenier(
  onDenied: (permission: string) => void = () => {},
): (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void {
  return (_webContents, permission, callback) => {
    onDenied(permission);
    callback(false);
  };
}

/** `setPermissionCheckHandler` and `setDevicePermissionHandler`: nothing is ever granted. */
export const denyPermissionCheck = (): boolean => false;

/**
 * `onHeadersReceived`: the response's headers with our CSP as the only policy. Header names are
 * case-insensitive, so a server's own `content-security-policy` (any spelling) is replaced, not
 * merged, and a `-Report-Only` variant is dropped so it cannot be mistaken for the real one.
 */
export function withContentSecurityPolicy(
  headers: Record<string, string | string[]> | undefined,
  policy: string,
): Record<string, string | string[]> {
  const kept = Object.entries(headers ?? {}).filter(([name]) => {
    const lower = name.toLowerCase();
    return lower !== 'content-security-policy' && lower !== 'content-security-policy-report-only';
  });
  return { ...Object.fromEntries(kept), 'Content-Security-Policy': [policy] };
}

export type RendererSource = { kind: 'dev'; url: string } | { kind: 'file'; path: string; url: string };

/**
 * Where the window loads the renderer from. ELECTRON_RENDERER_URL is honoured only in an unpackaged
 * app and only for a loopback http(s) address: an environment variable on a desk must not be able to
 * point the window — and with it `window.lete` — at a remote site.
 */
export function rendererSource(options: { isPackaged: boolean; devServerUrl: string | undefined; indexPath: string }): RendererSource {
  const dev = !options.isPackaged && options.devServerUrl ? parse(options.devServerUrl) : null;
  const loopback = dev && ['localhost', '127.0.0.1', '[::1]'].includes(dev.hostname);
  if (dev && loopback && (dev.protocol === 'http:' || dev.protocol === 'https:')) return { kind: 'dev', url: dev.href };
  return { kind: 'file', path: options.indexPath, url: pathToFileURL(options.indexPath).href };
}
