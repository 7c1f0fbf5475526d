import {
  EventEnvelope,
  ResponseEnvelope,
  type CallName,
  type ContractError,
  type LeteClient,
  type Result,
} from '../../preload/contract';
import { createListeners } from './listeners';

/** The part of the browser's WebSocket the client uses, so tests can pass a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
}

export type LinkState = 'connecting' | 'connected' | 'reconnecting';

export interface WsClientOptions {
  url: string;
  createSocket(url: string): SocketLike;
  /** How long a call may wait for an answer, including time spent reconnecting. */
  timeoutMs?: number;
  onLinkState?(state: LinkState): void;
  setTimer?(fn: () => void, ms: number): unknown;
  clearTimer?(handle: unknown): void;
}

const OPEN = 1;
const transportError = (code: 'TRANSPORT' | 'TIMEOUT'): ContractError => ({
  code,
  message: 'Nav savienojuma ar darba vietas kodolu. Mēģiniet vēlreiz pēc brīža.',
});

/**
 * The contract over a WebSocket (browser mode). Calls made while the link is down wait for it, up to
 * the timeout; every call resolves, never rejects, so a screen always gets a typed result to show.
 */
export function createWsClient(options: WsClientOptions): LeteClient & { close(): void } {
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const timeoutMs = options.timeoutMs ?? 15_000;
  const pending = new Map<number, { resolve(r: Result<unknown>): void; timer: unknown; message: string; sent: boolean }>();
  const listeners = createListeners();
  let nextId = 1;
  let socket: SocketLike | null = null;
  let closed = false;
  let retries = 0;

  const settle = (id: number, result: Result<unknown>) => {
    const call = pending.get(id);
    if (!call) return;
    pending.delete(id);
    clearTimer(call.timer);
    call.resolve(result);
  };

  const flush = () => {
    if (socket?.readyState !== OPEN) return;
    for (const call of pending.values()) {
      if (call.sent) continue;
      socket.send(call.message);
      call.sent = true;
    }
  };

  const connect = () => {
    options.onLinkState?.(retries === 0 ? 'connecting' : 'reconnecting');
    const ws = options.createSocket(options.url);
    socket = ws;
    ws.onopen = () => {
      retries = 0;
      options.onLinkState?.('connected');
      flush();
    };
    ws.onmessage = ({ data }) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(String(data));
      } catch {
        return;
      }
      const response = ResponseEnvelope.safeParse(parsed);
      if (response.success) {
        const r = response.data;
        if (r.id !== null) settle(r.id, r.ok ? { ok: true, data: r.data } : { ok: false, error: r.error });
        return;
      }
      const event = EventEnvelope.safeParse(parsed);
      if (event.success) listeners.emit(event.data.event, event.data.payload);
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      // An answer lost with the socket may or may not have been applied; the caller is told so.
      for (const [id, call] of pending) if (call.sent) settle(id, { ok: false, error: transportError('TRANSPORT') });
      if (closed) return;
      retries += 1;
      options.onLinkState?.('reconnecting');
      setTimer(connect, Math.min(10_000, 250 * 2 ** Math.min(retries, 6)));
    };
  };
  connect();

  return {
    invoke(call: CallName, input: unknown) {
      const id = nextId++;
      // JSON drops `undefined`; the envelope requires an input, so send an empty one.
      const message = JSON.stringify({ id, call, input: input ?? {} });
      return new Promise((resolve) => {
        const timer = setTimer(() => settle(id, { ok: false, error: transportError('TIMEOUT') }), timeoutMs);
        pending.set(id, { resolve: resolve as (r: Result<unknown>) => void, timer, message, sent: false });
        flush();
      }) as never;
    },
    on: listeners.on,
    close() {
      closed = true;
      socket?.close();
    },
  };
}
