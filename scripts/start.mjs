import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronRuntime } from './electron-runtime.mjs';

/*
 * `npm start` (after the build): the desktop app where the Electron runtime is installed, browser
 * mode where it is not — our build machines cannot download Electron's binary, and the same core
 * runs in both (docs/architecture.md, "Two hosts, one core").
 */

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const runtime = findElectronRuntime(join(root, 'node_modules', 'electron'));
const extraArgs = process.argv.slice(2);

let command;
let args;
if (runtime.installed) {
  command = runtime.executable;
  args = [root, ...extraArgs];
} else {
  console.log('Electron runtime not installed (run `npm run electron:install` with internet access); starting browser mode instead.');
  command = process.execPath;
  args = [join(root, 'out', 'main', 'web.js'), ...extraArgs];
}

// On POSIX the child gets its own process group, so a Ctrl+C in the terminal reaches it once — from
// us — rather than twice (the terminal signals the whole foreground group, and we forward); a second
// SIGINT would cut browser mode's orderly shutdown short. Windows has no process groups to speak of,
// and `detached` there would open a new console window.
const child = spawn(command, args, { stdio: 'inherit', detached: process.platform !== 'win32' });

const forward = (signal) => {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => forward(signal));

child.on('error', (error) => {
  console.error(`Could not start ${command}: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0));
});
