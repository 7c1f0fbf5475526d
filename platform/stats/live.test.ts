import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Platform } from '../server';
import { connectDesk, engines, startTestPlatform, type TestDesk } from '../test-support/platform';

const queueA = 'queue-riga-centrs-a';
const queueB = 'queue-riga-centrs-b';
const MINUTE = 60_000;
// 10:00 in Riga.
const start = Date.parse('2026-11-23T08:00:00.000Z');
const at = (minutes: number) => new Date(start + minutes * MINUTE).toISOString();

const LIVE = `{ centreLive { centreId centreName at
  queues { queueId letter waitTargetMinutes waiting longestWaitSeconds averageWaitSeconds averageServiceSeconds servedLastHour servedToday noShowsToday withinTargetShare overTarget }
  staff { userId displayName deskId deskName state since ticketNumber servedToday }
  ratingsToday satisfactionToday alerts { kind queueId message messageEn since } settings { satisfactionThreshold minimumRatings } } }`;
const BOARD = `{ hallBoard { centreId centreName at calls { number queueId deskId deskName calledAt recalls status } queues { letter waiting } } }`;
const FINISHED = `query ($d: ID!) { deskFinished(deskId: $d) { number finishedAt rated } }`;

describe.each(engines)('live figures on %s', (engine) => {
  let platform: Platform;
  let now = start;
  afterEach(async () => platform?.close());

  it('gives the supervisor, the hall and the rating screen hand-checked figures for a controlled morning', async () => {
    now = start;
    platform = await startTestPlatform(engine, { clock: () => new Date(now) });
    const kiosk = await connectDesk(platform, 'kiosks.riga-centrs');
    const klerks = await connectDesk(platform, 'klerks');
    const anna = await connectDesk(platform, 'anna.vitola');
    const supervisor = await connectDesk(platform, 'vaditajs');
    const step = async (minutes: number, desk: TestDesk, name: string, args: object) => {
      now = start + minutes * MINUTE;
      const outcome = await desk.push(name, args);
      expect(outcome.status, outcome.reason ?? '').toBe('APPLIED');
      return outcome.result as Record<string, unknown> & { ticket?: { id: string; number: string } };
    };
    const issue = (minutes: number, queueId: string) => step(minutes, kiosk, 'ticket.issue', { id: randomUUID(), queueId, category: 'regular' });

    await issue(0, queueA); // A001
    await issue(1, queueA); // A002 (a minute later: equal issue times would be ordered by id)
    await issue(0, queueB); // B001
    await step(0, klerks, 'worktime.set', { id: randomUUID(), state: 'available', deskId: 'desk-riga-centrs-1', at: at(0) });
    await step(0, anna, 'worktime.set', { id: randomUUID(), state: 'available', deskId: 'desk-riga-centrs-2', at: at(0) });
    const a001 = (await step(5, klerks, 'ticket.call', { deskId: 'desk-riga-centrs-1', queueIds: [queueA] })).ticket;
    await step(6, klerks, 'ticket.start', { ticketId: a001?.id });
    const b001 = (await step(10, anna, 'ticket.call', { deskId: 'desk-riga-centrs-2', queueIds: [queueB] })).ticket;
    await step(12, anna, 'ticket.noShow', { ticketId: b001?.id });
    await step(16, klerks, 'ticket.finish', { ticketId: a001?.id });
    expect((await kiosk.request<{ deskFinished: unknown }>(FINISHED, { d: 'desk-riga-centrs-1' })).deskFinished).toEqual({ number: 'A001', finishedAt: at(16), rated: false });
    await step(17, kiosk, 'feedback.create', { id: randomUUID(), ticketId: a001?.id, rating: 2 });
    expect((await kiosk.request<{ deskFinished: unknown }>(FINISHED, { d: 'desk-riga-centrs-1' })).deskFinished).toEqual({ number: 'A001', finishedAt: at(16), rated: true });
    const a002 = (await step(17, klerks, 'ticket.call', { deskId: 'desk-riga-centrs-1', queueIds: [queueA] })).ticket;
    expect(a002?.number).toBe('A002');
    await step(18, klerks, 'ticket.start', { ticketId: a002?.id });
    await step(18, klerks, 'worktime.set', { id: randomUUID(), state: 'serving', deskId: 'desk-riga-centrs-1', at: at(18) });
    await issue(20, queueA); // A003
    await issue(20, queueB); // B002

    now = start + 50 * MINUTE;
    const { centreLive } = await supervisor.request<{ centreLive: Record<string, unknown> & { queues: unknown[]; staff: { userId: string; state: string }[]; alerts: unknown[] } }>(LIVE);
    expect(centreLive.at).toBe(at(50));
    expect(centreLive.queues).toEqual([
      // Waits 300 s and 960 s, both within 20 min; A003 has waited 30 min.
      { queueId: queueA, letter: 'A', waitTargetMinutes: 20, waiting: 1, longestWaitSeconds: 1800, averageWaitSeconds: 630, averageServiceSeconds: 600, servedLastHour: 1, servedToday: 1, noShowsToday: 0, withinTargetShare: 1, overTarget: 1 },
      { queueId: queueB, letter: 'B', waitTargetMinutes: 15, waiting: 1, longestWaitSeconds: 1800, averageWaitSeconds: 600, averageServiceSeconds: null, servedLastHour: 0, servedToday: 0, noShowsToday: 1, withinTargetShare: 1, overTarget: 1 },
      { queueId: 'queue-riga-centrs-c', letter: 'C', waitTargetMinutes: 15, waiting: 0, longestWaitSeconds: null, averageWaitSeconds: null, averageServiceSeconds: null, servedLastHour: 0, servedToday: 0, noShowsToday: 0, withinTargetShare: null, overTarget: 0 },
    ]);
    const staff = new Map(centreLive.staff.map((s) => [s.userId, s]));
    expect(staff.get('user-klerks')).toMatchObject({ deskId: 'desk-riga-centrs-1', deskName: 'Lete 1', state: 'serving', since: at(18), ticketNumber: 'A002', servedToday: 1 });
    const [annaUser] = await platform.sql.query<{ id: string }>(`SELECT id FROM users WHERE username = 'anna.vitola'`);
    expect(staff.get(annaUser?.id ?? '')).toMatchObject({
      deskId: 'desk-riga-centrs-2',
      state: 'available',
      since: at(0),
      ticketNumber: null,
      servedToday: 0,
    });
    expect(centreLive.staff.filter((s) => s.state === 'signed_out')).toHaveLength(4);
    expect(staff.has('user-vaditajs')).toBe(false);
    expect(centreLive.ratingsToday).toBe(1);
    expect(centreLive.satisfactionToday).toBe(2);
    // One rating is fewer than the default minimum of three: no satisfaction alert yet.
    expect(centreLive.alerts).toEqual([
      { kind: 'wait', queueId: queueA, message: 'Rindā A 1 klients gaida ilgāk par 20 min', messageEn: 'Queue A: 1 client has waited longer than 20 min', since: at(40) },
      { kind: 'wait', queueId: queueB, message: 'Rindā B 1 klients gaida ilgāk par 15 min', messageEn: 'Queue B: 1 client has waited longer than 15 min', since: at(35) },
    ]);

    const { hallBoard } = await kiosk.request<{ hallBoard: { calls: unknown[]; queues: unknown[]; centreName: string } }>(BOARD);
    expect(hallBoard.calls).toEqual([
      { number: 'A002', queueId: queueA, deskId: 'desk-riga-centrs-1', deskName: 'Lete 1', calledAt: at(17), recalls: 0, status: 'serving' },
      { number: 'B001', queueId: queueB, deskId: 'desk-riga-centrs-2', deskName: 'Lete 2', calledAt: at(10), recalls: 0, status: 'no_show' },
      { number: 'A001', queueId: queueA, deskId: 'desk-riga-centrs-1', deskName: 'Lete 1', calledAt: at(5), recalls: 0, status: 'done' },
    ]);
    expect(hallBoard.queues).toEqual([
      { letter: 'A', waiting: 1 },
      { letter: 'B', waiting: 1 },
      { letter: 'C', waiting: 0 },
    ]);
    // Ten minutes after the finish the rating screen goes back to idle.
    expect((await kiosk.request<{ deskFinished: unknown }>(FINISHED, { d: 'desk-riga-centrs-1' })).deskFinished).toBeNull();

    // A lower minimum makes the one poor rating an alert; an hour after A001 finished it no longer counts as last hour.
    await step(77, supervisor, 'alerts.set', { satisfactionThreshold: 4, minimumRatings: 1 });
    const later = (await supervisor.request<{ centreLive: { queues: { servedLastHour: number; overTarget: number }[]; alerts: { kind: string; message: string }[] } }>(LIVE)).centreLive;
    expect(later.queues[0]).toMatchObject({ servedLastHour: 0, overTarget: 1 });
    expect(later.alerts.find((a) => a.kind === 'satisfaction')?.message).toBe('Šodienas vidējais vērtējums 2,0 (1 vērtējums) ir zem sliekšņa 4,0');

    // Only supervisors and administrators see the live view, and a supervisor only their own centre.
    await expect(klerks.request(LIVE)).rejects.toThrow(/Jūsu lomai tas nav atļauts/u);
    await expect(supervisor.request(`{ centreLive(centreId: "cesis") { centreId } }`)).rejects.toThrow(/Cita centra darbu redz tā vadītājs/u);
    await expect(kiosk.request(`{ hallBoard(centreId: "cesis") { centreId } }`)).rejects.toThrow(/nav pieejams/u);
    const admin = await connectDesk(platform, 'admins');
    expect((await admin.request<{ centreLive: { centreId: string } }>(`{ centreLive(centreId: "cesis") { centreId } }`)).centreLive.centreId).toBe('cesis');
  });
});
