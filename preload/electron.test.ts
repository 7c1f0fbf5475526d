import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ipcChannels, type LeteBridge } from './contract';

/*
 * The preload runs only inside Electron, so Electron's two objects are replaced here by recorders
 * (vi.mock keeps the real 'electron' package, which cannot load in Node, from ever being imported).
 */
const fake = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  const invocations: unknown[][] = [];
  let answer: (channel: string, message: unknown) => Promise<unknown> = async () => ({ ok: true, data: 'pong' });
  return {
    exposed,
    listeners,
    invocations,
    setAnswer(next: typeof answer) {
      answer = next;
    },
    contextBridge: {
      exposeInMainWorld(key: string, api: unknown) {
        exposed.set(key, api);
      },
    },
    ipcRenderer: {
      invoke(channel: string, ...args: unknown[]) {
        invocations.push([channel, ...args]);
        return answer(channel, args[0]);
      },
      on(channel: string, listener: (...args: unknown[]) => void) {
        const set = listeners.get(channel) ?? new Set();
        set.add(listener);
        listeners.set(channel, set);
      },
      removeListener(channel: string, listener: (...args: unknown[]) => void) {
        listeners.get(channel)?.delete(listener);
      },
    },
    /** What the main process's webContents.send does on the renderer side. */
    push(channel: string, message: unknown) {
      const event = { sender: 'the raw ipcRenderer', ports: [] };
      for (const listener of listeners.get(channel) ?? []) listener(event, message);
    },
  };
});

vi.mock('electron', () => ({ contextBridge: fake.contextBridge, ipcRenderer: fake.ipcRenderer }));

describe('preload bridge', () => {
  let bridge: LeteBridge;
  beforeAll(async () => {
    await import('./electron');
    bridge = fake.exposed.get('lete') as LeteBridge;
  });

  it('exposes exactly window.lete with invoke and on, nothing else', () => {
    expect([...fake.exposed.keys()]).toEqual(['lete']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(typeof bridge.invoke).toBe('function');
    expect(typeof bridge.on).toBe('function');
  });

  it('invokes on the contract channel with only { call, input }', async () => {
    const result = await bridge.invoke('catalogue.search', { query: 'pase' });
    expect(result).toEqual({ ok: true, data: 'pong' });
    expect(fake.invocations.at(-1)).toEqual([ipcChannels.invoke, { call: 'catalogue.search', input: { query: 'pase' } }]);
  });

  it('turns a transport failure into a TRANSPORT result instead of a rejection', async () => {
    fake.setAnswer(() => Promise.reject(new Error('An object could not be cloned.')));
    await expect(bridge.invoke('app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'TRANSPORT' } });
    fake.setAnswer(async () => ({ ok: true, data: 'pong' }));
  });

  it('delivers pushed events as (event, payload), never the IPC event object', () => {
    const received: unknown[][] = [];
    const off = bridge.on((...args) => received.push(args));
    fake.push(ipcChannels.event, { event: 'session.changed', payload: { signedIn: true } });
    expect(received).toEqual([['session.changed', { signedIn: true }]]);

    fake.push(ipcChannels.event, 'not an event');
    fake.push(ipcChannels.event, { payload: 1 });
    fake.push('some.other.channel', { event: 'session.changed', payload: {} });
    expect(received).toHaveLength(1);

    off();
    fake.push(ipcChannels.event, { event: 'session.changed', payload: { signedIn: false } });
    expect(received).toHaveLength(1);
    expect(fake.listeners.get(ipcChannels.event)?.size).toBe(0);
  });

  it('uses the same channel names as the contract', () => {
    expect(fake.invocations.every(([channel]) => channel === ipcChannels.invoke)).toBe(true);
    expect([...fake.listeners.keys()]).toEqual([ipcChannels.event]);
  });
});

describe('preload bundle', () => {
  it('requires nothing but electron, as a sandboxed preload must', async () => {
    // Built with the project's own electron-vite config: a dependency it externalises (zod, say)
    // becomes a require() that a sandboxed preload cannot satisfy, and window.lete never appears.
    const { resolveConfig } = await import('electron-vite');
    const { build } = await import('vite');
    const root = join(import.meta.dirname, '..');
    const outDir = mkdtempSync(join(tmpdir(), 'lete-preload-'));
    // electron-vite's resolveConfig sets NODE_ENV for the whole process; put it back afterwards.
    const nodeEnv = process.env.NODE_ENV;
    try {
      const resolved = await resolveConfig({ configFile: join(root, 'electron.vite.config.ts'), root, logLevel: 'silent' }, 'build', 'production');
      const preload = resolved.config?.preload;
      expect(preload).toBeDefined();
      await build({ ...preload, logLevel: 'silent', build: { ...preload?.build, outDir, emptyOutDir: true } });
      const files = readdirSync(outDir);
      expect(files).toEqual(['electron.cjs']);
      const code = readFileSync(join(outDir, 'electron.cjs'), 'utf8');
      const required = [...code.matchAll(/require\(\s*["'`]([^"'`]+)["'`]\s*\)/gu)].map((match) => match[1]);
      expect(new Set(required)).toEqual(new Set(['electron']));
      expect(code).not.toMatch(/\bimport\s*\(/u);
    } finally {
      if (nodeEnv === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = nodeEnv;
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
