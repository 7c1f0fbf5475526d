import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { rigaDay } from '../../shared/riga-day';
import { defaultAlertSettings, type AlertSettingsData, type AppointmentData, type QueueData } from '../entities';
import { applied, deskRoles, mutation, reject, type MutationHandler } from '../sync/outcome';
import { patchRow, readRow, writeRow } from '../sync/rows';
import { issueTicket, kioskRoles, queueOfCentre } from './mutations';

const MINUTE = 60_000;
/** How far ahead a time may be booked. */
const BOOKING_HORIZON_DAYS = 60;
/** A client may check in from an hour before their time until a quarter of an hour after it. */
const CHECK_IN_EARLY_MINUTES = 60;
const CHECK_IN_LATE_MINUTES = 15;

const AppointmentBook = z.object({
  id: z.uuid(),
  queueId: z.string().max(80),
  serviceCode: z.string().max(20).nullable().optional(),
  startsAt: z.iso.datetime({ offset: true }),
});
const AppointmentCancel = z.object({ id: z.uuid() });
const TicketCheckIn = z.object({ id: z.uuid(), code: z.string().regex(/^\d{6}$/u) });
const QueueSetTarget = z.object({ queueId: z.string().max(80), waitTargetMinutes: z.number().int().min(1).max(240) });
const AlertsSet = z.object({
  /** Only an administrator names another centre; a supervisor sets their own. */
  centreId: z.string().max(80).nullable().optional(),
  satisfactionThreshold: z.number().min(1).max(5),
  minimumRatings: z.number().int().min(1).max(100),
});

const managerRoles = ['supervisor', 'admin'];
const rigaTime = new Intl.DateTimeFormat('lv-LV', { timeZone: 'Europe/Riga', hour: '2-digit', minute: '2-digit', hour12: false });

export const appointmentMutations: Record<string, MutationHandler> = {
  /** A desk books a time for a client; the answer carries the six-digit code the client checks in with. */
  'appointment.book': mutation({ roles: deskRoles, roleMessage: 'Pierakstus veido tikai klientu apkalpošanas darbinieki.', args: AppointmentBook, what: 'pieraksta' }, async (args, { tx, principal, now }) => {
    const queue = await queueOfCentre(tx, args.queueId, principal.centreId);
    if (!queue) return reject('Šāda rinda šajā centrā nav atrasta.');
    if (args.serviceCode && !queue.data.serviceCodes.includes(args.serviceCode)) return reject(`Rindā ${queue.data.letter} šo pakalpojumu nesniedz.`);
    const startsAt = new Date(args.startsAt);
    if (startsAt.getTime() <= now.getTime()) return reject('Pieraksta laikam jābūt nākotnē.');
    if (startsAt.getTime() > now.getTime() + BOOKING_HORIZON_DAYS * 24 * 60 * MINUTE) return reject(`Pierakstīt var ne vairāk kā ${BOOKING_HORIZON_DAYS} dienas uz priekšu.`);
    if (await readRow(tx, 'appointment', args.id)) return reject('Pieraksts ar šādu identifikatoru jau ir izveidots.');
    const day = rigaDay(startsAt);
    let code = '';
    for (let attempt = 0; attempt < 50 && !code; attempt++) {
      const candidate = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const [taken] = await tx.query(`SELECT 1 FROM sync_rows WHERE entity = 'appointment' AND centre_id = $1 AND data->>'day' = $2 AND data->>'code' = $3`, [principal.centreId, day, candidate]);
      if (!taken) code = candidate;
    }
    if (!code) return reject('Šai dienai neizdevās piešķirt brīvu pieraksta kodu; mēģiniet vēlreiz.');
    const data: AppointmentData = {
      id: args.id,
      centreId: queue.data.centreId,
      queueId: queue.id,
      serviceCode: args.serviceCode ?? null,
      startsAt: startsAt.toISOString(),
      day,
      code,
      bookedBy: principal.userId,
      ticketId: null,
      cancelled: false,
    };
    await writeRow(tx, { entity: 'appointment', id: args.id, data, centreId: queue.data.centreId, ownerCode: null });
    return applied(null, { appointmentId: args.id, code });
  }),

  'appointment.cancel': mutation({ roles: deskRoles, roleMessage: 'Pierakstus atceļ tikai klientu apkalpošanas darbinieki.', args: AppointmentCancel, what: 'pieraksta' }, async (args, { tx, principal }) => {
    const appointment = await readRow<AppointmentData>(tx, 'appointment', args.id, true);
    if (!appointment || appointment.data.centreId !== principal.centreId) return reject('Pieraksts šajā centrā nav atrasts.');
    if (appointment.data.cancelled) return applied();
    if (appointment.data.ticketId) return reject('Klients jau ir reģistrējies uz šo pierakstu; to vairs nevar atcelt.');
    await patchRow(tx, appointment, { cancelled: true });
    return applied();
  }),

  /**
   * The client types the code at the kiosk (or a desk does it for them): today's booking in this centre
   * becomes an appointment ticket in its queue, and each records the other.
   */
  'ticket.checkIn': mutation({ roles: kioskRoles, roleMessage: 'Reģistrēties uz pierakstu var kioskā vai darba vietā.', args: TicketCheckIn, what: 'reģistrācijas' }, async (args, ctx) => {
    const { tx, principal, now } = ctx;
    const [found] = await tx.query<{ id: string }>(
      `SELECT id FROM sync_rows WHERE entity = 'appointment' AND centre_id = $1 AND data->>'day' = $2 AND data->>'code' = $3 AND NOT deleted`,
      [principal.centreId, rigaDay(now), args.code],
    );
    const appointment = found ? await readRow<AppointmentData>(tx, 'appointment', found.id, true) : null;
    if (!appointment || appointment.data.cancelled) return reject('Šodien šajā centrā nav pieraksta ar šādu kodu. Pārbaudiet kodu vai ņemiet parasto rindas talonu.');
    if (appointment.data.ticketId) return reject('Uz šo pierakstu jau ir izsniegts talons.');
    const startsAt = Date.parse(appointment.data.startsAt);
    if (now.getTime() < startsAt - CHECK_IN_EARLY_MINUTES * MINUTE) {
      return reject(`Pieraksts ir plkst. ${rigaTime.format(startsAt)}; reģistrēties var no plkst. ${rigaTime.format(startsAt - CHECK_IN_EARLY_MINUTES * MINUTE)}.`);
    }
    if (now.getTime() > startsAt + CHECK_IN_LATE_MINUTES * MINUTE) {
      return reject(`Pieraksta laiks (plkst. ${rigaTime.format(startsAt)}) ir nokavēts vairāk nekā par ${CHECK_IN_LATE_MINUTES} minūtēm; lūdzu, ņemiet parasto rindas talonu.`);
    }
    if (await readRow(tx, 'ticket', args.id)) return reject('Talons ar šādu identifikatoru jau ir izsniegts.');
    const queue = await queueOfCentre(tx, appointment.data.queueId, principal.centreId);
    if (!queue) return reject('Pieraksta rinda šajā centrā vairs nav atrodama.');
    const ticket = await issueTicket(ctx, queue, { id: args.id, category: 'appointment', serviceCode: appointment.data.serviceCode, appointmentId: appointment.id });
    await patchRow(tx, appointment, { ticketId: ticket.id });
    return applied(null, { ticketId: ticket.id, number: ticket.number });
  }),

  /** A queue's service level, set by the centre's supervisor (or an administrator). */
  'queue.setTarget': mutation({ roles: managerRoles, roleMessage: 'Rindas mērķa laiku nosaka tikai centra vadītājs.', args: QueueSetTarget, what: 'rindas mērķa' }, async (args, { tx, principal }) => {
    const queue = await readRow<QueueData>(tx, 'queue', args.queueId, true);
    if (!queue || queue.deleted) return reject('Šāda rinda nav atrasta.');
    if (!principal.roles.includes('admin') && queue.data.centreId !== principal.centreId) return reject('Citu centru rindu mērķus nosaka to vadītāji.');
    await patchRow(tx, queue, { waitTargetMinutes: args.waitTargetMinutes });
    // "Within target" of past days is counted against the current target: their sums are made again.
    await tx.query(`DELETE FROM stat_rolled_days`);
    return applied();
  }),

  /** The thresholds of the supervisor's satisfaction alert for their centre. */
  'alerts.set': mutation({ roles: managerRoles, roleMessage: 'Brīdinājumu sliekšņus nosaka tikai centra vadītājs.', args: AlertsSet, what: 'brīdinājumu iestatījumu' }, async (args, { tx, principal }) => {
    const centreId = args.centreId ?? principal.centreId;
    if (!centreId) return reject('Norādiet centru.');
    if (!principal.roles.includes('admin') && centreId !== principal.centreId) return reject('Citu centru brīdinājumus nosaka to vadītāji.');
    const [centre] = await tx.query(`SELECT 1 FROM centres WHERE id = $1`, [centreId]);
    if (!centre) return reject('Šāds centrs nav atrasts.');
    const current = await readRow<AlertSettingsData>(tx, 'alert_settings', centreId, true);
    const changes = { satisfactionThreshold: args.satisfactionThreshold, minimumRatings: args.minimumRatings };
    if (current) await patchRow(tx, current, changes);
    else await writeRow(tx, { entity: 'alert_settings', id: centreId, data: { id: centreId, centreId, ...defaultAlertSettings, ...changes } satisfies AlertSettingsData, centreId, ownerCode: null });
    return applied();
  }),
};
