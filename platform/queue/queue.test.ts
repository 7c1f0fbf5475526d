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

    const first = await connectDesk(platform, 'klerks');
    const second = await connectDesk(platform, 'anna.vitola');
    const [a, b] = await Promise.all([callAll(first, 'desk-riga-centrs-1'), callAll(second, 'desk-riga-centrs-2')]);
    expect([...a, ...b].sort()).toEqual([...numbers].sort());
    expect(a.filter((n) => b.includes(n))).toEqual([]);
    // The elderly client waited less than the regular ones issued before them.
    expect([a[0], b[0]]).toContain('A003');
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
