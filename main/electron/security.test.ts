import { describe, expect, it } from 'vitest';
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

const fileApp = 'file:///opt/Lete/resources/app.asar/out/renderer/index.html';
const devApp = 'http://localhost:5173/';

describe('navigation', () => {
  it('lets the packaged app stay on its own index.html, whatever its route', () => {
    expect(isAllowedNavigation(fileApp, fileApp)).toBe(true);
    expect(isAllowedNavigation(`${fileApp}#/cases/42`, fileApp)).toBe(true);
    expect(isAllowedNavigation(`${fileApp}?lang=en`, fileApp)).toBe(true);
  });

  it('denies every other file, including ones beside the app and paths that walk out of it', () => {
    expect(isAllowedNavigation('file:///etc/passwd', fileApp)).toBe(false);
    expect(isAllowedNavigation('file:///opt/Lete/resources/app.asar/out/renderer/other.html', fileApp)).toBe(false);
    expect(isAllowedNavigation('file:///opt/Lete/resources/app.asar/out/renderer/%2e%2e/renderer/index.html', fileApp)).toBe(true);
    expect(isAllowedNavigation('file:///opt/Lete/resources/app.asar/out/renderer/x/%2E%2E%2Findex.html', fileApp)).toBe(false);
    expect(isAllowedNavigation('file://evil-host/opt/Lete/resources/app.asar/out/renderer/index.html', fileApp)).toBe(false);
  });

  it('compares file paths decoded, as Chromium and Node encode them differently', () => {
    const app = 'file:///C:/Program%20Files/Lete%27s/out/renderer/index.html';
    expect(isAllowedNavigation("file:///C:/Program%20Files/Lete's/out/renderer/index.html", app)).toBe(true);
  });

  it('denies the web, other schemes and garbage from the packaged app', () => {
    for (const url of ['https://example.com/', 'http://localhost:5173/', 'javascript:alert(1)', 'data:text/html,x', 'about:blank', 'not a url', '']) {
      expect(isAllowedNavigation(url, fileApp), url).toBe(false);
    }
  });

  it('allows the dev server origin only', () => {
    expect(isAllowedNavigation('http://localhost:5173/#/queue', devApp)).toBe(true);
    expect(isAllowedNavigation('http://localhost:5174/', devApp)).toBe(false);
    expect(isAllowedNavigation('http://127.0.0.1:5173/', devApp)).toBe(false);
    expect(isAllowedNavigation('https://localhost:5173/', devApp)).toBe(false);
    expect(isAllowedNavigation(fileApp, devApp)).toBe(false);
  });

  it('trusts nothing when the app URL itself is unusable', () => {
    expect(isAllowedNavigation('about:blank', 'about:blank')).toBe(false);
    expect(isAllowedNavigation('x', 'not a url')).toBe(false);
  });
});

describe('IPC sender', () => {
  it('trusts a frame showing the app and nothing else', () => {
    expect(isTrustedSender(`${fileApp}#/signin`, fileApp)).toBe(true);
    expect(isTrustedSender('http://localhost:5173/', devApp)).toBe(true);
    expect(isTrustedSender('https://evil.example/', fileApp)).toBe(false);
    expect(isTrustedSender('file:///tmp/evil.html', fileApp)).toBe(false);
    expect(isTrustedSender('about:blank', fileApp)).toBe(false);
    expect(isTrustedSender('', fileApp)).toBe(false);
    expect(isTrustedSender('http://localhost:5173.evil.example/', devApp)).toBe(false);
  });
});

describe('requests', () => {
  it('lets the packaged app load files from its renderer folder only, and no network', () => {
    expect(isAllowedRequest('file:///opt/Lete/resources/app.asar/out/renderer/assets/index-abc.js', fileApp)).toBe(true);
    expect(isAllowedRequest('file:///opt/Lete/resources/app.asar/out/renderer/fonts/Inter.woff2', fileApp)).toBe(true);
    expect(isAllowedRequest('file:///opt/Lete/resources/app.asar/out/preload/electron.cjs', fileApp)).toBe(false);
    expect(isAllowedRequest('file:///home/clerk/.ssh/id_ed25519', fileApp)).toBe(false);
    expect(isAllowedRequest('file:///opt/Lete/resources/app.asar/out/renderer/assets/%2e%2e%2f%2e%2e%2fpreload/x', fileApp)).toBe(false);
    for (const url of ['https://cdn.example/x.js', 'http://127.0.0.1:5180/rpc', 'wss://evil.example/']) {
      expect(isAllowedRequest(url, fileApp), url).toBe(false);
    }
  });

  it('lets the dev app reach its dev server and its hot-reload socket only', () => {
    expect(isAllowedRequest('http://localhost:5173/@vite/client', devApp)).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/?token=x', devApp)).toBe(true);
    expect(isAllowedRequest('https://fonts.example/x.woff2', devApp)).toBe(false);
    expect(isAllowedRequest('ws://localhost:9999/', devApp)).toBe(false);
    expect(isAllowedRequest('file:///etc/passwd', devApp)).toBe(false);
  });

  it('leaves non-network schemes to the CSP and refuses garbage', () => {
    expect(isAllowedRequest('data:image/png;base64,AAAA', fileApp)).toBe(true);
    expect(isAllowedRequest('blob:file:///1234', fileApp)).toBe(true);
    expect(isAllowedRequest('::', fileApp)).toBe(false);
  });
});

describe('window.open', () => {
  it('always denies, and hands only plain https links to the system browser', () => {
    const opened: string[] = [];
    const handler = createWindowOpenHandler((url) => opened.push(url));
    const urls = [
      'https://www.latvija.gov.lv/lv/pakalpojumi',
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'https://user:secret@example.com/',
      `${fileApp}#/popup`,
      'mailto:x@example.com',
      'garbage',
    ];
    for (const url of urls) expect(handler({ url }), url).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://www.latvija.gov.lv/lv/pakalpojumi']);
  });

  it('normalises what it opens', () => {
    expect(externalLinkTarget('HTTPS://WWW.Example.LV/a b')).toBe('https://www.example.lv/a%20b');
    expect(externalLinkTarget('https://:pw@example.com/')).toBeNull();
  });
});

describe('permissions', () => {
  it('denies every request and reports only the permission name', () => {
    const denied: string[] = [];
    const handler = createPermissionDenier((permission) => denied.push(permission));
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'openExternal', 'unknown']) {
      handler({}, permission, (granted) => answers.push(granted));
    }
    expect(answers).toEqual([false, false, false, false, false, false, false]);
    expect(denied).toEqual(['media', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'openExternal', 'unknown']);
    expect(denyPermissionCheck()).toBe(false);
  });
});

describe('CSP header', () => {
  it('replaces any policy the response had, in any spelling, and keeps other headers', () => {
    const headers = withContentSecurityPolicy(
      {
        'content-security-policy': ["default-src *"],
        'Content-Security-Policy-Report-Only': ["script-src 'unsafe-inline'"],
        'Content-Type': ['text/html'],
      },
      "default-src 'none'",
    );
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'none'"] });
  });

  it('adds the policy to a response without headers (file://)', () => {
    expect(withContentSecurityPolicy(undefined, "default-src 'none'")).toEqual({ 'Content-Security-Policy': ["default-src 'none'"] });
  });
});

describe('renderer source', () => {
  const indexPath = '/opt/Lete/resources/app.asar/out/renderer/index.html';

  it('loads the built index.html in a packaged app, whatever the environment says', () => {
    expect(rendererSource({ isPackaged: true, devServerUrl: 'http://localhost:5173', indexPath })).toEqual({
      kind: 'file',
      path: indexPath,
      url: fileApp,
    });
    expect(rendererSource({ isPackaged: false, devServerUrl: undefined, indexPath }).kind).toBe('file');
  });

  it('uses a loopback dev server in development only', () => {
    expect(rendererSource({ isPackaged: false, devServerUrl: 'http://localhost:5173', indexPath })).toEqual({ kind: 'dev', url: devApp });
    expect(rendererSource({ isPackaged: false, devServerUrl: 'http://127.0.0.1:5173/', indexPath }).kind).toBe('dev');
  });

  it('refuses a remote or odd dev server URL', () => {
    for (const devServerUrl of ['https://evil.example/', 'http://192.168.1.5:5173/', 'file:///tmp/x.html', 'nonsense']) {
      expect(rendererSource({ isPackaged: false, devServerUrl, indexPath }).kind, devServerUrl).toBe('file');
    }
  });
});
