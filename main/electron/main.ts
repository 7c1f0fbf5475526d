import { BrowserWindow, Menu, app, dialog, ipcMain, screen, session, shell, type WebContents } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConsoleLogger } from '../logger';
import { DEV_RENDERER_CSP, RENDERER_CSP } from '../security/csp';
import { createWorkstation, type Workstation } from '../workstation';
import { registerIpc } from './ipc';
import { menuTemplate } from './menu';
import {
  createPermissionDenier,
  createWindowOpenHandler,
  denyPermissionCheck,
  externalLinkTarget,
  isAllowedNavigation,
  isAllowedRequest,
  isTrustedSender,
  rendererSource,
  withContentSecurityPolicy,
} from './security';
import { isAllowedPrintRequest, printWindowOptions } from './print';
import { mainWindowOptions } from './window-options';
import { readWindowState, writeWindowState } from './window-state';

/*
 * The Electron entry (out/main/electron.js). Glue only: every decision it applies lives in a pure,
 * tested module beside it (security, ipc, window-options, window-state, menu), and the workstation
 * core is the same one browser mode runs. Nothing here is reachable from tests, which cannot load
 * Electron; keep it that way by adding logic to those modules, not here.
 */

const logger = createConsoleLogger();
const here = fileURLToPath(new URL('.', import.meta.url));
const preloadPath = join(here, '../preload/electron.cjs');
const source = rendererSource({
  isPackaged: app.isPackaged,
  devServerUrl: process.env.ELECTRON_RENDERER_URL,
  indexPath: join(here, '../renderer/index.html'),
});
const appUrl = source.url;
const csp = source.kind === 'dev' ? DEV_RENDERER_CSP : RENDERER_CSP;

let workstation: Workstation | null = null;
let disposeIpc: (() => void) | null = null;
let mainWindow: BrowserWindow | null = null;

function openExternal(url: string): void {
  shell.openExternal(url).catch((error: unknown) => logger.error('electron.openExternalFailed', { error }));
}

/** Applied to every WebContents Electron creates, so no window or frame escapes the rules. */
function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (isAllowedNavigation(event.url, appUrl)) return;
    event.preventDefault();
    // A plain link to an institution's page: the system browser, as window.open would.
    const target = externalLinkTarget(event.url);
    if (target) openExternal(target);
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url, appUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(createWindowOpenHandler(openExternal));
}

function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler(createPermissionDenier((permission) => logger.info('electron.permissionDenied', { permission })));
  ses.setPermissionCheckHandler(denyPermissionCheck);
  ses.setDevicePermissionHandler(denyPermissionCheck);
  ses.setSpellCheckerEnabled(false);
  ses.webRequest.onBeforeRequest((details, callback) => {
    // Only pages are confined; a request without a WebContents is the main process's own (net.fetch).
    const allowed = details.webContentsId === undefined || isAllowedRequest(details.url, appUrl);
    if (!allowed) logger.info('electron.requestBlocked', { scheme: details.url.split(':', 1)[0], resourceType: details.resourceType });
    callback({ cancel: !allowed });
  });
  // Chromium may not run this for file:// responses, so renderer/index.html should carry the same
  // policy in a <meta> tag too; the header is what covers the dev server and any other response.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, csp) });
  });
}

/**
 * Shows a generated PDF in Chromium's viewer in a window of its own, where the clerk prints it with
 * the system's print dialog (Ctrl+P or the viewer's print button). The file lives in a temporary
 * folder only while the window is open.
 */
async function printPdf(bytes: Uint8Array, name: string): Promise<void> {
  const dir = await mkdtemp(join(app.getPath('temp'), 'lete-print-'));
  const file = join(dir, basename(name));
  await writeFile(file, bytes);
  const viewer = new BrowserWindow({ ...printWindowOptions(basename(name)), ...(mainWindow ? { parent: mainWindow } : {}) });
  const ses = viewer.webContents.session;
  ses.setPermissionRequestHandler(createPermissionDenier((permission) => logger.info('electron.permissionDenied', { permission })));
  ses.setPermissionCheckHandler(denyPermissionCheck);
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedPrintRequest(details.url, file) }));
  viewer.on('closed', () => void rm(dir, { recursive: true, force: true }));
  await viewer.loadFile(file);
}

function displays() {
  return { workAreas: screen.getAllDisplays().map((display) => display.workArea), primary: screen.getPrimaryDisplay().workArea };
}

function createMainWindow(dataDir: string): BrowserWindow {
  const state = readWindowState(dataDir, displays());
  const window = new BrowserWindow(mainWindowOptions({ preloadPath, bounds: state.bounds, devTools: !app.isPackaged }));
  window.once('ready-to-show', () => {
    if (state.maximized) window.maximize();
    window.show();
  });
  window.on('close', () => {
    writeWindowState(dataDir, { bounds: window.getNormalBounds(), maximized: window.isMaximized() });
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    logger.error('electron.rendererGone', { reason: details.reason, exitCode: details.exitCode });
  });
  window.webContents.on('unresponsive', () => logger.error('electron.rendererUnresponsive'));

  const loaded = source.kind === 'dev' ? window.loadURL(source.url) : window.loadFile(source.path);
  loaded.catch((error: unknown) => logger.error('electron.loadFailed', { error }));
  return window;
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function shutdown(): void {
  disposeIpc?.();
  disposeIpc = null;
  workstation?.close();
  workstation = null;
}

async function start(): Promise<void> {
  const dataDir = process.env.LETE_DATA_DIR || app.getPath('userData');
  await app.whenReady();

  workstation = await createWorkstation(
    {
      dataDir,
      host: 'electron',
      appVersion: app.getVersion(),
      demo: process.env.LETE_DEMO !== '0',
      demoScanner: process.env.LETE_DEMO !== '0' && process.env.LETE_DEMO_SCANNER !== '0',
      deskId: process.env.LETE_DESK_ID ?? null,
      // out/main/electron.js → assets/ (inside the asar archive when packaged).
      fontsDir: join(here, '../../assets/fonts'),
    },
    { logger, printPdf },
  );
  hardenSession();
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ isPackaged: app.isPackaged, platform: process.platform })));
  disposeIpc = registerIpc({
    ipcMain,
    router: workstation.router,
    events: workstation.events,
    isTrustedSender: (frameUrl) => isTrustedSender(frameUrl, appUrl),
    windows: () => BrowserWindow.getAllWindows().map((window) => window.webContents),
    onRefused: (reason, webContentsId) => logger.error('electron.ipcRefused', { reason, webContentsId }),
  });
  mainWindow = createMainWindow(dataDir);

  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open brings one back.
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow(dataDir);
  });
  logger.info('electron.started', { version: app.getVersion(), packaged: app.isPackaged });
}

// Before anything else: every renderer is sandboxed, even one some future code forgets to configure.
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // Two instances would share one database and one window state; the second hands over and goes.
  app.quit();
} else {
  if (process.platform === 'win32') app.setAppUserModelId('lv.lete.workstation');
  app.on('second-instance', focusMainWindow);
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', shutdown);

  start().catch((error: unknown) => {
    logger.error('electron.startFailed', { error });
    const detail = error instanceof Error ? error.message : String(error);
    dialog.showErrorBox('Lete neizdevās palaist', `${detail}\n\nLete failed to start. Contact support with this message.`);
    shutdown();
    app.exit(1);
  });
}
