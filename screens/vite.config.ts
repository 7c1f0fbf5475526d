import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;

/**
 * The hall's browser pages (kiosk, display, rating screen), served by the platform at /screens/.
 * A build of their own, after `electron-vite build`: they are not part of the desk and talk to the
 * platform's GraphQL on the same origin. No inline scripts or styles, so the platform's strict CSP
 * (script-src 'self'; style-src 'self') holds.
 */
export default defineConfig({
  root,
  base: '/screens/',
  plugins: [react()],
  build: {
    outDir: resolve(root, '../out/screens'),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: {
        kiosk: resolve(root, 'kiosk.html'),
        display: resolve(root, 'display.html'),
        rating: resolve(root, 'rating.html'),
      },
    },
  },
});
