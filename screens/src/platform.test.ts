import { describe, expect, it } from 'vitest';
import { createDevice, PlatformFailure, uuid, type Transport } from './platform';

interface Sent {
  clientId: string;
  mutations: { mutationId: number; key: string; name: string; args: unknown }[];
}

/**
 * A fake platform with the push semantics of platform/sync/push.ts: per-client gap-free ids,
 * ALREADY_APPLIED with the stored result on a retry, OUT_OF_ORDER on a gap; and a switch that loses
 * the next answer after applying (the network dropping the reply).
 */
function fakePlatform() {
  const last = new Map<string, number>();
  const stored = new Map<string, unknown>();
  const pushes: Sent[] = [];
  let tickets = 0;
  let refreshes = 0;
  const state = { loseNextAnswer: false, down: false, hang: false, status500: false, expireAccess: false };
  const auth = (n: number) => ({
    accessToken: `access-${n}`,
    expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
    refreshToken: `refresh-${n}`,
    user: { id: 'kiosk-riga-centrs', username: 'kiosks.riga-centrs', displayName: 'Kiosks', roles: ['kiosk'], centreId: 'riga-centrs', deskId: null },
  });
  const fetchFake = (async (_url: string, init: RequestInit) => {
    if (state.down) throw new TypeError('Failed to fetch');
    if (state.hang) return new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    if (state.status500) return new Response('Internal Server Error', { status: 500 });
    const { query, variables } = JSON.parse(String(init.body)) as { query: string; variables: Record<string, unknown> };
    const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
    if (query.includes('login(')) {
      if (variables.p !== 'demo') return json({ errors: [{ message: 'Nepareizs lietotājvārds vai parole.', extensions: { code: 'BAD_CREDENTIALS' } }] });
      return json({ data: { login: auth(0) } });
    }
    if (query.includes('refresh(')) {
      refreshes++;
      return json({ data: { refresh: auth(refreshes) } });
    }
    const token = (init.headers as Record<string, string>).Authorization;
    if (state.expireAccess && token === 'Bearer access-0') return json({ errors: [{ message: 'Nepieciešama pieslēgšanās.', extensions: { code: 'UNAUTHENTICATED' } }] });
    if (query.includes('push(')) {
      const sent = variables as unknown as Sent;
      pushes.push(structuredClone(sent));
      const results = [];
      for (const m of sent.mutations) {
        const seen = last.get(sent.clientId) ?? 0;
        if (m.mutationId <= seen) results.push({ mutationId: m.mutationId, status: 'ALREADY_APPLIED', reason: null, result: stored.get(`${sent.clientId}/${m.mutationId}`) });
        else if (m.mutationId > seen + 1) results.push({ mutationId: m.mutationId, status: 'OUT_OF_ORDER', reason: `Gaidīta izmaiņa nr. ${seen + 1}.`, result: null });
        else {
          last.set(sent.clientId, m.mutationId);
          const result = { number: `A${String(++tickets).padStart(3, '0')}` };
          stored.set(`${sent.clientId}/${m.mutationId}`, result);
          results.push({ mutationId: m.mutationId, status: 'APPLIED', reason: null, result });
        }
      }
      if (state.loseNextAnswer) {
        state.loseNextAnswer = false;
        throw new TypeError('connection reset');
      }
      return json({ data: { push: { results } } });
    }
    return json({ data: { ok: true } });
  }) as typeof fetch;
  return { fetch: fetchFake, state, pushes, last, tickets: () => tickets };
}

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
}

function setup() {
  const platform = fakePlatform();
  const storage = memoryStorage();
  const transport: Transport = { fetch: platform.fetch, storage, now: () => Date.now(), timeoutMs: 200 };
  return { platform, storage, transport, device: createDevice('kiosk', transport) };
}

describe('hall device link', () => {
  it('makes RFC 4122 version 4 ids without crypto.randomUUID', () => {
    expect(uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u);
    expect(uuid()).not.toBe(uuid());
  });

  it('keeps the device signed in across a reload through the stored refresh token', async () => {
    const { transport, device } = setup();
    expect(device.user).toBeNull();
    await expect(device.signIn('kiosks.riga-centrs', 'wrong')).rejects.toMatchObject({ kind: 'refused', message: 'Nepareizs lietotājvārds vai parole.' });
    await device.signIn('kiosks.riga-centrs', 'demo');
    const reloaded = createDevice('kiosk', transport);
    expect(reloaded.user?.username).toBe('kiosks.riga-centrs');
    expect(await reloaded.token()).toBe('access-1');
    expect(transport.storage.getItem('lete.screens.kiosk.refreshToken')).toBe('refresh-1');
    // Another page in the same profile has a session of its own.
    expect(createDevice('display', transport).user).toBeNull();
  });

  it('renews a refused access token once and repeats the request', async () => {
    const { platform, device } = setup();
    await device.signIn('kiosks.riga-centrs', 'demo');
    platform.state.expireAccess = true;
    expect(await device.query('{ ok }')).toEqual({ ok: true });
  });

  it('numbers pushes 1, 2, 3 and resends a mutation whose answer was lost with the same id and key', async () => {
    const { platform, device, transport } = setup();
    await device.signIn('kiosks.riga-centrs', 'demo');
    expect((await device.push('ticket.issue', { n: 1 })).result).toEqual({ number: 'A001' });
    platform.state.loseNextAnswer = true;
    const key = device.enqueue('ticket.issue', { n: 2 });
    await expect(device.answer(key)).rejects.toBeInstanceOf(PlatformFailure);
    // A reload in between: the stored outbox still holds it.
    const reloaded = createDevice('kiosk', transport);
    expect(reloaded.hasPending).toBe(true);
    const third = await reloaded.push('ticket.issue', { n: 3 });
    expect(third).toMatchObject({ status: 'APPLIED', result: { number: 'A003' } });
    expect(platform.tickets()).toBe(3);
    const [, lost, retry] = platform.pushes;
    expect(retry?.mutations[0]).toEqual(lost?.mutations[0]);
    expect(retry?.mutations.map((m) => m.mutationId)).toEqual([2, 3]);
    expect(reloaded.hasPending).toBe(false);
  });

  it('answers the original result when the retry is ALREADY_APPLIED', async () => {
    const { platform, device } = setup();
    await device.signIn('kiosks.riga-centrs', 'demo');
    platform.state.loseNextAnswer = true;
    const key = device.enqueue('ticket.issue', {});
    await expect(device.answer(key)).rejects.toMatchObject({ kind: 'unreachable' });
    expect(await device.answer(key)).toMatchObject({ status: 'ALREADY_APPLIED', result: { number: 'A001' } });
  });

  it('starts a new installation id when the platform reports a gap, and resends from 1', async () => {
    const { platform, device, storage } = setup();
    await device.signIn('kiosks.riga-centrs', 'demo');
    const box = JSON.parse(storage.getItem('lete.screens.kiosk.outbox') ?? 'null') as unknown;
    expect(box).toBeNull();
    storage.setItem('lete.screens.kiosk.outbox', JSON.stringify({ clientId: 'restored', last: 7, pending: [] }));
    expect(await device.push('ticket.issue', {})).toMatchObject({ status: 'APPLIED' });
    const [gap, fresh] = platform.pushes;
    expect(gap?.mutations[0]?.mutationId).toBe(8);
    expect(fresh?.clientId).not.toBe('restored');
    expect(fresh?.mutations[0]?.mutationId).toBe(1);
  });

  it('tells unreachable, a 500 and a platform that never answers apart, in Latvian', async () => {
    const { platform, device } = setup();
    await device.signIn('kiosks.riga-centrs', 'demo');
    platform.state.down = true;
    await expect(device.query('{ ok }')).rejects.toMatchObject({ kind: 'unreachable', message: 'Nevar sazināties ar sistēmu. Mēģinām vēlreiz…' });
    platform.state.down = false;
    platform.state.status500 = true;
    await expect(device.query('{ ok }')).rejects.toMatchObject({ kind: 'server', message: 'Sistēmā radās kļūda. Mēģinām vēlreiz…' });
    platform.state.status500 = false;
    platform.state.hang = true;
    await expect(device.query('{ ok }')).rejects.toMatchObject({ kind: 'timeout', message: 'Sistēma neatbild. Mēģinām vēlreiz…' });
  });
});
