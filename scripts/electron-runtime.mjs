import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Is the Electron runtime binary on this machine? Answered from the files the `electron` package's
 * installer leaves behind (path.txt naming the executable under dist/), without loading the package:
 * its index.js starts a download when the binary is missing, and our build machines have no access.
 *
 * @param {string} electronDir node_modules/electron
 * @param {NodeJS.ProcessEnv} [env] honours ELECTRON_OVERRIDE_DIST_PATH, as the package itself does
 * @returns {{ installed: true, executable: string } | { installed: false, reason: string }}
 */
export function findElectronRuntime(electronDir, env = process.env) {
  const pathFile = join(electronDir, 'path.txt');
  let relative = '';
  if (existsSync(pathFile)) relative = readFileSync(pathFile, 'utf8').trim();
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!relative && !override) return { installed: false, reason: `${pathFile} is missing` };
  const executable = override ? join(override, relative || 'electron') : join(electronDir, 'dist', relative);
  try {
    if (statSync(executable).isFile()) return { installed: true, executable };
  } catch {
    // Missing or unreadable: the same answer as not installed.
  }
  return { installed: false, reason: `${executable} does not exist` };
}
