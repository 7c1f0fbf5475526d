import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ipcChannels as contractChannels, LeteBridge, Result } from './contract';

/*
 * The whole surface a renderer gets: `window.lete` with `invoke` and `on`, nothing else. The renderer
 * never sees ipcRenderer or an IPC event object (its `sender` would hand the page the raw channel),
 * and it can reach only the two contract channels. The core validates everything it receives.
 */

// A sandboxed preload can require nothing but 'electron' (and a few Node built-ins), and the contract's
// modules pull in zod. So the channel names are written out here and type-checked against the
// contract's `ipcChannels` (`satisfies` on the exact literal types fails if either side changes);
// only type imports cross over, and electron.test.ts checks that the built bundle requires nothing else.
const ipcChannels = { invoke: 'lete:invoke', event: 'lete:event' } as const satisfies typeof contractChannels;

// Structured clone throws synchronously on functions, DOM nodes and the like; the renderer should
// get the contract's error shape rather than an exception from inside the bridge.
const transportFailure: Result<never> = {
  ok: false,
  error: { code: 'TRANSPORT', message: 'Pieprasījumu neizdevās nodot darba vietas kodolam. Mēģiniet vēlreiz.' },
};

function isEventMessage(message: unknown): message is { event: string; payload: unknown } {
  return typeof message === 'object' && message !== null && typeof (message as { event?: unknown }).event === 'string';
}

const bridge: LeteBridge = {
  async invoke(call, input) {
    try {
      return (await ipcRenderer.invoke(ipcChannels.invoke, { call, input })) as unknown;
    } catch {
      return transportFailure;
    }
  },
  on(listener) {
    const forward = (_event: IpcRendererEvent, message: unknown) => {
      if (isEventMessage(message)) listener(message.event, message.payload);
    };
    ipcRenderer.on(ipcChannels.event, forward);
    return () => {
      ipcRenderer.removeListener(ipcChannels.event, forward);
    };
  },
};

contextBridge.exposeInMainWorld('lete', bridge);
