import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * electron-builder rebuilds native addons (better-sqlite3) for Electron's ABI in place, inside the
 * project's node_modules — after which Node can no longer load them, and every test fails with
 * NODE_MODULE_VERSION errors. This keeps node_modules Node-ABI: the Node builds are copied aside
 * before electron-builder's rebuild and put back once the app's files are packed (and, whatever
 * happens, when the process exits). Electron builds exist only inside the packaged app.
 */

/** Top-level packages (scoped ones too) that node-gyp builds: those with a binding.gyp. */
export function findNativePackages(nodeModulesDir) {
  if (!existsSync(nodeModulesDir)) return [];
  const packages = [];
  for (const entry of readdirSync(nodeModulesDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const dirs = entry.name.startsWith('@')
      ? readdirSync(join(nodeModulesDir, entry.name), { withFileTypes: true })
          .filter((scoped) => scoped.isDirectory())
          .map((scoped) => join(nodeModulesDir, entry.name, scoped.name))
      : [join(nodeModulesDir, entry.name)];
    for (const dir of dirs) if (existsSync(join(dir, 'binding.gyp'))) packages.push(dir);
  }
  return packages.sort();
}

const nodeFiles = (dir) => (existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.node')).sort() : []);

/**
 * Copies each native package's built addons (build/Release/*.node) into `backupDir`, and notes the
 * packages that had no build/ at all (they load a prebuilt binary, which a rebuild would shadow).
 */
export function snapshotNativeBuilds(nodeModulesDir, backupDir) {
  return findNativePackages(nodeModulesDir).map((dir, index) => {
    const hadBuild = existsSync(join(dir, 'build'));
    const release = join(dir, 'build', 'Release');
    const files = nodeFiles(release);
    const saved = join(backupDir, String(index));
    mkdirSync(saved, { recursive: true });
    for (const name of files) copyFileSync(join(release, name), join(saved, name));
    return { dir, hadBuild, files, saved };
  });
}

/**
 * Puts every package back as the snapshot found it. Also removes @electron/rebuild's `.forge-meta`
 * marker: left behind, it would make the next pack skip the rebuild and ship the Node build.
 */
export function restoreNativeBuilds(snapshot) {
  const restored = [];
  for (const { dir, hadBuild, files, saved } of snapshot) {
    if (!existsSync(dir)) continue;
    const release = join(dir, 'build', 'Release');
    if (!hadBuild) {
      rmSync(join(dir, 'build'), { recursive: true, force: true });
    } else {
      rmSync(join(release, '.forge-meta'), { force: true });
      for (const name of nodeFiles(release)) if (!files.includes(name)) rmSync(join(release, name), { force: true });
      if (files.length > 0) mkdirSync(release, { recursive: true });
      for (const name of files) copyFileSync(join(saved, name), join(release, name));
    }
    restored.push(dir);
  }
  return restored;
}

/**
 * The electron-builder hooks: `beforeBuild` (runs just before its rebuild, once per architecture)
 * snapshots, `afterPack` (runs once that architecture's files are copied into the app) restores.
 * `onExit` registers the last-resort restore for a build that fails in between.
 */
export function createNativeAbiGuard({ onExit = (restore) => process.once('exit', restore), log = console.log } = {}) {
  let snapshot = null;
  let backupDir = null;

  const restore = () => {
    if (!snapshot) return;
    const restored = restoreNativeBuilds(snapshot);
    if (restored.length > 0) log(`Lete: node_modules native addons back to the Node ABI (${restored.length} package(s)).`);
  };
  const finish = () => {
    try {
      restore();
    } finally {
      if (backupDir) rmSync(backupDir, { recursive: true, force: true });
      snapshot = null;
      backupDir = null;
    }
  };

  return {
    async beforeBuild(context) {
      if (!snapshot) {
        backupDir = mkdtempSync(join(tmpdir(), 'lete-native-abi-'));
        snapshot = snapshotNativeBuilds(join(context.appDir, 'node_modules'), backupDir);
        onExit(finish);
      }
      // true: electron-builder goes on to rebuild the addons for Electron.
      return true;
    },
    async afterPack() {
      restore();
    },
    finish,
  };
}
