import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Platform } from '../server';
import { connectDesk, engines, startTestPlatform } from '../test-support/platform';

const queueA = 'queue-riga-centrs-a';
const MINUTE = 60_000;
// 10:00 in Riga on a Monday.
const start = Date.parse('2026-11-23T08:00:00.000Z');

describe.each(engines)('appointments and queue settings on %s', (engine) => {
  let platform: Platform;
  let now = start;
  afterEach(async () => platform?.close());

  it('books a time with a code, checks the client in within the window, and issues an appointment ticket', async () => {
    now = start;
    platform = await startTestPlatform(engine, { clock: () => new Date(now) });
    const clerk = await connectDesk(platform, 'klerks');
    const kiosk = await connectDesk(platform, 'kiosks.riga-centrs');
    const at = (minutes: number) => new Date(start + minutes * MINUTE).toISOString();
    const book = async (minutes: number, serviceCode?: string) => clerk.push('appointment.book', { id: randomUUID(), queueId: queueA, startsAt: at(minutes), serviceCode });

    expect((await kiosk.push('appointment.book', { id: randomUUID(), queueId: queueA, startsAt: at(120) })).reason).toBe('Pierakstus veido tikai klientu apkalpošanas darbinieki.');
    expect((await book(-5)).reason).toBe('Pieraksta laikam jābūt nākotnē.');
    expect((await book(61 * 24 * 60)).reason).toBe('Pierakstīt var ne vairāk kā 60 dienas uz priekšu.');
    expect((await book(120, 'NO-SUCH')).reason).toBe('Rindā A šo pakalpojumu nesniedz.');
    expect((await clerk.push('appointment.book', { id: randomUUID(), queueId: 'queue-cesis-a', startsAt: at(120) })).reason).toBe('Šāda rinda šajā centrā nav atrasta.');

    const booked = await book(120);
    expect(booked.status).toBe('APPLIED');
    const { appointmentId, code } = booked.result as { appointmentId: string; code: string };
    expect(code).toMatch(/^\d{6}$/u);
    const late = (await book(30)).result as { appointmentId: string; code: string };
    const cancelled = (await book(90)).result as { appointmentId: string; code: string };
    expect(new Set([code, late.code, cancelled.code]).size).toBe(3);

    const list = `query ($d: String!) { appointments(day: $d) { id queueId startsAt code bookedBy ticketId cancelled } }`;
    const { appointments } = await clerk.request<{ appointments: { id: string; code: string; bookedBy: string; cancelled: boolean }[] }>(list, { d: '2026-11-23' });
    expect(appointments.map((a) => a.id)).toEqual([late.appointmentId, cancelled.appointmentId, appointmentId]);
    expect(appointments[2]).toMatchObject({ code, bookedBy: 'user-klerks', cancelled: false });
    await expect(kiosk.request(list, { d: '2026-11-23' })).rejects.toThrow(/Jūsu lomai tas nav atļauts/u);

    const checkIn = (c: string, id = randomUUID()) => kiosk.push('ticket.checkIn', { id, code: c });
    // Two hours early: not yet.
    expect((await checkIn(code)).reason).toBe('Pieraksts ir plkst. 12:00; reģistrēties var no plkst. 11:00.');
    expect((await checkIn('000000')).reason).toMatch(/^Šodien šajā centrā nav pieraksta ar šādu kodu/u);
    expect((await kiosk.push('ticket.checkIn', { id: randomUUID(), code: '12345' })).reason).toBe('Nederīgi reģistrācijas dati: code.');

    // 10:46: the 10:30 client is sixteen minutes late; at 11:00 the 12:00 client may check in.
    expect((await clerk.push('appointment.cancel', { id: cancelled.appointmentId })).status).toBe('APPLIED');
    now = start + 46 * MINUTE;
    expect((await checkIn(late.code)).reason).toBe('Pieraksta laiks (plkst. 10:30) ir nokavēts vairāk nekā par 15 minūtēm; lūdzu, ņemiet parasto rindas talonu.');
    expect((await checkIn(cancelled.code)).reason).toMatch(/^Šodien šajā centrā nav pieraksta/u);
    now = start + 60 * MINUTE;
    const regular = await kiosk.push('ticket.issue', { id: randomUUID(), queueId: queueA, category: 'regular' });
    expect((regular.result as { number: string }).number).toBe('A001');
    const ticketId = randomUUID();
    const checkedIn = await checkIn(code, ticketId);
    expect(checkedIn.status).toBe('APPLIED');
    expect(checkedIn.result).toEqual({ ticketId, number: 'A002' });
    expect((await checkIn(code)).reason).toBe('Uz šo pierakstu jau ir izsniegts talons.');
    expect((await clerk.push('appointment.cancel', { id: appointmentId })).reason).toBe('Klients jau ir reģistrējies uz šo pierakstu; to vairs nevar atcelt.');

    const rows = await platform.sql.query<{ entity: string; data: Record<string, unknown> }>(`SELECT entity, data FROM sync_rows WHERE id IN ($1, $2)`, [ticketId, appointmentId]);
    const ticket = rows.find((r) => r.entity === 'ticket')?.data;
    expect(ticket).toMatchObject({ category: 'appointment', appointmentId, queueId: queueA, status: 'waiting' });
    expect(rows.find((r) => r.entity === 'appointment')?.data).toMatchObject({ ticketId });
    // The appointment is called before the regular client who came first.
    const called = await clerk.push('ticket.call', { deskId: 'desk-riga-centrs-1', queueIds: [queueA] });
    expect((called.result as { ticket: { number: string } }).ticket.number).toBe('A002');
    // The centre's desks pull their appointments.
    expect((await clerk.pull()).changes.filter((c) => c.entity === 'appointment')).toHaveLength(3);
  });

  it('lets only the centre supervisor set wait targets and alert thresholds', async () => {
    platform = await startTestPlatform(engine);
    const clerk = await connectDesk(platform, 'klerks');
    const supervisor = await connectDesk(platform, 'vaditajs');
    const admin = await connectDesk(platform, 'admins');
    const kiosk = await connectDesk(platform, 'kiosks.riga-centrs');

    const target = (desk: typeof clerk, queueId: string, minutes: number) => desk.push('queue.setTarget', { queueId, waitTargetMinutes: minutes });
    expect((await target(clerk, queueA, 10)).reason).toBe('Rindas mērķa laiku nosaka tikai centra vadītājs.');
    expect((await target(supervisor, 'queue-cesis-a', 10)).reason).toBe('Citu centru rindu mērķus nosaka to vadītāji.');
    expect((await target(supervisor, queueA, 241)).reason).toBe('Nederīgi rindas mērķa dati: waitTargetMinutes.');
    expect((await target(supervisor, queueA, 0)).status).toBe('REJECTED');
    expect((await target(supervisor, queueA, 25)).status).toBe('APPLIED');
    expect((await target(admin, 'queue-cesis-a', 30)).status).toBe('APPLIED');
    const { queues } = await kiosk.request<{ queues: { id: string; waitTargetMinutes: number }[] }>(`{ queues { id waitTargetMinutes } }`);
    expect(queues.map((q) => q.waitTargetMinutes)).toEqual([25, 15, 15]);

    const alerts = (desk: typeof clerk, args: object) => desk.push('alerts.set', args);
    expect((await alerts(clerk, { satisfactionThreshold: 3.5, minimumRatings: 5 })).reason).toBe('Brīdinājumu sliekšņus nosaka tikai centra vadītājs.');
    expect((await alerts(supervisor, { centreId: 'cesis', satisfactionThreshold: 3.5, minimumRatings: 5 })).reason).toBe('Citu centru brīdinājumus nosaka to vadītāji.');
    expect((await alerts(supervisor, { satisfactionThreshold: 5.5, minimumRatings: 5 })).reason).toBe('Nederīgi brīdinājumu iestatījumu dati: satisfactionThreshold.');
    expect((await alerts(supervisor, { satisfactionThreshold: 3.5, minimumRatings: 5 })).status).toBe('APPLIED');
    expect((await alerts(supervisor, { satisfactionThreshold: 4.5, minimumRatings: 2 })).status).toBe('APPLIED');
    const settings = (await clerk.pull()).changes.filter((c) => c.entity === 'alert_settings');
    expect(settings.map((c) => c.data)).toEqual([{ id: 'riga-centrs', centreId: 'riga-centrs', satisfactionThreshold: 4.5, minimumRatings: 2 }]);
    const { centreLive } = await supervisor.request<{ centreLive: { settings: object } }>(`{ centreLive { settings { centreId satisfactionThreshold minimumRatings } } }`);
    expect(centreLive.settings).toEqual({ centreId: 'riga-centrs', satisfactionThreshold: 4.5, minimumRatings: 2 });
  });
});
