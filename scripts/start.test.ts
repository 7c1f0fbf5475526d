import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/*
 * scripts/start.mjs run for real, in a throwaway copy of the project layout with stand-ins for
 * out/main/web.js and the Electron binary.
 */

function run(root: string, onOutput?: (text: string, child: ReturnType<typeof spawn>) => void) {
  // Detached: its own process group, as a shell gives a foreground job, so a test can signal the group.
  const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs'), '--flag'], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    onOutput?.(output, child);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise<{ code: number | null; output: string }>((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

describe.skipIf(process.platform === 'win32')('npm start', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'lete-start-'));
    mkdirSync(join(root, 'scripts'));
    for (const file of ['start.mjs', 'electron-runtime.mjs']) copyFileSync(join(import.meta.dirname, file), join(root, 'scripts', file));
    mkdirSync(join(root, 'out', 'main'), { recursive: true });
    mkdirSync(join(root, 'node_modules', 'electron'), { recursive: true });
    // Browser mode stand-in: reports its arguments, then counts the signals it gets before exiting.
    writeFileSync(
      join(root, 'out', 'main', 'web.js'),
      `let n = 0;
       const count = (name) => () => { n += 1; setTimeout(() => { console.log(name + '=' + n); process.exit(5); }, 200); };
       process.on('SIGTERM', count('terms'));
       process.on('SIGINT', count('ints'));
       console.log('web ' + process.argv.slice(2).join(' '));
       setInterval(() => {}, 1000);`,
    );
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('falls back to browser mode with one line, forwards SIGTERM once and exits with its code', async () => {
    const { code, output } = await run(root, (text, child) => {
      if (text.includes('web --flag')) child.kill('SIGTERM');
    });
    const lines = output.trim().split('\n');
    expect(lines[0]).toMatch(/^Electron runtime not installed .*npm run electron:install.*browser mode/u);
    expect(lines.filter((line) => line.includes('Electron runtime'))).toHaveLength(1);
    expect(lines).toContain('web --flag');
    expect(lines).toContain('terms=1');
    expect(code).toBe(5);
  });

  it('delivers a Ctrl+C (SIGINT to the whole foreground group) to browser mode exactly once', async () => {
    const { code, output } = await run(root, (text, child) => {
      if (text.includes('web --flag') && child.pid) process.kill(-child.pid, 'SIGINT');
    });
    expect(output).toContain('ints=1');
    expect(code).toBe(5);
  });

  it('starts Electron on the project folder when its binary is installed', async () => {
    const electron = join(root, 'node_modules', 'electron', 'dist', 'electron');
    mkdirSync(join(electron, '..'), { recursive: true });
    writeFileSync(electron, '#!/bin/sh\necho "electron $*"\nexit 3\n');
    chmodSync(electron, 0o755);
    writeFileSync(join(root, 'node_modules', 'electron', 'path.txt'), 'electron');
    const { code, output } = await run(root);
    expect(output.trim()).toBe(`electron ${root} --flag`);
    expect(code).toBe(3);
  });
});
