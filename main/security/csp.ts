/**
 * The renderer's Content-Security-Policy, shared by both hosts: the Electron shell sends it as a
 * response header, browser mode (rpc/web-host.ts) on every static file. Everything the renderer needs
 * ships inside the app, so nothing remote and nothing inline is allowed: an injected `<script>` or
 * `onclick=` from a malicious name or document title cannot run.
 *
 * `connect-src 'self'` also covers browser mode's WebSocket (CSP Level 3 lets 'self' match ws: on
 * the same host and port). `img-src` allows data: and blob: for scanned documents and signatures
 * rendered from memory. `frame-ancestors` only takes effect as a header, never in a <meta> tag.
 */
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/**
 * The policy while the renderer comes from electron-vite's dev server, whose React refresh preamble
 * and style injection are inline. Only ever used with ELECTRON_RENDERER_URL in an unpackaged app;
 * hot reload's WebSocket goes to the page's own host and port, which 'self' already allows.
 */
export const DEV_RENDERER_CSP = RENDERER_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
  "style-src 'self'",
  "style-src 'self' 'unsafe-inline'",
);
