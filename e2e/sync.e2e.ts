import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallInput, CallName, CallOutput } from '../preload/contract';
import type { Connection } from '../main/rpc/router';
import { createWorkstation, type Workstation } from '../main/workstation';
import { createPlatform, type Platform } from '../platform/server';
import { startFaultProxy, type Fault } from './fault-proxy';

const silent = { info: () => undefined, error: () => undefined };

/** A real desk core and a real platform over HTTP: the desk's outbox reaches the platform once. */
describe('desk ⇄ platform', () => {
  const dirs: string[] = [];
  const open: { close(): unknown }[] = [];
  afterEach(async () => {
    for (const o of open.splice(0).reverse()) await o.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'lete-sync-'));
    dirs.push(d);
    return d;
  };

  async function platformAt(dataDir: string, port = 0): Promise<Platform> {
    const p = await createPlatform({ dataDir, port, demo: true, passwordMemoryCost: 1024, tokenSecret: 'e2e' });
    open.push(p);
    return p;
  }

  async function desk(platformUrl: string): Promise<{ w: Workstation; call: <K extends CallName>(k: K, i: CallInput<K>) => Promise<CallOutput<K>> }> {
    const w = await createWorkstation(
      { dataDir: tempDir(), host: 'web', appVersion: 'e2e', demo: true, deskId: null, passwordCost: 1024, platformUrl },
      { logger: silent },
    );
    open.push(w);
    const connection: Connection = { id: 'e2e', session: null };
    const call = async <K extends CallName>(k: K, i: CallInput<K>) => {
      const r = await w.router.dispatch(connection, k, i);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.data as CallOutput<K>;
    };
    return { w, call };
  }

  const until = async (check: () => boolean | Promise<boolean>, ms = 15_000) => {
    const end = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > end) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('sends a consultation once, marks it sent, and keeps it through an outage', async () => {
    const platformDir = tempDir();
    let platform = await platformAt(platformDir);
    const port = Number(new URL(platform.url).port);
    const { w, call } = await desk(platform.url);
    await call('session.signIn', { username: 'klerks', password: 'demo' });
    await until(async () => (await call('status.get', {})).connection === 'online');

    const changed: string[] = [];
    w.events.subscribe((event, payload) => {
      if (event === 'consultations.changed') changed.push((payload as { id: string }).id);
    });
    const saved = await call('consultations.register', { serviceCode: 'P.02', channel: 'phone', client: { kind: 'anonymous' }, outcome: 'informed', note: 'pirmā' });
    await until(async () => (await call('consultations.listToday', {}))[0]?.syncState === 'synced');
    // Open screens hear of the confirmation too, once on saving and again when the platform confirms.
    await until(() => changed.filter((id) => id === saved.id).length >= 2);
    expect((await call('status.get', {})).pendingChanges).toBe(0);
    const onPlatform = await platform.sql.query<{ id: string }>(`SELECT id FROM sync_rows WHERE entity = 'consultation'`);
    expect(onPlatform.map((r) => r.id)).toEqual([saved.id]);

    // The platform goes away: the clerk keeps working, the change waits in the outbox.
    await platform.close();
    open.splice(open.indexOf(platform), 1);
    await call('consultations.register', { serviceCode: null, channel: 'in_person', client: { kind: 'anonymous' }, outcome: 'referred', note: 'bezsaistē' });
    await until(async () => (await call('status.get', {})).connection === 'offline');
    expect((await call('status.get', {})).pendingChanges).toBe(1);

    // It comes back on the same address with its data: the waiting change arrives, exactly once.
    platform = await platformAt(platformDir, port);
    await w.sync?.syncNow();
    await until(async () => (await call('status.get', {})).pendingChanges === 0);
    expect((await call('status.get', {})).connection).toBe('online');
    const rows = await platform.sql.query<{ id: string }>(`SELECT id FROM sync_rows WHERE entity = 'consultation'`);
    expect(rows).toHaveLength(2);
  });

  it('signs in to the platform by itself once it is back, when the clerk signed in during an outage', async () => {
    const platformDir = tempDir();
    let platform = await platformAt(platformDir);
    const port = Number(new URL(platform.url).port);
    await platform.close();
    open.splice(open.indexOf(platform), 1);
    const { call } = await desk(`http://127.0.0.1:${port}`);
    await call('session.signIn', { username: 'klerks', password: 'demo' });
    await call('consultations.register', { serviceCode: 'P.02', channel: 'phone', client: { kind: 'anonymous' }, outcome: 'informed', note: 'pirms savienojuma' });
    // No network is not a wrong password: the status bar says offline, not "sign in again".
    await until(async () => (await call('status.get', {})).connection === 'offline');

    platform = await platformAt(platformDir, port);
    await until(async () => (await call('status.get', {})).connection === 'online', 90_000);
    await until(async () => (await call('status.get', {})).pendingChanges === 0);
    expect(await platform.sql.query(`SELECT id FROM sync_rows WHERE entity = 'consultation'`)).toHaveLength(1);
  }, 120_000);

  it('moves a change the platform refuses out of the way, so later ones still go', async () => {
    const platform = await platformAt(tempDir());
    const { w, call } = await desk(platform.url);
    await call('session.signIn', { username: 'klerks', password: 'demo' });
    await until(async () => (await call('status.get', {})).connection === 'online');
    // A service the desk knows but the platform's catalogue does not: the platform rejects it.
    w.db.prepare(`INSERT INTO services SELECT 'ZZ-LOCAL', name, description, owner_code, channels, fee_kind, fee_cents, synonyms, required_documents, typical_duration_days, sla_days, form FROM services WHERE code = 'P.02'`).run();
    await call('consultations.register', { serviceCode: 'ZZ-LOCAL', channel: 'phone', client: { kind: 'anonymous' }, outcome: 'informed', note: '' });
    await call('consultations.register', { serviceCode: 'P.05', channel: 'phone', client: { kind: 'anonymous' }, outcome: 'informed', note: '' });
    await until(async () => (await call('status.get', {})).pendingChanges === 0);
    const failures = w.db.prepare(`SELECT kind, reason FROM sync_failures`).all() as { kind: string; reason: string }[];
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ kind: 'rejected' });
    expect(failures[0]?.reason).toMatch(/ZZ-LOCAL/u);
    const onPlatform = await platform.sql.query(`SELECT id FROM sync_rows WHERE entity = 'consultation'`);
    expect(onPlatform).toHaveLength(1);

    // The clerk sees it with the platform's reason, and can mark it reviewed.
    expect((await call('status.get', {})).failedChanges).toBe(1);
    const overview = await call('sync.overview', {});
    expect(overview.pending).toEqual([]);
    expect(overview.failures).toMatchObject([{ kind: 'rejected', name: 'consultation.create', reason: expect.stringMatching(/ZZ-LOCAL/u) }]);
    await call('sync.dismissFailure', { mutationId: overview.failures[0]!.mutationId });
    expect((await call('status.get', {})).failedChanges).toBe(0);
    expect((await call('sync.overview', {})).failures).toEqual([]);
  });

  it('brings a colleague’s consultation to the next desk within moments, through a poke', async () => {
    const platform = await platformAt(tempDir());
    const anna = await desk(platform.url);
    const colleague = await desk(platform.url);
    const { username } = colleague.w.db.prepare(`SELECT username FROM users WHERE id = 'user-desk-riga-centrs-2'`).get() as { username: string };
    await anna.call('session.signIn', { username: 'klerks', password: 'demo' });
    await colleague.call('session.signIn', { username, password: 'demo' });
    await until(async () => (await colleague.call('status.get', {})).connection === 'online');
    await new Promise((r) => setTimeout(r, 1500)); // the colleague's desk opens its pokes stream
    const saved = await anna.call('consultations.register', { serviceCode: 'P.02', channel: 'phone', client: { kind: 'anonymous' }, outcome: 'informed', note: '' });
    // Desks poll every 15 s; arriving well before that shows the poke did it.
    await until(() => colleague.w.db.prepare(`SELECT 1 FROM consultations WHERE id = ?`).get(saved.id) !== undefined, 8_000);
  });

  it('delivers every consultation exactly once through a network that refuses, cuts replies and duplicates requests', async () => {
    const platform = await platformAt(tempDir());
    const proxy = await startFaultProxy({ host: '127.0.0.1', port: Number(new URL(platform.url).port) });
    open.push(proxy);
    const { w, call } = await desk(proxy.url);
    await call('session.signIn', { username: 'klerks', password: 'demo' });
    await until(async () => (await call('status.get', {})).connection === 'online');

    const saved: string[] = [];
    const faults: Fault[] = ['refuse', 'reset-reply', 'duplicate-request', 'reset-reply', 'refuse'];
    for (const [i, fault] of faults.entries()) {
      proxy.set(fault);
      for (let n = 0; n < 3; n++) {
        const c = await call('consultations.register', { serviceCode: 'P.02', channel: 'phone', client: { kind: 'anonymous' }, outcome: 'informed', note: `${fault} ${i}.${n}` });
        saved.push(c.id);
      }
      await w.sync?.syncNow();
    }
    // The faults bit: the platform holds changes whose replies the desk never got, and some still wait.
    const reached = await platform.sql.query(`SELECT id FROM sync_rows WHERE entity = 'consultation'`);
    expect(reached.length).toBeGreaterThan(0);
    expect((await call('status.get', {})).pendingChanges).toBeGreaterThan(0);
    expect((await call('status.get', {})).connection).not.toBe('online');

    proxy.set('pass');
    await w.sync?.syncNow();
    await until(async () => (await call('status.get', {})).pendingChanges === 0);

    const onPlatform = await platform.sql.query<{ id: string }>(`SELECT id FROM sync_rows WHERE entity = 'consultation' ORDER BY id`);
    expect(onPlatform.map((r) => r.id)).toEqual([...saved].sort());
    const applied = await platform.sql.query<{ n: string }>(`SELECT count(*) AS n FROM sync_mutations WHERE status = 'APPLIED' AND name = 'consultation.create'`);
    expect(Number(applied[0]?.n)).toBe(saved.length);
    expect((await call('consultations.listToday', {})).every((c) => c.syncState === 'synced')).toBe(true);
    expect(w.db.prepare(`SELECT count(*) AS n FROM sync_failures`).get()).toEqual({ n: 0 });
  });
});
