import { z } from 'zod';
import type { FeedbackData, TicketData, WorktimeData } from '../entities';
import { applied, deskRoles, mutation, reject, type MutationHandler } from '../sync/outcome';
import { patchRow, readRow, writeRow } from '../sync/rows';

const WorktimeSet = z.object({
  id: z.uuid(),
  state: z.enum(['available', 'serving', 'wrap_up', 'break', 'other_work', 'signed_out']),
  deskId: z.string().max(80).nullable().optional(),
  serviceCode: z.string().max(20).nullable().optional(),
  caseId: z.uuid().nullable().optional(),
  /** When the clerk changed state, by the desk's clock: a desk offline reports it later. */
  at: z.iso.datetime(),
});
const FeedbackCreate = z.object({
  id: z.uuid(),
  ticketId: z.uuid().nullable().optional(),
  caseId: z.uuid().nullable().optional(),
  consultationId: z.uuid().nullable().optional(),
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(2000).nullable().optional(),
});

const MAX_CLOCK_SKEW_MS = 2 * 60_000;

export const worktimeMutations: Record<string, MutationHandler> = {
  /**
   * Closes the clerk's open state and opens the new one. A time from the future (a desk clock running
   * fast) or from before the open state began is clamped, so the day sheet never overlaps itself.
   */
  'worktime.set': mutation({ roles: deskRoles, roleMessage: 'Darba laiku uzskaita tikai klientu apkalpošanas darbiniekiem.', args: WorktimeSet, what: 'darba laika' }, async (args, { tx, principal, now }) => {
    if (await readRow(tx, 'worktime', args.id)) return applied();
    const [open] = await tx.query<{ id: string }>(
      `SELECT id FROM sync_rows WHERE entity = 'worktime' AND data->>'userId' = $1 AND data->>'endedAt' IS NULL ORDER BY data->>'startedAt' DESC LIMIT 1 FOR UPDATE`,
      [principal.userId],
    );
    const openRow = open ? await readRow<WorktimeData>(tx, 'worktime', open.id) : null;
    let at = Math.min(Date.parse(args.at), now.getTime() + MAX_CLOCK_SKEW_MS, now.getTime());
    if (openRow) at = Math.max(at, Date.parse(openRow.data.startedAt));
    const startedAt = new Date(at).toISOString();
    if (openRow) await patchRow(tx, openRow, { endedAt: startedAt });
    const data: WorktimeData = {
      id: args.id,
      userId: principal.userId,
      centreId: principal.centreId,
      deskId: args.deskId ?? null,
      state: args.state,
      serviceCode: args.serviceCode ?? null,
      caseId: args.caseId ?? null,
      startedAt,
      endedAt: args.state === 'signed_out' ? startedAt : null,
    };
    await writeRow(tx, { entity: 'worktime', id: args.id, data, centreId: principal.centreId, ownerCode: null });
    return applied();
  }),

  /** A client's rating, from the kiosk or a small screen at the desk; it lands on the ticket's clerk and service. */
  'feedback.create': mutation({ roles: ['kiosk', ...deskRoles], roleMessage: 'Novērtējumu var ievadīt tikai kiosks vai darba vieta.', args: FeedbackCreate, what: 'novērtējuma' }, async (args, { tx, principal, now }) => {
    if (await readRow(tx, 'feedback', args.id)) return reject('Novērtējums ar šādu identifikatoru jau ir saņemts.');
    const ticket = args.ticketId ? await readRow<TicketData>(tx, 'ticket', args.ticketId) : null;
    if (args.ticketId && (!ticket || ticket.data.centreId !== principal.centreId)) return reject('Talons, kuram novērtējums, šajā centrā nav atrasts.');
    if (ticket && ticket.data.status !== 'done') return reject(`Talona ${ticket.data.number} apkalpošana vēl nav pabeigta.`);
    // A rating given at the desk after a case or a consultation lands on its clerk and service.
    const subject = args.caseId
      ? await readRow<{ status: string; serviceCode: string; assigneeId: string | null; createdBy: string; caseNumber: string }>(tx, 'case', args.caseId)
      : null;
    if (args.caseId && !subject) return reject('Lieta, kurai novērtējums, nav atrasta.');
    if (subject && !['delivered', 'closed', 'cancelled', 'rejected', 'result_ready'].includes(subject.data.status)) {
      return reject(`Lietu ${subject.data.caseNumber} var novērtēt, kad tā ir pabeigta.`);
    }
    const consultation = args.consultationId ? await readRow<{ userId: string; serviceCode: string | null }>(tx, 'consultation', args.consultationId) : null;
    if (args.consultationId && !consultation) return reject('Konsultācija, kurai novērtējums, nav atrasta.');
    for (const [field, value] of [['caseId', args.caseId], ['consultationId', args.consultationId]] as const) {
      if (!value) continue;
      const [rated] = await tx.query(`SELECT 1 FROM sync_rows WHERE entity = 'feedback' AND data->>$1 = $2`, [field, value]);
      if (rated) return reject('Šis apmeklējums jau ir novērtēts.');
    }
    if (args.ticketId) {
      const [rated] = await tx.query(`SELECT 1 FROM sync_rows WHERE entity = 'feedback' AND data->>'ticketId' = $1`, [args.ticketId]);
      if (rated) return reject('Šis apmeklējums jau ir novērtēts.');
    }
    const data: FeedbackData = {
      id: args.id,
      centreId: principal.centreId,
      ticketId: args.ticketId ?? null,
      caseId: args.caseId ?? ticket?.data.caseId ?? null,
      consultationId: args.consultationId ?? null,
      userId: ticket?.data.userId ?? consultation?.data.userId ?? subject?.data.createdBy ?? null,
      serviceCode: ticket?.data.serviceCode ?? consultation?.data.serviceCode ?? subject?.data.serviceCode ?? null,
      rating: args.rating as FeedbackData['rating'],
      comment: args.comment ?? null,
      at: now.toISOString(),
    };
    await writeRow(tx, { entity: 'feedback', id: args.id, data, centreId: principal.centreId, ownerCode: null });
    return applied();
  }),
};
