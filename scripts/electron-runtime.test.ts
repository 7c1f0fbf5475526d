import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findElectronRuntime } from './electron-runtime.mjs';

describe('Electron runtime detection', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lete-electron-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const install = (relative: string) => {
    writeFileSync(join(dir, 'path.txt'), relative);
    const executable = join(dir, 'dist', relative);
    mkdirSync(join(executable, '..'), { recursive: true });
    writeFileSync(executable, '');
    return executable;
  };

  it('is not installed when the package never got its binary (no path.txt)', () => {
    const runtime = findElectronRuntime(dir, {});
    expect(runtime.installed).toBe(false);
    expect(runtime).toHaveProperty('reason', expect.stringContaining('path.txt'));
  });

  it('is not installed when path.txt names a missing file', () => {
    writeFileSync(join(dir, 'path.txt'), 'electron');
    expect(findElectronRuntime(dir, {})).toMatchObject({ installed: false, reason: expect.stringContaining('does not exist') });
  });

  it('is not installed when path.txt names a directory', () => {
    writeFileSync(join(dir, 'path.txt'), 'electron');
    mkdirSync(join(dir, 'dist', 'electron'), { recursive: true });
    expect(findElectronRuntime(dir, {}).installed).toBe(false);
  });

  it('finds the Linux and Windows executables', () => {
    expect(findElectronRuntime(dir, {}).installed).toBe(false);
    const linux = install('electron');
    expect(findElectronRuntime(dir, {})).toEqual({ installed: true, executable: linux });
    const windows = install('electron.exe');
    expect(findElectronRuntime(dir, {})).toEqual({ installed: true, executable: windows });
  });

  it('finds the macOS executable inside the app bundle', () => {
    const mac = install('Electron.app/Contents/MacOS/Electron');
    expect(findElectronRuntime(dir, {})).toEqual({ installed: true, executable: mac });
  });

  it('tolerates a trailing newline in path.txt', () => {
    const executable = install('electron');
    writeFileSync(join(dir, 'path.txt'), 'electron\n');
    expect(findElectronRuntime(dir, {})).toEqual({ installed: true, executable });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH, as the electron package does', () => {
    const custom = join(dir, 'custom');
    mkdirSync(custom);
    writeFileSync(join(custom, 'electron'), '');
    expect(findElectronRuntime(dir, { ELECTRON_OVERRIDE_DIST_PATH: custom })).toEqual({
      installed: true,
      executable: join(custom, 'electron'),
    });
    expect(findElectronRuntime(dir, { ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'nowhere') }).installed).toBe(false);
  });

  it('does not touch the real electron package (which would start a download)', () => {
    // Detection on a directory with no electron package at all is a plain "no".
    expect(findElectronRuntime(join(dir, 'does-not-exist'), {}).installed).toBe(false);
  });
});
