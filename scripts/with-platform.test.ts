import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

/** Runs scripts/with-platform.mjs for real, with a stand-in desk that asks the platform it was given. */
function run(env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'lete-with-platform-'));
  const desk = join(dir, 'desk.mjs');
  writeFileSync(
    desk,
    `const url = process.env.LETE_PLATFORM_URL ?? '';
     const health = url ? await fetch(url + '/healthz').then((r) => r.status) : 'none';
     console.log(JSON.stringify({ url, health, dataDir: process.env.LETE_DATA_DIR }));
     process.exit(7);`,
  );
  const child = spawn(process.execPath, [join(root, 'scripts', 'with-platform.mjs'), desk], {
    cwd: root,
    env: { ...process.env, LETE_DATA_DIR: join(dir, 'data'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return {
    dir,
    done: new Promise<{ code: number | null; output: string }>((resolve) => child.on('exit', (code) => resolve({ code, output }))),
  };
}

describe('npm start with the embedded demo platform', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('starts the platform first, hands the desk its address, and stops it with the desk', async () => {
    // Without the statistics history, which takes the demo platform a minute to load on first start.
    const { dir, done } = run({ LETE_DEMO_HISTORY_SCALE: '0' });
    dirs.push(dir);
    const { code, output } = await done;
    expect(code).toBe(7);
    const report = JSON.parse(output.split('\n').find((l) => l.startsWith('{"url"')) ?? '{}') as { url: string; health: number };
    expect(report.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/u);
    expect(report.health).toBe(200);
    // The desk has gone, so the platform has too (give it a moment to close its port).
    await new Promise((r) => setTimeout(r, 500));
    await expect(fetch(`${report.url}/healthz`)).rejects.toThrow();
  }, 60_000);

  it('leaves the platform out when told to', async () => {
    const { dir, done } = run({ LETE_PLATFORM: '0' });
    dirs.push(dir);
    const { code, output } = await done;
    expect(code).toBe(7);
    expect(output).toContain('"url":""');
  });
});
