import { describe, expect, it } from 'vitest';
import { createWsClient, type LinkState, type SocketLike } from './ws-client';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.readyState = 3;
    this.onclose?.({} as CloseEvent);
  }
  open() {
    this.readyState = 1;
    this.onopen?.({} as Event);
  }
  reply(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) } as MessageEvent);
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({} as CloseEvent);
  }
}

function setup(timeoutMs = 15_000) {
  const sockets: FakeSocket[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const states: LinkState[] = [];
  const client = createWsClient({
    url: 'ws://127.0.0.1:1/rpc?token=t',
    createSocket: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
    timeoutMs,
    onLinkState: (s) => states.push(s),
    setTimer: (fn, ms) => {
      const t = { fn, ms };
      timers.push(t);
      return t;
    },
    clearTimer: (h) => {
      const i = timers.indexOf(h as (typeof timers)[number]);
      if (i >= 0) timers.splice(i, 1);
    },
  });
  return { client, sockets, timers, states };
}

describe('WebSocket client', () => {
  it('holds calls until the socket opens, then matches answers by id', async () => {
    const { client, sockets } = setup();
    const answer = client.invoke('app.info', {});
    const socket = sockets[0]!;
    expect(socket.sent).toEqual([]);
    socket.open();
    expect(JSON.parse(socket.sent[0]!)).toEqual({ id: 1, call: 'app.info', input: {} });
    socket.reply({ id: 1, ok: true, data: { name: 'Lete' } });
    expect(await answer).toEqual({ ok: true, data: { name: 'Lete' } });
  });

  it('always sends an input, since the envelope requires one', () => {
    const { client, sockets } = setup();
    sockets[0]!.open();
    void client.invoke('app.info', undefined as never);
    expect(JSON.parse(sockets[0]!.sent[0]!)).toMatchObject({ input: {} });
  });

  it('resolves calls lost with the socket as TRANSPORT errors and reconnects with backoff', async () => {
    const { client, sockets, timers, states } = setup();
    sockets[0]!.open();
    const lost = client.invoke('status.get', {});
    sockets[0]!.drop();
    expect(await lost).toMatchObject({ ok: false, error: { code: 'TRANSPORT' } });
    expect(states.at(-1)).toBe('reconnecting');
    const reconnect = timers.find((t) => t.ms < 15_000);
    expect(reconnect?.ms).toBeGreaterThan(0);
    reconnect?.fn();
    sockets[1]!.open();
    expect(states.at(-1)).toBe('connected');
  });

  it('times a call out with a typed error instead of hanging', async () => {
    const { client, timers } = setup(5000);
    const call = client.invoke('app.info', {});
    timers.find((t) => t.ms === 5000)?.fn();
    expect(await call).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
  });

  it('delivers known events to listeners and ignores garbage', () => {
    const { client, sockets } = setup();
    sockets[0]!.open();
    const seen: unknown[] = [];
    const off = client.on('status.changed', (p) => seen.push(p));
    sockets[0]!.onmessage?.({ data: 'not json' } as MessageEvent);
    sockets[0]!.reply({ event: 'no.such.event', payload: 1 });
    sockets[0]!.reply({ event: 'status.changed', payload: { pendingChanges: 1 } });
    off();
    sockets[0]!.reply({ event: 'status.changed', payload: { pendingChanges: 2 } });
    expect(seen).toEqual([{ pendingChanges: 1 }]);
  });
});
