import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuTemplate } from './menu';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

describe('application menu', () => {
  for (const platform of ['linux', 'win32', 'darwin'] as const) {
    it(`has no DevTools or reload in a packaged app (${platform})`, () => {
      const all = roles(menuTemplate({ isPackaged: true, platform }));
      expect(all).not.toContain('toggleDevTools');
      expect(all).not.toContain('reload');
      expect(all).not.toContain('forceReload');
      expect(all).toEqual(expect.arrayContaining(['copy', 'paste', 'zoomIn', 'zoomOut', 'resetZoom', 'quit']));
    });
  }

  it('gives developers reload and DevTools', () => {
    expect(roles(menuTemplate({ isPackaged: false, platform: 'linux' }))).toEqual(
      expect.arrayContaining(['reload', 'toggleDevTools']),
    );
  });

  it('labels every item in Latvian (no English role defaults)', () => {
    const unlabelled = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
      items.flatMap((item) => [
        ...(item.type !== 'separator' && !item.label ? [item] : []),
        ...(Array.isArray(item.submenu) ? unlabelled(item.submenu) : []),
      ]);
    expect(unlabelled(menuTemplate({ isPackaged: false, platform: 'darwin' }))).toEqual([]);
    expect(unlabelled(menuTemplate({ isPackaged: true, platform: 'win32' }))).toEqual([]);
  });
});
