import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { RequestEnvelope, ipcChannels, type Result } from '../../preload/contract';
import type { EventBus } from '../events';
import type { Connection, Router } from '../rpc/router';

/*
 * The Electron IPC transport of the contract: the counterpart of rpc/web-host.ts for windows. It
 * takes Electron's objects as parameters, typed by the little it uses, so tests drive it with fakes
 * and Electron's own types are checked against these shapes where main.ts passes the real ones.
 */

/** The parts of a WebContents this transport touches. */
export interface IpcWebContents {
  readonly id: number;
  isDestroyed(): boolean;
  getURL(): string;
  send(channel: string, message: unknown): void;
  once(event: 'destroyed', listener: () => void): unknown;
  on(event: 'did-navigate', listener: () => void): unknown;
}

/** The parts of an IpcMainInvokeEvent this transport reads. */
export interface IpcInvokeEvent {
  readonly sender: IpcWebContents;
  /** Null once the frame has navigated away or gone. */
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface IpcOptions {
  ipcMain: IpcMainLike;
  router: Router;
  events: EventBus;
  /** Is this frame URL the app? (security.ts `isTrustedSender` bound to the app URL.) */
  isTrustedSender: (frameUrl: string) => boolean;
  /** The windows' WebContents that receive pushed events (BrowserWindow.getAllWindows() in main.ts). */
  windows: () => Iterable<IpcWebContents>;
  /** Told about refused and failed messages: a code and the WebContents id, never the message. */
  onRefused?: (reason: 'untrusted' | 'malformed' | 'internal', webContentsId: number) => void;
}

// Only `call` and `input` travel over IPC: ipcRenderer.invoke pairs each answer with its request,
// so the WebSocket envelope's `id` has no job here. A missing input is the router's `{}`.
const IpcRequest = z.object({ call: RequestEnvelope.shape.call, input: z.unknown().optional() }).strict();

const refusals = {
  FORBIDDEN: 'Pieprasījums noraidīts: tas nenāca no Lete darba loga.',
  MALFORMED_MESSAGE: 'Bojāts pieprasījums: darba vietas kodols to nesaprata. Restartējiet Lete.',
  INTERNAL: 'Radās iekšēja kļūda. Dati nav zaudēti; mēģiniet vēlreiz vai ziņojiet atbalstam.',
} as const;

function refuse(code: keyof typeof refusals): Result<never> {
  return { ok: false, error: { code, message: refusals[code] } };
}

/**
 * Registers the one invoke handler and the event forwarding; returns a function that undoes both.
 * The handler never throws: a renderer always gets a `Result`, whatever it sent.
 */
export function registerIpc(options: IpcOptions): () => void {
  const { ipcMain, router, events, isTrustedSender, onRefused } = options;
  const connections = new Map<number, Connection>();
  const watched = new Set<number>();

  // Each window is its own connection (its own sign-in), as each browser tab is in browser mode;
  // a reload or navigation starts a new document and so a new, signed-out connection — again as
  // a reloaded tab opens a new socket.
  function connectionFor(contents: IpcWebContents): Connection {
    const existing = connections.get(contents.id);
    if (existing) return existing;
    const connection: Connection = { id: randomUUID(), session: null };
    connections.set(contents.id, connection);
    if (!watched.has(contents.id)) {
      watched.add(contents.id);
      const id = contents.id;
      contents.once('destroyed', () => {
        connections.delete(id);
        watched.delete(id);
      });
      contents.on('did-navigate', () => connections.delete(id));
    }
    return connection;
  }

  function trusted(event: IpcInvokeEvent): boolean {
    const frame = event.senderFrame;
    // Only the window's top frame: the CSP already allows no frames, and this does not rely on it.
    return frame !== null && frame.parent === null && isTrustedSender(frame.url);
  }

  ipcMain.handle(ipcChannels.invoke, async (event: IpcInvokeEvent, ...args: unknown[]): Promise<Result<unknown>> => {
    const contentsId = event.sender.id;
    if (!trusted(event)) {
      onRefused?.('untrusted', contentsId);
      return refuse('FORBIDDEN');
    }
    const request = args.length === 1 ? IpcRequest.safeParse(args[0]) : null;
    if (!request?.success) {
      onRefused?.('malformed', contentsId);
      return refuse('MALFORMED_MESSAGE');
    }
    try {
      return await router.dispatch(connectionFor(event.sender), request.data.call, request.data.input);
    } catch {
      // The router promises not to throw; if it ever does, the window still gets an answer.
      onRefused?.('internal', contentsId);
      return refuse('INTERNAL');
    }
  });

  const unsubscribe = events.subscribe((event, payload) => {
    const message = { event, payload };
    for (const contents of options.windows()) {
      try {
        if (!contents.isDestroyed() && isTrustedSender(contents.getURL())) contents.send(ipcChannels.event, message);
      } catch {
        // A window closing while we send must not keep the others from their events.
      }
    }
  });

  return () => {
    unsubscribe();
    ipcMain.removeHandler(ipcChannels.invoke);
    connections.clear();
  };
}
