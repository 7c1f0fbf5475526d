import { describe, expect, it, vi } from 'vitest';
import { ContractError, ipcChannels } from '../../preload/contract';
import { createEventBus } from '../events';
import { createRouter, type Connection, type Handlers, type Router } from '../rpc/router';
import { registerIpc, type IpcInvokeEvent, type IpcMainLike } from './ipc';

const appUrl = 'file:///opt/Lete/out/renderer/index.html';

class FakeWebContents {
  sent: Array<{ channel: string; message: unknown }> = [];
  destroyed = false;
  url = `${appUrl}#/`;
  failSend = false;
  private listeners = new Map<string, Array<() => void>>();

  constructor(readonly id: number) {}

  isDestroyed() {
    return this.destroyed;
  }
  getURL() {
    return this.url;
  }
  send(channel: string, message: unknown) {
    if (this.failSend) throw new Error('Object has been destroyed');
    this.sent.push({ channel, message: structuredClone(message) });
  }
  once(event: string, listener: () => void) {
    this.add(event, listener);
  }
  on(event: string, listener: () => void) {
    this.add(event, listener);
  }
  emit(event: string) {
    for (const listener of this.listeners.get(event) ?? []) listener();
  }
  listenerCount(): number {
    return [...this.listeners.values()].reduce((sum, list) => sum + list.length, 0);
  }
  destroy() {
    this.destroyed = true;
    this.emit('destroyed');
  }
  private add(event: string, listener: () => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
}

class FakeIpcMain implements IpcMainLike {
  handlers = new Map<string, (event: IpcInvokeEvent, ...args: unknown[]) => unknown>();
  handle(channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => unknown) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  /** What ipcRenderer.invoke would do: structured-clone the arguments, await the handler's answer. */
  async invoke(sender: FakeWebContents, args: unknown[], frame: { url: string; parent: unknown } | null = { url: sender.url, parent: null }) {
    const handler = this.handlers.get(ipcChannels.invoke);
    if (!handler) throw new Error('No handler registered');
    return structuredClone(await handler({ sender, senderFrame: frame }, ...structuredClone(args)));
  }
}

/** A router that answers with the connection it was given, to see which window is which. */
function echoRouter(): Router & { calls: Array<{ connection: Connection; call: unknown; input: unknown }> } {
  const calls: Array<{ connection: Connection; call: unknown; input: unknown }> = [];
  return {
    calls,
    dispatch: async (connection, call, input) => {
      calls.push({ connection, call, input });
      return { ok: true, data: { connection: connection.id, call, input } };
    },
  };
}

function setup(router: Router = echoRouter()) {
  const ipcMain = new FakeIpcMain();
  const events = createEventBus();
  const windows: FakeWebContents[] = [];
  const refused: string[] = [];
  const dispose = registerIpc({
    ipcMain,
    router,
    events,
    isTrustedSender: (url) => url.startsWith(`${appUrl}#`) || url === appUrl,
    windows: () => windows,
    onRefused: (reason) => refused.push(reason),
  });
  return { ipcMain, events, windows, refused, dispose };
}

function connectionOf(result: unknown): string {
  return (result as { data: { connection: string } }).data.connection;
}

describe('Electron IPC transport', () => {
  it('registers exactly one handler, on the contract channel', () => {
    const { ipcMain } = setup();
    expect([...ipcMain.handlers.keys()]).toEqual([ipcChannels.invoke]);
  });

  it('passes a well-formed call to the router and returns its result', async () => {
    const router = echoRouter();
    const { ipcMain } = setup(router);
    const window = new FakeWebContents(1);
    const result = await ipcMain.invoke(window, [{ call: 'catalogue.search', input: { query: 'pase' } }]);
    expect(result).toMatchObject({ ok: true, data: { call: 'catalogue.search', input: { query: 'pase' } } });
    expect(router.calls).toHaveLength(1);
  });

  it('answers a malformed message with a typed Latvian error, and the next call still works', async () => {
    const router = echoRouter();
    const { ipcMain, refused } = setup(router);
    const window = new FakeWebContents(1);
    const malformed: unknown[][] = [
      [],
      [null],
      ['app.info'],
      [{ input: {} }],
      [{ call: 42, input: {} }],
      [{ call: 'x'.repeat(101), input: {} }],
      [{ call: 'app.info', input: {}, extra: true }],
      [{ call: 'app.info', input: {} }, 'second argument'],
    ];
    for (const args of malformed) {
      const result = await ipcMain.invoke(window, args);
      expect(result, JSON.stringify(args)).toMatchObject({ ok: false, error: { code: 'MALFORMED_MESSAGE' } });
      const error = ContractError.parse((result as { error: unknown }).error);
      expect(error.message).toMatch(/pieprasījums/iu);
    }
    expect(router.calls).toHaveLength(0);
    expect(refused).toEqual(malformed.map(() => 'malformed'));

    const next = await ipcMain.invoke(window, [{ call: 'app.info', input: {} }]);
    expect(next).toMatchObject({ ok: true });
  });

  it('accepts a call without input (the router defaults it)', async () => {
    const { ipcMain } = setup();
    expect(await ipcMain.invoke(new FakeWebContents(1), [{ call: 'app.info' }])).toMatchObject({ ok: true });
  });

  it('refuses a sender that is not the app, a subframe, or a frame that is gone', async () => {
    const router = echoRouter();
    const { ipcMain, refused } = setup(router);
    const window = new FakeWebContents(1);
    const envelope = [{ call: 'app.info', input: {} }];
    const frames = [
      { url: 'https://evil.example/', parent: null },
      { url: 'file:///tmp/evil.html', parent: null },
      { url: appUrl, parent: { url: appUrl } },
      null,
    ];
    for (const frame of frames) {
      const result = await ipcMain.invoke(window, envelope, frame);
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(() => ContractError.parse((result as { error: unknown }).error)).not.toThrow();
    }
    expect(router.calls).toHaveLength(0);
    expect(refused).toEqual(['untrusted', 'untrusted', 'untrusted', 'untrusted']);
  });

  it('checks the sender before the message, so an untrusted page learns nothing about the format', async () => {
    const { ipcMain } = setup();
    const result = await ipcMain.invoke(new FakeWebContents(1), ['garbage'], { url: 'https://evil.example/', parent: null });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('keeps one connection per window, and a new one after the window is destroyed or navigates', async () => {
    const { ipcMain } = setup();
    const a = new FakeWebContents(1);
    const b = new FakeWebContents(2);
    const call = [{ call: 'app.info', input: {} }];
    const a1 = connectionOf(await ipcMain.invoke(a, call));
    const a2 = connectionOf(await ipcMain.invoke(a, call));
    const b1 = connectionOf(await ipcMain.invoke(b, call));
    expect(a2).toBe(a1);
    expect(b1).not.toBe(a1);

    a.emit('did-navigate');
    const a3 = connectionOf(await ipcMain.invoke(a, call));
    expect(a3).not.toBe(a1);
    expect(connectionOf(await ipcMain.invoke(b, call))).toBe(b1);

    b.destroy();
    const reused = new FakeWebContents(2); // Electron may reuse an id after destruction
    expect(connectionOf(await ipcMain.invoke(reused, call))).not.toBe(b1);
  });

  it('does not pile up listeners on a window that reloads many times', async () => {
    const { ipcMain } = setup();
    const window = new FakeWebContents(1);
    for (let i = 0; i < 5; i += 1) {
      await ipcMain.invoke(window, [{ call: 'app.info', input: {} }]);
      window.emit('did-navigate');
    }
    expect(window.listenerCount()).toBe(2);
  });

  it('keeps a signed-in session per window through the real router', async () => {
    const seen: Array<Connection['id']> = [];
    const handlers = {
      'app.info': (_input: unknown, connection: Connection) => {
        seen.push(connection.id);
        return { name: 'Lete', version: '0.1.0', host: 'electron', locale: 'lv' };
      },
    } as unknown as Handlers;
    const { ipcMain } = setup(createRouter(handlers));
    const window = new FakeWebContents(7);
    expect(await ipcMain.invoke(window, [{ call: 'app.info', input: {} }])).toMatchObject({ ok: true, data: { host: 'electron' } });
    expect(await ipcMain.invoke(window, [{ call: 'no.such.call', input: {} }])).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    expect(await ipcMain.invoke(window, [{ call: 'app.info', input: { extra: 1 } }])).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await ipcMain.invoke(window, [{ call: 'app.info', input: {} }]);
    expect(new Set(seen).size).toBe(1);
  });

  it('answers INTERNAL rather than throwing if the router ever throws', async () => {
    const router: Router = { dispatch: () => Promise.reject(new Error('boom')) };
    const { ipcMain, refused } = setup(router);
    const result = await ipcMain.invoke(new FakeWebContents(1), [{ call: 'app.info', input: {} }]);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(refused).toEqual(['internal']);
  });

  it('forwards every event to each live app window', () => {
    const { events, windows } = setup();
    const a = new FakeWebContents(1);
    const b = new FakeWebContents(2);
    const closed = new FakeWebContents(3);
    closed.destroyed = true;
    const foreign = new FakeWebContents(4);
    foreign.url = 'https://evil.example/';
    const failing = new FakeWebContents(5);
    failing.failSend = true;
    windows.push(failing, a, closed, foreign, b);

    events.emit('session.changed', { signedIn: true });
    events.emit('preferences.localeChanged', { locale: 'en' });

    const expected = [
      { channel: ipcChannels.event, message: { event: 'session.changed', payload: { signedIn: true } } },
      { channel: ipcChannels.event, message: { event: 'preferences.localeChanged', payload: { locale: 'en' } } },
    ];
    expect(a.sent).toEqual(expected);
    expect(b.sent).toEqual(expected);
    expect(closed.sent).toEqual([]);
    expect(foreign.sent).toEqual([]);
  });

  it('forwards to windows opened after registration', () => {
    const { events, windows } = setup();
    events.emit('session.changed', { signedIn: false });
    const late = new FakeWebContents(9);
    windows.push(late);
    events.emit('session.changed', { signedIn: true });
    expect(late.sent).toHaveLength(1);
  });

  it('unregisters the handler and stops forwarding when disposed', async () => {
    const { ipcMain, events, windows, dispose } = setup();
    const window = new FakeWebContents(1);
    windows.push(window);
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
    events.emit('session.changed', { signedIn: true });
    expect(window.sent).toEqual([]);
    await expect(ipcMain.invoke(window, [{ call: 'app.info', input: {} }])).rejects.toThrow(/No handler/u);
  });

  it('never lets a handler exception escape to Electron', async () => {
    const spy = vi.fn<(reason: string) => void>();
    const ipcMain = new FakeIpcMain();
    registerIpc({
      ipcMain,
      router: echoRouter(),
      events: createEventBus(),
      isTrustedSender: () => {
        throw new Error('should not be reached for a null frame');
      },
      windows: () => [],
      onRefused: spy,
    });
    await expect(ipcMain.invoke(new FakeWebContents(1), [{}], null)).resolves.toMatchObject({ ok: false });
    expect(spy).toHaveBeenCalledWith('untrusted', 1);
  });
});
