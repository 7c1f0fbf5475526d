import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNativeAbiGuard, findNativePackages, restoreNativeBuilds, snapshotNativeBuilds } from './native-abi.mjs';

function write(path: string, content: string) {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
}

describe('keeping node_modules on the Node ABI around electron-builder', () => {
  let root: string;
  let modules: string;
  let backup: string;
  const sqlite = () => join(modules, 'better-sqlite3');
  const hid = () => join(modules, '@lete', 'hid');

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'lete-abi-'));
    modules = join(root, 'node_modules');
    backup = join(root, 'backup');
    // Built from source by npm install, for Node.
    write(join(sqlite(), 'binding.gyp'), '{}');
    write(join(sqlite(), 'build', 'Release', 'better_sqlite3.node'), 'node-abi sqlite');
    write(join(sqlite(), 'build', 'Release', 'test_extension.node'), 'node-abi ext');
    write(join(sqlite(), 'build', 'Release', 'obj', 'x.o'), 'object');
    // Uses a prebuilt binary, so has no build/ folder.
    write(join(hid(), 'binding.gyp'), '{}');
    write(join(hid(), 'prebuilds', 'linux-x64', 'hid.node'), 'node-abi prebuilt');
    // Plain JavaScript.
    write(join(modules, 'zod', 'package.json'), '{}');
    write(join(modules, '.bin', 'binding.gyp'), 'not a package');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** What @electron/rebuild does in place. */
  function rebuildForElectron() {
    write(join(sqlite(), 'build', 'Release', 'better_sqlite3.node'), 'electron-abi sqlite');
    write(join(sqlite(), 'build', 'Release', 'test_extension.node'), 'electron-abi ext');
    write(join(sqlite(), 'build', 'Release', 'extra.node'), 'electron-abi extra');
    write(join(sqlite(), 'build', 'Release', '.forge-meta'), 'linux--x64--140');
    write(join(hid(), 'build', 'Release', 'HID.node'), 'electron-abi hid');
    write(join(hid(), 'build', 'Release', '.forge-meta'), 'linux--x64--140');
  }

  function expectNodeAbi() {
    expect(readFileSync(join(sqlite(), 'build', 'Release', 'better_sqlite3.node'), 'utf8')).toBe('node-abi sqlite');
    expect(readFileSync(join(sqlite(), 'build', 'Release', 'test_extension.node'), 'utf8')).toBe('node-abi ext');
    expect(readdirSync(join(sqlite(), 'build', 'Release')).sort()).toEqual(['better_sqlite3.node', 'obj', 'test_extension.node']);
    expect(existsSync(join(hid(), 'build'))).toBe(false);
    expect(readFileSync(join(hid(), 'prebuilds', 'linux-x64', 'hid.node'), 'utf8')).toBe('node-abi prebuilt');
  }

  it('finds the packages node-gyp builds, scoped ones included', () => {
    expect(findNativePackages(modules)).toEqual([hid(), sqlite()]);
    expect(findNativePackages(join(root, 'nowhere'))).toEqual([]);
  });

  it('puts the Node builds back after a rebuild, and removes what the rebuild added', () => {
    const snapshot = snapshotNativeBuilds(modules, backup);
    rebuildForElectron();
    expect(restoreNativeBuilds(snapshot)).toEqual([hid(), sqlite()]);
    expectNodeAbi();
  });

  it('restores idempotently', () => {
    const snapshot = snapshotNativeBuilds(modules, backup);
    rebuildForElectron();
    restoreNativeBuilds(snapshot);
    restoreNativeBuilds(snapshot);
    expectNodeAbi();
  });

  it('guards a multi-architecture build: snapshot once, restore after each pack and at exit', async () => {
    const exits: Array<() => void> = [];
    const lines: string[] = [];
    const guard = createNativeAbiGuard({ onExit: (restore) => exits.push(restore), log: (line) => lines.push(line) });

    expect(await guard.beforeBuild({ appDir: root })).toBe(true);
    rebuildForElectron();
    await guard.afterPack();
    expectNodeAbi();

    // Second architecture: the snapshot must still be the Node one, not the Electron build.
    expect(await guard.beforeBuild({ appDir: root })).toBe(true);
    rebuildForElectron();
    await guard.afterPack();
    expectNodeAbi();

    expect(exits).toHaveLength(1);
    exits[0]?.();
    expectNodeAbi();
    expect(lines.length).toBeGreaterThan(0);
  });

  it('restores at exit when packing fails after the rebuild', async () => {
    const exits: Array<() => void> = [];
    const guard = createNativeAbiGuard({ onExit: (restore) => exits.push(restore), log: () => {} });
    await guard.beforeBuild({ appDir: root });
    rebuildForElectron();
    // No afterPack: the build died.
    exits[0]?.();
    expectNodeAbi();
  });
});
