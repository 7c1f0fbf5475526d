import { describe, expect, it } from 'vitest';
import { defaultDataDir } from './config';

describe('defaultDataDir', () => {
  it('honours LETE_DATA_DIR so an operator can move the data', () => {
    expect(defaultDataDir({ LETE_DATA_DIR: '/srv/lete' }, 'linux', '/home/anna')).toBe('/srv/lete');
  });
  it('follows each OS convention for per-user data', () => {
    expect(defaultDataDir({}, 'linux', '/home/anna')).toBe('/home/anna/.local/share/lete');
    expect(defaultDataDir({ XDG_DATA_HOME: '/x' }, 'linux', '/home/anna')).toBe('/x/lete');
    expect(defaultDataDir({}, 'darwin', '/Users/anna')).toBe('/Users/anna/Library/Application Support/Lete');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\anna\\AppData\\Roaming' }, 'win32', 'C:\\Users\\anna')).toContain('Lete');
  });
});
