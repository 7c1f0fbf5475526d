import { describe, expect, it } from 'vitest';
import { MIN_WINDOW_SIZE, mainWindowOptions } from './window-options';

const preloadPath = '/opt/lete/resources/app.asar/out/preload/electron.cjs';

describe('main window options', () => {
  const options = mainWindowOptions({ preloadPath, bounds: { x: 10, y: 20, width: 1280, height: 800 } });
  const web = options.webPreferences ?? {};

  it('isolates and sandboxes the renderer, with no Node anywhere', () => {
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and insecure content, webviews and the spellchecker off', () => {
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.spellcheck).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
  });

  it('loads the given preload and nothing else', () => {
    expect(web.preload).toBe(preloadPath);
    expect(web).not.toHaveProperty('additionalArguments');
  });

  it('has DevTools off unless a developer build asks for them', () => {
    expect(web.devTools).toBe(false);
    const dev = mainWindowOptions({ preloadPath, bounds: { width: 1280, height: 800 }, devTools: true });
    expect(dev.webPreferences?.devTools).toBe(true);
    expect(dev.webPreferences?.sandbox).toBe(true);
  });

  it('stays hidden until ready-to-show, titled Lete, with a background colour', () => {
    expect(options.show).toBe(false);
    expect(options.title).toBe('Lete');
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/iu);
  });

  it('uses the saved bounds and enforces the minimum size', () => {
    expect(options).toMatchObject({ x: 10, y: 20, width: 1280, height: 800 });
    expect(options.minWidth).toBe(MIN_WINDOW_SIZE.width);
    expect(options.minHeight).toBe(MIN_WINDOW_SIZE.height);
    const tiny = mainWindowOptions({ preloadPath, bounds: { width: 300, height: 200 } });
    expect(tiny.width).toBe(MIN_WINDOW_SIZE.width);
    expect(tiny.height).toBe(MIN_WINDOW_SIZE.height);
  });

  it('centres a window that has no saved position', () => {
    const fresh = mainWindowOptions({ preloadPath, bounds: { width: 1280, height: 800 } });
    expect(fresh.center).toBe(true);
    expect(fresh).not.toHaveProperty('x');
    expect(fresh).not.toHaveProperty('y');
  });
});
