import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

describe('the production build of the platform', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lete-platform-build-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('runs on plain node in production mode: answers GraphQL, hides the schema, stops cleanly on SIGTERM', async () => {
    execFileSync(process.execPath, [join(root, 'scripts', 'build-platform.mjs')], { cwd: root, stdio: 'pipe' });
    const child = spawn(process.execPath, [join(root, 'out', 'platform', 'main.mjs')], {
      cwd: dataDir,
      env: { ...process.env, NODE_ENV: 'production', PLATFORM_DEMO: '0', PORT: '0', PLATFORM_DATA_DIR: join(dataDir, 'db') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        output += c.toString();
        const found = /"url":"(http:\/\/[^"]+)"/u.exec(output)?.[1];
        if (found) resolve(found);
      });
      child.on('exit', (code) => reject(new Error(`platform exited ${code}: ${output}`)));
    });
    const ask = async (query: string) =>
      (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) }).then((r) => r.json())) as {
        data?: unknown;
        errors?: { message: string; extensions?: { code?: string } }[];
      };

    const login = await ask(`mutation { login(username: "nav", password: "nav") { accessToken } }`);
    expect(login.errors?.[0]?.extensions?.code).toBe('BAD_CREDENTIALS');
    const introspection = await ask(`{ __schema { types { name } } }`);
    expect(introspection.errors?.[0]?.message).toMatch(/izslēgta/u);

    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(output).toContain('platform.stopping');
  }, 60_000);
});
