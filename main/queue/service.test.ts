import { describe, expect, it } from 'vitest';
import type { Clock } from '../clock';
import { createDeskStore } from '../sync/desk-store';
import type { PulledChange } from '../sync/store';
import { useTestDesk, type TestDesk } from '../test-support/workstation';

const at = (iso: string): Clock => ({ now: () => new Date(iso) });
const DAY = '2026-11-23';
let seq = 0;

/** Rows arriving from the platform as a pull would bring them. */
function pulled(d: TestDesk, changes: Omit<PulledChange, 'version' | 'deleted'>[]) {
  createDeskStore(d.workstation.db).applyPulled({ changes: changes.map((c) => ({ ...c, version: ++seq, deleted: false })), checkpoint: seq, lastMutationId: null, final: true }, new Date());
}

const queue = (letter: string, target = 15) => ({
  entity: 'queue',
  id: `queue-riga-centrs-${letter.toLowerCase()}`,
  data: { id: `queue-riga-centrs-${letter.toLowerCase()}`, centreId: 'riga-centrs', letter, name: `Rinda ${letter}`, serviceCodes: [], waitTargetMinutes: target },
});

function ticket(number: string, issuedAt: string, extra: Record<string, unknown> = {}) {
  const id = `00000000-0000-4000-8000-${String(number.charCodeAt(0)).padStart(4, '0')}${number.slice(1).padStart(8, '0')}`;
  return {
    entity: 'ticket',
    id,
    data: {
      id, centreId: 'riga-centrs', queueId: `queue-riga-centrs-${number[0]!.toLowerCase()}`, number, day: DAY, category: 'regular', serviceCode: null,
      status: 'waiting', issuedAt, calledAt: null, startedAt: null, finishedAt: null, deskId: null, userId: null, caseId: null, consultationId: null,
      recalls: 0, targetDeskId: null, history: [{ at: issuedAt, by: 'kiosk', action: 'issued', from: null, to: 'waiting', reason: null }], ...extra,
    },
  };
}

describe('the queue at a desk', () => {
  const desk = useTestDesk();

  it('lists who waits in the order the platform will call them for this desk, with waits against the target', async () => {
    const d = await desk.start({ clock: at(`${DAY}T09:30:00Z`) });
    await d.call('session.signIn', { username: 'klerks', password: 'demo' });
    pulled(d, [
      queue('A', 20),
      queue('B'),
      ticket('A001', `${DAY}T09:00:00Z`),
      ticket('A002', `${DAY}T09:05:00Z`, { category: 'elderly' }),
      ticket('B001', `${DAY}T09:20:00Z`, {
        targetDeskId: 'desk-riga-centrs-1',
        history: [{ at: `${DAY}T09:25:00Z`, by: 'u2', action: 'transfer:queue-riga-centrs-b@desk-riga-centrs-1', from: 'serving', to: 'waiting', reason: 'Jāpārbauda deklarācija' }],
      }),
      ticket('B002', `${DAY}T09:10:00Z`, { targetDeskId: 'desk-riga-centrs-2' }),
    ]);
    const overview = await d.call('queue.overview', {});
    expect(overview.desk).toEqual({ id: 'desk-riga-centrs-1', name: 'Lete 1' });
    expect(overview.waiting.map((t) => [t.number, t.forThisDesk])).toEqual([
      ['B001', true],
      ['A002', false],
      ['A001', false],
    ]);
    expect(overview.waiting[0]?.note).toBe('Jāpārbauda deklarācija');
    expect(overview.queues.map((q) => [q.letter, q.waiting, q.longestWaitSeconds, q.waitTargetMinutes, q.served])).toEqual([
      ['A', 2, 1800, 20, true],
      ['B', 2, 1200, 15, true],
    ]);
    expect(overview.work).toMatchObject({ state: 'available' });

    // Calling from queue B only: queue A's clients are not this desk's, the one sent here still is.
    await d.call('queue.setServed', { queueIds: ['queue-riga-centrs-b'] });
    expect((await d.call('queue.overview', {})).waiting.map((t) => t.number)).toEqual(['B001']);
    expect(await d.fail('queue.setServed', { queueIds: ['queue-cits-centrs-a'] })).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('says in Latvian that the queue needs the platform, and keeps nothing to fire later', async () => {
    const d = await desk.start({ clock: at(`${DAY}T09:30:00Z`) });
    await d.call('session.signIn', { username: 'klerks', password: 'demo' });
    pulled(d, [queue('A'), ticket('A001', `${DAY}T09:00:00Z`)]);
    const refused = await d.fail('queue.callNext', {});
    expect(refused).toMatchObject({ code: 'TRANSPORT', message: expect.stringMatching(/^Rinda šobrīd nav pieejama: nav savienojuma ar platformu/u) });
    expect(d.workstation.db.prepare(`SELECT count(*) AS n FROM queue_live_pending`).get()).toEqual({ n: 0 });
    expect((await d.call('queue.overview', {})).online).toBe(false);
  });

  it('finishes the ticket being served offline, and the clerk’s day sheet follows the queue', async () => {
    let now = `${DAY}T08:00:00Z`;
    const d = await desk.start({ clock: { now: () => new Date(now) } });
    await d.call('session.signIn', { username: 'klerks', password: 'demo' });
    // The platform called A001 to this clerk at 08:10 and they started at 08:12.
    pulled(d, [
      queue('A'),
      ticket('A001', `${DAY}T08:05:00Z`, { status: 'serving', calledAt: `${DAY}T08:10:00Z`, startedAt: `${DAY}T08:12:00Z`, userId: 'user-klerks', deskId: 'desk-riga-centrs-1' }),
    ]);
    now = `${DAY}T08:10:00Z`;
    expect(await d.fail('worktime.set', { state: 'break' })).toMatchObject({ code: 'CONFLICT' });
    now = `${DAY}T08:20:00Z`;
    const overview = await d.call('queue.overview', {});
    expect(overview.current).toMatchObject({ number: 'A001', status: 'serving' });
    expect(await d.fail('queue.finish', { ticketId: overview.current!.id.replace(/.$/u, '9'), link: null })).toMatchObject({ code: 'NOT_FOUND' });
    await d.call('queue.finish', { ticketId: overview.current!.id, link: null });
    const after = await d.call('queue.overview', {});
    expect(after.current).toBeNull();
    expect(after.finishedToday[0]).toMatchObject({ number: 'A001', status: 'done', pending: true });
    expect(after.work).toEqual({ state: 'wrap_up', since: `${DAY}T08:20:00.000Z` });
    now = `${DAY}T08:25:00Z`;
    await d.call('worktime.set', { state: 'break' });
    now = `${DAY}T08:40:00Z`;
    await d.call('worktime.set', { state: 'available' });

    const sheet = await d.call('worktime.daySheet', { userId: null, day: DAY });
    expect(sheet.entries.map((e) => [e.state, e.from.slice(11, 16), e.to?.slice(11, 16) ?? null, e.seconds])).toEqual([
      ['available', '08:00', '08:20', 1200],
      ['wrap_up', '08:20', '08:25', 300],
      ['break', '08:25', '08:40', 900],
      ['available', '08:40', null, 0],
    ]);
    expect(sheet.totals).toEqual([
      { state: 'available', seconds: 1200 },
      { state: 'wrap_up', seconds: 300 },
      { state: 'break', seconds: 900 },
    ]);
    expect(await d.fail('worktime.daySheet', { userId: 'user-vaditajs', day: DAY })).toMatchObject({ code: 'FORBIDDEN' });
  });
});
