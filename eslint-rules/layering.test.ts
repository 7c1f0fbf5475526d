import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

async function lint(file: string, code: string) {
  const eslint = new ESLint({ cwd: root, ignore: false });
  const [result] = await eslint.lintText(code, { filePath: `${root}${file}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'lete/layering').map((m) => m.message);
}

describe('layering lint rule', () => {
  it('fails lint when the renderer imports the core', async () => {
    expect(await lint('renderer/app/x.ts', `import { createWorkstation } from '../../main/workstation';\nvoid createWorkstation;\n`)).toEqual([
      "Layering: 'renderer' must not import from 'main' (see docs/architecture.md).",
    ]);
  });
  it('lets the renderer import the contract', async () => {
    expect(await lint('renderer/app/x.ts', `import { calls } from '../../preload/contract';\nvoid calls;\n`)).toEqual([]);
  });
  it('keeps Electron inside main/electron', async () => {
    expect(await lint('main/rpc/x.ts', `import { app } from 'electron';\nvoid app;\n`)).toHaveLength(1);
    expect(await lint('main/electron/x.ts', `import { app } from 'electron';\nvoid app;\n`)).toEqual([]);
  });
  it('keeps the contract free of our other code', async () => {
    expect(await lint('preload/contract/x.ts', `import { fold } from '../../main/text/fold';\nvoid fold;\n`)).toHaveLength(1);
  });
  it('keeps the platform apart from the desk', async () => {
    expect(await lint('platform/x.ts', `import { fold } from '../main/text/fold';\nvoid fold;\n`)).toHaveLength(1);
    expect(await lint('platform/x.ts', `import { generateDemoData } from '../assets/demo';\nvoid generateDemoData;\n`)).toEqual([]);
  });
  it('lets the benchmarks start the platform but not the renderer', async () => {
    expect(await lint('bench/x.ts', `import { createPlatform } from '../platform/server';\nvoid createPlatform;\n`)).toEqual([]);
    expect(await lint('bench/x.ts', `export * from '../renderer/app/store';\n`)).toHaveLength(1);
  });
  it('keeps the hall screens to shared rules, never the platform or the desk', async () => {
    expect(await lint('screens/src/x.ts', `import { rigaDay } from '../../shared/riga-day';\nvoid rigaDay;\n`)).toEqual([]);
    expect(await lint('screens/src/x.ts', `import { createPlatform } from '../../platform/server';\nvoid createPlatform;\n`)).toEqual([
      "Layering: 'screens' must not import from 'platform' (see docs/architecture.md).",
    ]);
    expect(await lint('screens/src/x.ts', `export * from '../../renderer/app/store';\n`)).toHaveLength(1);
  });
  it('stops the core from reaching into the renderer', async () => {
    expect(await lint('main/x.ts', `export * from '../renderer/app/store';\n`)).toHaveLength(1);
  });
});
