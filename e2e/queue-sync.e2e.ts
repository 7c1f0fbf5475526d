import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPlatformClient } from '../main/sync/platform-client';
import { rigaDay } from '../shared/riga-day';
import { startFaultProxy } from './fault-proxy';
import { nodeDesk, useDemoPlatform } from './node-desk';
import { until } from './sync-check';


/**
 * The queue across desks over real HTTP: tickets issued by the hall's kiosk account, two desks calling
 * at the same moment, a finish while the platform is gone, and each clerk's day sheet.
 */
describe('the queue at the desks', () => {
  const centre = useDemoPlatform('lete-queue-');
  const { tempDir, open } = centre;

  async function desk(deskId: string, username: string, platformUrl = centre.platform.url) {
    const { w, call, result } = await nodeDesk({ dataDir: tempDir(), platformUrl, deskId });
    open.push(w);
    await call('session.signIn', { username, password: 'demo' });
    await until(async () => (await call('status.get', {})).connection === 'online' && (await call('queue.overview', {})).queues.length > 0, `${username}'s desk online with the queues`);
    return { w, call, result };
  }

  async function kiosk() {
    const client = createPlatformClient(centre.platform.url);
    await client.login('kiosks.riga-centrs', 'demo');
    const clientId = randomUUID();
    let n = 0;
    return async (queueLetter: string, category = 'regular') => {
      const [answer] = await client.push(clientId, [
        { mutationId: ++n, key: randomUUID(), name: 'ticket.issue', args: { id: randomUUID(), queueId: `queue-riga-centrs-${queueLetter.toLowerCase()}`, category }, baseVersions: {} },
      ]);
      if (answer?.status !== 'APPLIED') throw new Error(`kiosk refused: ${answer?.reason}`);
      return (answer.result as { number: string }).number;
    };
  }

  it('never gives two desks calling at once the same client, calls priority first, and finishes a ticket while the platform is gone', async () => {
    const issue = await kiosk();
    const numbers = [await issue('A'), await issue('A'), await issue('A', 'elderly')];
    const proxy = await startFaultProxy({ host: '127.0.0.1', port: Number(new URL(centre.platform.url).port) });
    open.push(proxy);
    const anna = await desk('desk-riga-centrs-1', 'klerks', proxy.url);
    const [{ username }] = (await centre.platform.sql.query<{ username: string }>(`SELECT username FROM users WHERE id = 'user-desk-riga-centrs-2'`)) as [{ username: string }];
    const other = await desk('desk-riga-centrs-2', username);
    await until(async () => (await anna.call('queue.overview', {})).waiting.length === 3, 'three waiting at the first desk');
    expect((await anna.call('queue.overview', {})).waiting.map((t) => t.number)).toEqual([numbers[2], numbers[0], numbers[1]]);

    const [first, second] = await Promise.all([anna.call('queue.callNext', {}), other.call('queue.callNext', {})]);
    expect(new Set([first?.number, second?.number]).size).toBe(2);
    expect([first?.number, second?.number].sort()).toEqual([numbers[2], numbers[0]].sort());
    // A second call before finishing is refused by the platform, in its words.
    expect(await anna.result('queue.callNext', {})).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/Vispirms pabeidziet talonu/u) } });

    await anna.call('queue.recall', { ticketId: first!.id });
    await anna.call('queue.start', { ticketId: first!.id });
    expect((await anna.call('queue.overview', {})).current).toMatchObject({ id: first!.id, status: 'serving', recalls: 1 });
    const consultation = await anna.call('consultations.register', { serviceCode: null, channel: 'in_person', client: { kind: 'anonymous' }, outcome: 'informed', note: 'Izskaidrota kārtība' });
    expect((await anna.call('queue.overview', {})).links.map((l) => l.id)).toEqual([consultation.id]);

    // The platform is gone: calling says so and nothing is queued; finishing works and reaches it later.
    proxy.set('refuse');
    const refused = await anna.result('queue.recall', { ticketId: first!.id });
    expect(refused).toMatchObject({ ok: false });
    await anna.call('queue.finish', { ticketId: first!.id, link: { kind: 'consultation', id: consultation.id } });
    const afterFinish = await anna.call('queue.overview', {});
    expect(afterFinish.current).toBeNull();
    expect(afterFinish.finishedToday[0]).toMatchObject({ id: first!.id, status: 'done', pending: true });
    expect(afterFinish.work.state).toBe('wrap_up');
    expect(await anna.result('queue.callNext', {})).toMatchObject({ ok: false, error: { code: 'TRANSPORT', message: expect.stringMatching(/Rinda šobrīd nav pieejama/u) } });

    proxy.set('pass');
    await anna.call('sync.now', {});
    await until(async () => {
      const [row] = await centre.platform.sql.query<{ status: string; consultation: string }>(`SELECT data->>'status' AS status, data->>'consultationId' AS consultation FROM sync_rows WHERE entity = 'ticket' AND id = $1`, [first!.id]);
      return row?.status === 'done' && row.consultation === consultation.id;
    }, 'the finish reached the platform with its consultation');
    const next = await anna.call('queue.callNext', {});
    expect(next?.number).toBe(numbers[1]);
    await anna.call('queue.noShow', { ticketId: next!.id });
    expect(await anna.call('queue.callNext', {})).toBeNull();

    const sheet = await anna.call('worktime.daySheet', { userId: null, day: rigaDay(new Date()) });
    expect(sheet.entries.map((e) => e.state)).toEqual(['available', 'serving', 'wrap_up', 'serving', 'available']);
    expect(sheet.entries[1]).toMatchObject({ ticketNumber: first!.number });
    expect(await other.result('worktime.daySheet', { userId: 'user-klerks', day: sheet.day })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await other.call('queue.noShow', { ticketId: second!.id });
  });

  it('sends a client on to another desk with a note: only that desk calls them, first', async () => {
    const issue = await kiosk();
    const number = await issue('B');
    const anna = await desk('desk-riga-centrs-1', 'klerks');
    const [{ username }] = (await centre.platform.sql.query<{ username: string }>(`SELECT username FROM users WHERE id = 'user-desk-riga-centrs-2'`)) as [{ username: string }];
    const other = await desk('desk-riga-centrs-2', username);
    await until(async () => (await anna.call('queue.overview', {})).waiting.some((t) => t.number === number), 'the ticket at the first desk');
    let called = await anna.call('queue.callNext', {});
    while (called && called.number !== number) {
      await anna.call('queue.noShow', { ticketId: called.id });
      called = await anna.call('queue.callNext', {});
    }
    expect(called?.number).toBe(number);
    await anna.call('queue.transfer', { ticketId: called!.id, queueId: null, deskId: 'desk-riga-centrs-2', note: 'Jāpārbauda deklarācija' });
    await until(async () => (await other.call('queue.overview', {})).waiting[0]?.forThisDesk === true, 'the ticket sent to the second desk');
    expect((await other.call('queue.overview', {})).waiting[0]).toMatchObject({ number, note: 'Jāpārbauda deklarācija' });
    expect((await anna.call('queue.overview', {})).waiting.some((t) => t.number === number)).toBe(false);
    expect((await other.call('queue.callNext', {}))?.number).toBe(number);
  });

  it('a call whose answer was lost is not made twice: pressing again gets the client it already called', async () => {
    const issue = await kiosk();
    const [first, second] = [await issue('C'), await issue('C')];
    // The platform gets the call and acts on it; its answer never comes back to the desk, once.
    let loseNextCallAnswer = false;
    const proxy = await startFaultProxy(
      { host: '127.0.0.1', port: Number(new URL(centre.platform.url).port) },
      {
        hooks: {
          onResponse(request) {
            if (!loseNextCallAnswer || !request.body.toString('utf8').includes('ticket.call')) return 'forward';
            loseNextCallAnswer = false;
            return 'drop';
          },
        },
      },
    );
    open.push(proxy);
    const anna = await desk('desk-riga-centrs-1', 'klerks', proxy.url);
    await until(async () => (await anna.call('queue.overview', {})).waiting.some((t) => t.number === second), 'both tickets at the desk');
    await anna.call('queue.setServed', { queueIds: ['queue-riga-centrs-c'] });
    loseNextCallAnswer = true;
    expect(await anna.result('queue.callNext', {})).toMatchObject({ ok: false, error: { code: 'TRANSPORT' } });
    expect((await anna.call('queue.overview', {})).unanswered).toBe(true);
    const again = await anna.call('queue.callNext', {});
    expect(again?.number).toBe(first);
    const calls = await centre.platform.sql.query<{ n: string }>(`SELECT count(*) AS n FROM sync_rows WHERE entity = 'ticket' AND data->>'number' = ANY($1) AND data->>'status' = 'called'`, [[first, second]]);
    expect(Number(calls[0]?.n)).toBe(1);
    expect((await anna.call('queue.overview', {})).unanswered).toBe(false);
    await anna.call('queue.noShow', { ticketId: again!.id });
  });
});
