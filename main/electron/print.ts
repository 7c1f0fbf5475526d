import type { BrowserWindowConstructorOptions } from 'electron';
import { pathToFileURL } from 'node:url';

/** The print viewer's own in-memory session: none of the clerk's app state, and nothing but the one file. */
export const PRINT_PARTITION = 'lete-print';

/**
 * The window that shows a generated PDF in Chromium's viewer, whose print button opens the system's
 * print dialog. It runs no code of ours: no preload, sandboxed, isolated, without Node; `plugins`
 * only turns on the built-in PDF viewer.
 */
export function printWindowOptions(title: string): BrowserWindowConstructorOptions {
  return {
    width: 900,
    height: 1000,
    title,
    autoHideMenuBar: true,
    webPreferences: {
      partition: PRINT_PARTITION,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      plugins: true,
      devTools: false,
      spellcheck: false,
    },
  };
}

/**
 * Requests the viewer may make: the PDF file itself and the viewer's internal pages. Anything a
 * crafted PDF might try to fetch or open is refused.
 */
export function isAllowedPrintRequest(url: string, pdfPath: string): boolean {
  if (url === pathToFileURL(pdfPath).href) return true;
  const scheme = url.split(':', 1)[0];
  return scheme === 'chrome-extension' || scheme === 'chrome' || scheme === 'data' || scheme === 'blob';
}
