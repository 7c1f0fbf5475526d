import type { BrowserWindowConstructorOptions } from 'electron';

/** Below this the clerk's two-pane screens (client card beside the case) no longer fit. */
export const MIN_WINDOW_SIZE = { width: 1024, height: 700 } as const;

/** Matches the renderer's page background, so the first paint after `show` does not flash. */
export const WINDOW_BACKGROUND = '#f4f5f7';

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export interface MainWindowInput {
  /** Absolute path of the built preload (out/preload/electron.cjs). */
  preloadPath: string;
  bounds: WindowBounds;
  /** Only an unpackaged (developer) build opens DevTools; a desk's clerk never can. */
  devTools?: boolean;
}

/**
 * The one window Lete opens. The renderer is treated as untrusted web content: isolated, sandboxed,
 * without Node, with only the preload's two-function bridge (docs/architecture.md, "Two hosts").
 */
export function mainWindowOptions({ preloadPath, bounds, devTools = false }: MainWindowInput): BrowserWindowConstructorOptions {
  const positioned = bounds.x !== undefined && bounds.y !== undefined;
  return {
    ...(positioned ? { x: bounds.x, y: bounds.y } : { center: true }),
    width: Math.max(bounds.width, MIN_WINDOW_SIZE.width),
    height: Math.max(bounds.height, MIN_WINDOW_SIZE.height),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    // Shown on ready-to-show, so the clerk never sees an empty white frame.
    show: false,
    title: 'Lete',
    backgroundColor: WINDOW_BACKGROUND,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // Chromium's spellchecker would download dictionaries from Google and send typed text
      // (names, personal codes) through it.
      spellcheck: false,
      experimentalFeatures: false,
      enableWebSQL: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools,
    },
  };
}
