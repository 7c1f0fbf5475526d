import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Platform } from '../server';
import { connectDesk, engines, startTestPlatform, type TestDesk } from '../test-support/platform';

const queueA = 'queue-riga-centrs-a';
const queueB = 'queue-riga-centrs-b';

async function callAll(desk: TestDesk, deskId: string): Promise<string[]> {
  const called: string[] = [];
  for (;;) {
    const { result, status, reason } = await desk.push('ticket.call', { deskId, queueIds: [queueA, queueB] });
    expect(status, reason ?? '').toBe('APPLIED');
    const ticket = (result as { ticket: { id: string; number: string } | null }).ticket;
    if (!ticket) return called;
    called.push(ticket.number);
    expect((await desk.push('ticket.start', { ticketId: ticket.id })).status).toBe('APPLIED');
    expect((await desk.push('ticket.finish', { ticketId: ticket.id })).status).toBe('APPLIED');
  }
}

describe.each(engines)('queue on %s', (engine) => {
  let platform: Platform;
  afterEach(async () => platform?.close());

  it('numbers tickets per queue, calls priority first, and never gives two desks the same ticket', async () => {
    platform = await startTestPlatform(engine);
    const kiosk = await connectDesk(platform, 'kiosks.riga-centrs');
    const numbers: string[] = [];
    for (const [queueId, category] of [
      [queueA, 'regular'],
      [queueA, 'regular'],
      [queueB, 'regular'],
      [queueA, 'elderly'],
      [queueB, 'regular'],
      [queueA, 'regular'],
    ] as const) {
      const issued = await kiosk.push('ticket.issue', { id: randomUUID(), queueId, category });
      numbers.push((issued.result as { number: string }).number);
    }
    expect(numbers).toEqual(['A001', 'A002', 'B001', 'A003', 'B002', 'A004']);

    // The supervisor sends the first regular client to desk 2: only desk 2 may call them from now on.
    const supervisor = await connectDesk(platform, 'vaditajs');
    const sent = await supervisor.push('ticket.call', { deskId: 'desk-riga-centrs-6', queueIds: [queueB] });
    const sentNumber = (sent.result as { ticket: { id: string; number: string } }).ticket.number;
    expect(sentNumber).toBe('B001');
    const sentId = (sent.result as { ticket: { id: string } }).ticket.id;
    expect((await supervisor.push('ticket.transfer', { ticketId: sentId, deskId: 'desk-riga-centrs-2', note: 'Dokumenti' })).status).toBe('APPLIED');

    const first = await connectDesk(platform, 'klerks');
    const second = await connectDesk(platform, 'anna.vitola');
    const [a, b] = await Promise.all([callAll(first, 'desk-riga-centrs-1'), callAll(second, 'desk-riga-centrs-2')]);
    expect([...a, ...b].sort()).toEqual([...numbers].sort());
    expect(a.filter((n) => b.includes(n))).toEqual([]);
    // The client sent to desk 2 was called there, first, and never by desk 1.
    expect(b[0]).toBe('B001');
    expect(a).not.toContain('B001');
    // The elderly client waited less than the regular ones issued before them.
    expect([a[0], b[1]]).toContain('A003');
  });

  it('calls a client sent to a desk there first, even from a queue the desk does not serve, and never elsewhere', async () => {
    platform = await startTestPlatform(engine);
    const kiosk = await connectDesk(platform, 'kiosks.riga-centrs');
    const issue = async (queueId: string) => ((await kiosk.push('ticket.issue', { id: randomUUID(), queueId, category: 'regular' })).result as { ticketId: string; number: string });
    const a1 = await issue(queueA);
    await issue(queueB);
    const one = await connectDesk(platform, 'klerks');
    const two = await connectDesk(platform, 'anna.vitola');
    const call = async (desk: TestDesk, deskId: string, queueIds: string[]) =>
      ((await desk.push('ticket.call', { deskId, queueIds })).result as { ticket: { id: string; number: string; targetDeskId: string | null; issuedAt: string } | null }).ticket;

    expect((await call(one, 'desk-riga-centrs-1', [queueA]))?.number).toBe('A001');
    expect((await one.push('ticket.transfer', { ticketId: a1.ticketId })).reason).toMatch(/^Nederīgi talona dati/u);
    expect((await one.push('ticket.transfer', { ticketId: a1.ticketId, deskId: 'desk-cesis-1' })).reason).toBe('Darba vieta, uz kuru pāradresēt, šajā centrā nav atrasta.');
    expect((await one.push('ticket.transfer', { ticketId: a1.ticketId, deskId: 'desk-riga-centrs-2' })).status).toBe('APPLIED');
    const [row] = await platform.sql.query<{ data: { status: string; queueId: string; targetDeskId: string; issuedAt: string } }>(`SELECT data FROM sync_rows WHERE entity = 'ticket' AND id = $1`, [a1.ticketId]);
    expect(row?.data).toMatchObject({ status: 'waiting', queueId: queueA, targetDeskId: 'desk-riga-centrs-2' });

    // Desk 1 serves queue A, but the client now waits for desk 2 only.
    expect(await call(one, 'desk-riga-centrs-1', [queueA])).toBeNull();
    // Desk 2 serves only queue B, yet the client sent to it comes before B001; the target is cleared.
    const called = await call(two, 'desk-riga-centrs-2', [queueB]);
    expect(called?.number).toBe('A001');
    expect(called?.targetDeskId).toBeNull();
    expect(called?.issuedAt).toBe(row?.data.issuedAt);
    // Sent on to another queue with no desk: anyone serving that queue may call it.
    expect((await two.push('ticket.transfer', { ticketId: a1.ticketId, queueId: queueB })).status).toBe('APPLIED');
    expect((await call(one, 'desk-riga-centrs-1', [queueB]))?.number).toBe('A001');
  });

  it('lets only the calling desk serve a ticket and answers a retried call with the same ticket', async () => {
    platform = await startTestPlatform(engine);
    const kiosk = await connectDesk(platform, 'kiosks.riga-centrs');
    await kiosk.push('ticket.issue', { id: randomUUID(), queueId: queueA, category: 'regular' });
    const desk = await connectDesk(platform, 'klerks');
    const { PUSH } = await import('../test-support/platform');
    const mutation = { mutationId: 1, key: randomUUID(), name: 'ticket.call', args: { deskId: 'desk-riga-centrs-1', queueIds: [queueA] } };
    const once = await desk.request<{ push: { results: { status: string; result: { ticket: { id: string } } }[] } }>(PUSH, { clientId: desk.clientId, mutations: [mutation] });
    const again = await desk.request<{ push: { results: { status: string; result: { ticket: { id: string } } }[] } }>(PUSH, { clientId: desk.clientId, mutations: [mutation] });
    expect(again.push.results[0]?.status).toBe('ALREADY_APPLIED');
    expect(again.push.results[0]?.result.ticket.id).toBe(once.push.results[0]?.result.ticket.id);

    const other = await connectDesk(platform, 'anna.vitola');
    const ticketId = once.push.results[0]?.result.ticket.id;
    expect((await other.push('ticket.start', { ticketId })).reason).toBe('Talonu A001 apkalpo cita darba vieta.');
    const elsewhere = await connectDesk(platform, 'operators');
    expect((await elsewhere.push('ticket.call', { deskId: 'desk-riga-centrs-1', queueIds: [queueA] })).reason).toBe('Šī darba vieta nepieder jūsu centram.');
  });

  it('keeps a day sheet without overlaps and a rating on the clerk who served', async () => {
    platform = await startTestPlatform(engine);
    const kiosk = await connectDesk(platform, 'kiosks.riga-centrs');
    const desk = await connectDesk(platform, 'klerks');
    const t0 = Date.now() - 60 * 60_000;
    const at = (minutes: number) => new Date(t0 + minutes * 60_000).toISOString();
    await desk.push('worktime.set', { id: randomUUID(), state: 'available', at: at(0) });
    await desk.push('worktime.set', { id: randomUUID(), state: 'break', at: at(30) });
    // A desk clock running an hour fast is clamped to the platform's time.
    await desk.push('worktime.set', { id: randomUUID(), state: 'available', at: at(120) });
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Riga' }).format(new Date(t0));
    const { worktime } = await desk.request<{ worktime: { state: string; startedAt: string; endedAt: string | null }[] }>(`query ($d: String!) { worktime(day: $d) { state startedAt endedAt } }`, { d: day });
    expect(worktime.map((w) => w.state)).toEqual(['available', 'break', 'available']);
    expect(worktime[0]?.endedAt).toBe(worktime[1]?.startedAt);
    expect(Date.parse(worktime[2]?.startedAt ?? '')).toBeLessThanOrEqual(Date.now());

    const ticketId = randomUUID();
    await kiosk.push('ticket.issue', { id: ticketId, queueId: queueA, category: 'regular' });
    expect((await kiosk.push('feedback.create', { id: randomUUID(), ticketId, rating: 5 })).reason).toMatch(/vēl nav pabeigta/u);
    await desk.push('ticket.call', { deskId: 'desk-riga-centrs-1', queueIds: [queueA] });
    await desk.push('ticket.start', { ticketId });
    await desk.push('ticket.finish', { ticketId });
    expect((await kiosk.push('feedback.create', { id: randomUUID(), ticketId, rating: 4, comment: 'Ātri un laipni' })).status).toBe('APPLIED');
    expect((await kiosk.push('feedback.create', { id: randomUUID(), ticketId, rating: 1 })).reason).toBe('Šis apmeklējums jau ir novērtēts.');
    const supervisor = await connectDesk(platform, 'vaditajs');
    const { feedback } = await supervisor.request<{ feedback: { rating: number; userId: string }[] }>(`query ($f: String!, $t: String!) { feedback(from: $f, to: $t) { rating userId } }`, {
      f: at(0),
      t: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(feedback).toEqual([{ rating: 4, userId: 'user-klerks' }]);
  });
});
