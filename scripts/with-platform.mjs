import { spawn } from 'node:child_process';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * `npm start` / `npm run start:web`: the embedded demo platform first, then the desk pointed at it,
 * so the quick start shows a desk that syncs, with no server to set up. The platform keeps its data
 * inside the desk's data folder, so the two are reset together. LETE_PLATFORM_URL (a real platform)
 * or LETE_PLATFORM=0 (no platform) skip it.
 */

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const [target, ...rest] = process.argv.slice(2);
const env = { ...process.env };
env.LETE_DATA_DIR ||= join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'lete');

const children = [];
function run(command, args, options) {
  const child = spawn(command, args, { cwd: root, ...options });
  children.push(child);
  return child;
}
function stopAll(signal) {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill(signal);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stopAll(signal));

function startDesk() {
  const desk = run(process.execPath, [resolve(root, target), ...rest], { env, stdio: 'inherit' });
  desk.on('exit', (code, signal) => {
    stopAll('SIGTERM');
    process.exit(code ?? (signal ? 1 : 0));
  });
}

if (env.LETE_PLATFORM_URL || env.LETE_PLATFORM === '0') {
  startDesk();
} else {
  const platform = run(process.execPath, ['--import', 'tsx', join(root, 'platform', 'main.ts')], {
    env: { ...env, PORT: '0', PLATFORM_DATA_DIR: join(env.LETE_DATA_DIR, 'platform') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  platform.stdout.on('data', (chunk) => {
    output += chunk.toString();
    const url = /"url":"(http:\/\/[^"]+)\/graphql"/u.exec(output)?.[1];
    if (!url || env.LETE_PLATFORM_URL) return;
    env.LETE_PLATFORM_URL = url;
    console.log(`Demo platform: ${url}/graphql`);
    console.log(`Hall screens (sign in as kiosks.riga-centrs / demo): ${url}/screens/kiosk.html, ${url}/screens/display.html, ${url}/screens/rating.html?desk=desk-riga-centrs-1`);
    startDesk();
  });
  platform.on('exit', (code) => {
    if (!env.LETE_PLATFORM_URL) {
      console.error(`The demo platform did not start (exit ${code}); run with LETE_PLATFORM=0 to start the desk alone.`);
      process.exit(1);
    }
  });
}
