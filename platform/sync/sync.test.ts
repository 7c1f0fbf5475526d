import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Platform } from '../server';
import { PULL, PUSH, engines, pullAll, pushOne, signIn, startTestPlatform, type Pulled as Pull } from '../test-support/platform';
import { writeRow } from './rows';

const consultation = (id = randomUUID(), serviceCode: string | null = 'P.02') => ({
  id,
  serviceCode,
  channel: 'in_person',
  client: { kind: 'anonymous' },
  outcome: 'informed',
  note: '',
});

describe.each(engines)('sync on %s', (engine) => {
  let platform: Platform;
  afterEach(async () => platform?.close());

  it('pulls the catalogue in ordered, gap-free batches and then only what changed', async () => {
    platform = await startTestPlatform(engine);
    const desk = await signIn(platform, 'klerks');
    const first = await desk.request<{ pull: Pull }>(PULL, { checkpoint: 0, limit: 100 });
    expect(first.pull.hasMore).toBe(true);
    expect(first.pull.changes.map((c) => c.version)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    const all = await pullAll(desk);
    expect(all.changes.filter((c) => c.entity === 'service').length).toBeGreaterThanOrEqual(300);
    expect((await pullAll(desk, null, all.checkpoint)).changes).toEqual([]);
  });

  it('applies a retried mutation once, refuses a gap and moves on after a rejection', async () => {
    platform = await startTestPlatform(engine);
    const desk = await signIn(platform, 'klerks');
    const clientId = randomUUID();
    const c1 = consultation();
    expect((await pushOne(desk, clientId, 1, 'consultation.create', c1)).status).toBe('APPLIED');
    // The reply was lost; the desk sends the same mutation again.
    expect((await pushOne(desk, clientId, 1, 'consultation.create', c1)).status).toBe('ALREADY_APPLIED');
    const gap = await pushOne(desk, clientId, 3, 'consultation.create', consultation());
    expect(gap).toMatchObject({ status: 'OUT_OF_ORDER' });
    const rejected = await pushOne(desk, clientId, 2, 'consultation.create', consultation(undefined, 'NAV-TADA'));
    expect(rejected.status).toBe('REJECTED');
    expect(rejected.reason).toMatch(/katalogā nav atrasts/u);
    expect((await pushOne(desk, clientId, 3, 'consultation.create', consultation())).status).toBe('APPLIED');

    const pulled = await pullAll(desk, clientId);
    expect(pulled.changes.filter((c) => c.entity === 'consultation')).toHaveLength(2);
    expect(pulled.acks).toEqual([{ clientId, lastMutationId: 3 }]);
  });

  it('answers a retried refusal or conflict as it answered the first time, never as applied', async () => {
    platform = await startTestPlatform(engine);
    const anna = await signIn(platform, 'klerks');
    const clientId = randomUUID();
    const id = randomUUID();
    const refused = await pushOne(anna, clientId, 1, 'consultation.create', consultation(undefined, 'NAV-TADA'));
    expect(refused.status).toBe('REJECTED');
    // The reply was lost; the desk sends it again and must still learn of the refusal and its reason.
    expect(await pushOne(anna, clientId, 1, 'consultation.create', consultation(undefined, 'NAV-TADA'))).toMatchObject({ status: 'REJECTED', reason: refused.reason });

    const created = await pushOne(anna, clientId, 2, 'consultation.create', consultation(id));
    await pushOne(anna, 'desk-b', 1, 'consultation.update', { id, changes: { note: 'Kolēģe' } }, { note: created.version });
    const conflict = await pushOne(anna, clientId, 3, 'consultation.update', { id, changes: { note: 'Anna' } }, { note: created.version });
    expect(conflict).toMatchObject({ status: 'CONFLICT', conflict: { fields: ['note'], serverState: { note: 'Kolēģe' } } });
    expect(await pushOne(anna, clientId, 3, 'consultation.update', { id, changes: { note: 'Anna' } }, { note: created.version })).toMatchObject({
      status: 'CONFLICT',
      conflict: { fields: ['note'], serverState: { note: 'Kolēģe' } },
    });
    expect(await pushOne(anna, clientId, 2, 'consultation.create', consultation(id))).toMatchObject({ status: 'ALREADY_APPLIED', version: created.version });
    // Retries change nothing: one conflict stored, the colleague's note kept.
    expect(await platform.sql.query(`SELECT mutation_id FROM sync_conflicts WHERE client_id = $1`, [clientId])).toHaveLength(1);
    expect((await pullAll(anna)).changes.find((c) => c.id === id)?.data.note).toBe('Kolēģe');
  });

  it('merges edits of different fields and keeps both states when the same field was edited', async () => {
    platform = await startTestPlatform(engine);
    const anna = await signIn(platform, 'klerks');
    const [{ username }] = (await platform.sql.query<{ username: string }>(`SELECT username FROM users WHERE id = 'user-desk-riga-centrs-2'`)) as [{ username: string }];
    const colleague = await signIn(platform, username);
    const id = randomUUID();
    await pushOne(anna, 'desk-a', 1, 'consultation.create', consultation(id));
    const created = (await pullAll(anna)).changes.find((c) => c.id === id)!;
    const base = { outcome: created.version, note: created.version };

    expect((await pushOne(colleague, 'desk-b', 1, 'consultation.update', { id, changes: { note: 'Kolēģes piezīme' } }, base)).status).toBe('APPLIED');
    // A different field on a stale base merges.
    expect((await pushOne(anna, 'desk-a', 2, 'consultation.update', { id, changes: { outcome: 'referred' } }, base)).status).toBe('APPLIED');
    // The same field on a stale base conflicts; nothing is overwritten and both states are kept.
    const conflict = await pushOne(anna, 'desk-a', 3, 'consultation.update', { id, changes: { note: 'Annas piezīme' } }, base);
    expect(conflict).toMatchObject({ status: 'CONFLICT', conflict: { fields: ['note'] } });
    expect(conflict.conflict?.serverState.note).toBe('Kolēģes piezīme');
    const now = (await pullAll(anna)).changes.find((c) => c.id === id)!;
    expect(now.data).toMatchObject({ note: 'Kolēģes piezīme', outcome: 'referred' });
    const [stored] = await platform.sql.query<{ client_state: { changes: { note: string } }; server_state: { note: string } }>(`SELECT client_state, server_state FROM sync_conflicts`);
    expect(stored?.client_state.changes.note).toBe('Annas piezīme');
    expect(stored?.server_state.note).toBe('Kolēģes piezīme');
  });

  it('answers the version an edit produced, so the desk can edit on top of its own unconfirmed change', async () => {
    platform = await startTestPlatform(engine);
    const anna = await signIn(platform, 'klerks');
    const [{ username }] = (await platform.sql.query<{ username: string }>(`SELECT username FROM users WHERE id = 'user-desk-riga-centrs-2'`)) as [{ username: string }];
    const colleague = await signIn(platform, username);
    const id = randomUUID();
    const created = await pushOne(anna, 'desk-a', 1, 'consultation.create', consultation(id));
    expect(created.version).toEqual(expect.any(Number));
    // Anna edits the note before she ever pulled her consultation: the create's version is her base.
    expect((await pushOne(anna, 'desk-a', 2, 'consultation.update', { id, changes: { note: 'Pirmā' } }, { note: created.version })).status).toBe('APPLIED');
    expect((await pushOne(anna, 'desk-a', 2, 'consultation.update', { id, changes: { note: 'Pirmā' } }, { note: created.version })).status).toBe('ALREADY_APPLIED');
    const pulled = await pullAll(anna, 'desk-a');
    const row = pulled.changes.find((c) => c.id === id)!;
    expect(row.fieldVersions?.note).toBe(row.version);
    expect(row.fieldVersions?.outcome).toBe(created.version);
    expect(pulled.head).toBe(pulled.checkpoint);
    // A colleague's later write to the same field makes the same base stale.
    await pushOne(colleague, 'desk-b', 1, 'consultation.update', { id, changes: { note: 'Kolēģe' } }, { note: row.version });
    expect((await pushOne(anna, 'desk-a', 3, 'consultation.update', { id, changes: { note: 'Otrā' } }, { note: row.version })).status).toBe('CONFLICT');
  });

  it('refuses a whole push naming a mutation the platform does not know, or with malformed base versions, applying nothing', async () => {
    platform = await startTestPlatform(engine);
    const desk = await signIn(platform, 'klerks');
    const error = await desk
      .request(PUSH, {
        clientId: 'desk-new',
        mutations: [
          { mutationId: 1, key: randomUUID(), name: 'consultation.create', args: consultation() },
          { mutationId: 2, key: randomUUID(), name: 'consultation.archive', args: {} },
        ],
      })
      .catch((e: { response: { errors: { message: string; extensions: { code: string } }[] } }) => e.response.errors[0]);
    expect(error).toMatchObject({ extensions: { code: 'UPDATE_REQUIRED' } });
    expect(error?.message).toMatch(/platforma jāatjaunina/u);
    expect(await platform.sql.query(`SELECT 1 FROM sync_clients WHERE client_id = 'desk-new'`)).toEqual([]);

    const malformed = await desk
      .request(PUSH, { clientId: 'desk-new', mutations: [{ mutationId: 1, key: randomUUID(), name: 'consultation.create', args: consultation(), baseVersions: { note: 'vakar' } }] })
      .catch((e: { response: { errors: { extensions: { code: string } }[] } }) => e.response.errors[0]);
    expect(malformed).toMatchObject({ extensions: { code: 'BAD_REQUEST' } });
    expect(await platform.sql.query(`SELECT 1 FROM sync_clients WHERE client_id = 'desk-new'`)).toEqual([]);
  });

  it('scopes pulls: another centre does not see the consultation, an administrator does', async () => {
    platform = await startTestPlatform(engine);
    const anna = await signIn(platform, 'klerks');
    const id = randomUUID();
    await pushOne(anna, 'desk-a', 1, 'consultation.create', consultation(id));
    const [{ username }] = (await platform.sql.query<{ username: string }>(`SELECT username FROM users WHERE id = 'user-desk-cesis-1'`)) as [{ username: string }];
    const cesis = await signIn(platform, username);
    expect((await pullAll(cesis)).changes.some((c) => c.id === id)).toBe(false);
    expect((await pullAll(await signIn(platform, 'admins'))).changes.some((c) => c.id === id)).toBe(true);
    const editor = await signIn(platform, 'redaktors');
    expect((await pushOne(editor, 'desk-e', 1, 'consultation.create', consultation())).status).toBe('REJECTED');
  });
});

// Only a server with real concurrent transactions can interleave writers; PGlite runs one at a time.
describe.each(engines.filter((e) => e === 'postgres'))('commit order on %s', (engine) => {
  let platform: Platform;
  afterEach(async () => platform?.close());

  it('never lets a pull skip a write that commits late', async () => {
    platform = await startTestPlatform(engine);
    const admin = await signIn(platform, 'admins');
    const start = (await pullAll(admin)).checkpoint;
    const row = (id: string) => ({ entity: 'consultation', id, data: { note: id }, centreId: 'riga-centrs', ownerCode: null });
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = platform.sql.transaction(async (tx) => {
      await writeRow(tx, row('first'));
      await held;
    });
    await new Promise((r) => setTimeout(r, 100));
    // The second writer waits on the counter row until the first commits, so seq follows commit order.
    const second = platform.sql.transaction((tx) => writeRow(tx, row('second')));
    await new Promise((r) => setTimeout(r, 100));
    const between = await pullAll(admin, null, start);
    expect(between.changes).toEqual([]);
    expect(between.checkpoint).toBe(start);
    release();
    await Promise.all([first, second]);
    const after = await pullAll(admin, null, between.checkpoint);
    expect(after.changes.map((c) => c.id)).toEqual(['first', 'second']);
  });
});
