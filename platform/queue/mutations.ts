import { z } from 'zod';
import { rigaDay } from '../../shared/riga-day';
import { noteArg } from '../common-args';
import type { HistoryEntry, QueueData, TicketCategory, TicketData, TicketStatus } from '../entities';
import type { Sql } from '../db/sql';
import { applied, deskRoles, mutation, reject, type MutationContext, type MutationHandler, type Outcome } from '../sync/outcome';
import { patchRow, readRow, writeRow, type SyncRow } from '../sync/rows';

const TicketIssue = z.object({
  id: z.uuid(),
  queueId: z.string().max(80),
  category: z.enum(['regular', 'appointment', 'disability', 'elderly']),
  serviceCode: z.string().max(20).nullable().optional(),
});
const TicketCall = z.object({ deskId: z.string().max(80), queueIds: z.array(z.string().max(80)).min(1).max(50) });
const TicketAction = z.object({ ticketId: z.uuid() });
const TicketFinish = z.object({ ticketId: z.uuid(), caseId: z.uuid().nullable().optional(), consultationId: z.uuid().nullable().optional() });
const TicketTransfer = z
  .object({ ticketId: z.uuid(), queueId: z.string().max(80).nullable().optional(), deskId: z.string().max(80).nullable().optional(), note: noteArg.nullable().optional() })
  .refine((a) => Boolean(a.queueId ?? a.deskId), { path: ['queueId'], message: 'queueId or deskId' });

const roleMessage = 'Jūsu lomai nav atļauts apkalpot rindu.';
export const kioskRoles = ['kiosk', ...deskRoles];

/** Priority categories are called before the regular queue, then the longest wait first. */
const priorityOrder = `CASE data->>'category' WHEN 'appointment' THEN 0 WHEN 'disability' THEN 1 WHEN 'elderly' THEN 1 ELSE 2 END`;

export async function queueOfCentre(tx: Sql, queueId: string, centreId: string | null): Promise<SyncRow<QueueData> | null> {
  const queue = await readRow<QueueData>(tx, 'queue', queueId);
  return queue && !queue.deleted && queue.data.centreId === centreId ? queue : null;
}

export function historyEntry(ctx: MutationContext, action: string, from: TicketStatus | null, to: TicketStatus | null, reason: string | null = null): HistoryEntry {
  return { at: ctx.now.toISOString(), by: ctx.principal.userId, action, from, to, reason };
}

/** A ticket action by the desk that called it: only that desk may serve, recall or finish it. */
function onCalledTicket<T extends { ticketId: string }>(
  args: z.ZodType<T>,
  allowedFrom: TicketStatus[],
  run: (ticket: SyncRow<TicketData>, ctx: MutationContext, parsed: T) => Promise<Outcome>,
): MutationHandler {
  return mutation({ roles: deskRoles, roleMessage, args, what: 'talona' }, async (parsed, ctx) => {
    const ticket = await readRow<TicketData>(ctx.tx, 'ticket', parsed.ticketId, true);
    if (!ticket || ticket.deleted || ticket.data.centreId !== ctx.principal.centreId) return reject('Talons nav atrasts šajā centrā.');
    if (ticket.data.userId !== ctx.principal.userId) return reject(`Talonu ${ticket.data.number} apkalpo cita darba vieta.`);
    if (!allowedFrom.includes(ticket.data.status)) return reject(`Talonu ${ticket.data.number} šobrīd nevar apstrādāt: tas jau ir „${ticket.data.status}”.`);
    return run(ticket, ctx, parsed);
  });
}

/**
 * Writes a new waiting ticket with the queue's next number for the Riga day: the one way a ticket is
 * born, from the kiosk's button (`ticket.issue`) or an appointment's check-in (`ticket.checkIn`).
 */
export async function issueTicket(
  ctx: MutationContext,
  queue: SyncRow<QueueData>,
  ticket: { id: string; category: TicketCategory; serviceCode: string | null; appointmentId: string | null },
): Promise<TicketData> {
  const { tx, now } = ctx;
  const day = rigaDay(now);
  const [counter] = await tx.query<{ last: number }>(
    `INSERT INTO ticket_counters (queue_id, day, last) VALUES ($1, $2, 1)
     ON CONFLICT (queue_id, day) DO UPDATE SET last = ticket_counters.last + 1 RETURNING last`,
    [queue.id, day],
  );
  const data: TicketData = {
    id: ticket.id,
    centreId: queue.data.centreId,
    queueId: queue.id,
    number: `${queue.data.letter}${String(counter?.last ?? 1).padStart(3, '0')}`,
    day,
    category: ticket.category,
    serviceCode: ticket.serviceCode,
    status: 'waiting',
    issuedAt: now.toISOString(),
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    deskId: null,
    userId: null,
    caseId: null,
    consultationId: null,
    recalls: 0,
    history: [historyEntry(ctx, 'issued', null, 'waiting')],
    targetDeskId: null,
    appointmentId: ticket.appointmentId,
  };
  await writeRow(tx, { entity: 'ticket', id: ticket.id, data, centreId: queue.data.centreId, ownerCode: null });
  return data;
}

/** The waiting ticket a desk calls next, locked; SKIP LOCKED lets a desk calling at the same moment take the one after. */
async function nextForDesk(tx: Sql, centreId: string | null, day: string, deskId: string, queueIds: string[]): Promise<{ id: string } | undefined> {
  // A client sent to this desk comes first, whichever queue they are in.
  const [targeted] = await tx.query<{ id: string }>(
    `SELECT id FROM sync_rows WHERE entity = 'ticket' AND centre_id = $1 AND data->>'status' = 'waiting' AND data->>'targetDeskId' = $2 AND data->>'day' = $3
      ORDER BY ${priorityOrder}, data->>'issuedAt', id LIMIT 1 FOR UPDATE SKIP LOCKED`,
    [centreId, deskId, day],
  );
  if (targeted) return targeted;
  // Clients sent to another desk wait for that desk only.
  const [next] = await tx.query<{ id: string }>(
    `SELECT id FROM sync_rows WHERE entity = 'ticket' AND centre_id = $1 AND data->>'status' = 'waiting' AND data->>'day' = $2 AND data->>'queueId' = ANY($3)
        AND data->>'targetDeskId' IS NULL
      ORDER BY ${priorityOrder}, data->>'issuedAt', id LIMIT 1 FOR UPDATE SKIP LOCKED`,
    [centreId, day, queueIds],
  );
  return next;
}

export const queueMutations: Record<string, MutationHandler> = {
  /** A kiosk or a desk issues a ticket; the number is per queue and day in Riga (A001…). */
  'ticket.issue': mutation({ roles: kioskRoles, roleMessage: 'Talonus izsniedz tikai kiosks vai darba vieta.', args: TicketIssue, what: 'talona' }, async (args, ctx) => {
    const queue = await queueOfCentre(ctx.tx, args.queueId, ctx.principal.centreId);
    if (!queue) return reject('Šāda rinda šajā centrā nav atrasta.');
    if (await readRow(ctx.tx, 'ticket', args.id)) return reject('Talons ar šādu identifikatoru jau ir izsniegts.');
    const data = await issueTicket(ctx, queue, { id: args.id, category: args.category, serviceCode: args.serviceCode ?? null, appointmentId: null });
    return applied(null, { ticketId: args.id, number: data.number });
  }),

  /**
   * "Call next": the platform picks the ticket under a row lock, so two desks calling at the same
   * moment never get the same client. An empty queue is an answer, not an error.
   */
  'ticket.call': mutation({ roles: deskRoles, roleMessage, args: TicketCall, what: 'izsaukuma' }, async ({ deskId, queueIds }, ctx) => {
    const { tx, principal, now } = ctx;
    const [desk] = await tx.query(`SELECT 1 FROM desks WHERE id = $1 AND centre_id = $2`, [deskId, principal.centreId]);
    if (!desk) return reject('Šī darba vieta nepieder jūsu centram.');
    const [busy] = await tx.query<{ data: TicketData }>(
      `SELECT data FROM sync_rows WHERE entity = 'ticket' AND centre_id = $1 AND data->>'userId' = $2 AND data->>'status' IN ('called', 'serving') LIMIT 1`,
      [principal.centreId, principal.userId],
    );
    if (busy) return reject(`Vispirms pabeidziet talonu ${busy.data.number}.`);
    const next = await nextForDesk(tx, principal.centreId, rigaDay(now), deskId, queueIds);
    if (!next) return applied(null, { ticket: null });
    const ticket = await readRow<TicketData>(tx, 'ticket', next.id, true);
    if (!ticket) return applied(null, { ticket: null });
    const data = await patchRow(tx, ticket, {
      status: 'called',
      calledAt: now.toISOString(),
      deskId,
      userId: principal.userId,
      targetDeskId: null,
      history: [...ticket.data.history, historyEntry(ctx, 'called', 'waiting', 'called')],
    });
    return applied(null, { ticket: data });
  }),

  'ticket.recall': onCalledTicket(TicketAction, ['called'], async (ticket, ctx) => {
    await patchRow(ctx.tx, ticket, { recalls: ticket.data.recalls + 1, calledAt: ctx.now.toISOString(), history: [...ticket.data.history, historyEntry(ctx, 'recalled', 'called', 'called')] });
    return applied();
  }),

  'ticket.start': onCalledTicket(TicketAction, ['called'], async (ticket, ctx) => {
    await patchRow(ctx.tx, ticket, { status: 'serving', startedAt: ctx.now.toISOString(), history: [...ticket.data.history, historyEntry(ctx, 'started', 'called', 'serving')] });
    return applied();
  }),

  'ticket.noShow': onCalledTicket(TicketAction, ['called'], async (ticket, ctx) => {
    await patchRow(ctx.tx, ticket, { status: 'no_show', finishedAt: ctx.now.toISOString(), history: [...ticket.data.history, historyEntry(ctx, 'no_show', 'called', 'no_show')] });
    return applied();
  }),

  'ticket.finish': onCalledTicket(TicketFinish, ['serving'], async (ticket, ctx, parsed) => {
    await patchRow(ctx.tx, ticket, {
      status: 'done',
      finishedAt: ctx.now.toISOString(),
      caseId: parsed.caseId ?? ticket.data.caseId,
      consultationId: parsed.consultationId ?? ticket.data.consultationId,
      history: [...ticket.data.history, historyEntry(ctx, 'finished', 'serving', 'done')],
    });
    return applied();
  }),

  /**
   * Sends the client to another queue, or to one desk (of the same centre), or both: they wait again,
   * keeping their place by issue time; a desk-targeted ticket is called by that desk first.
   */
  'ticket.transfer': onCalledTicket(TicketTransfer, ['called', 'serving'], async (ticket, ctx, parsed) => {
    const queueId = parsed.queueId ?? ticket.data.queueId;
    if (parsed.queueId && !(await queueOfCentre(ctx.tx, parsed.queueId, ctx.principal.centreId))) return reject('Rinda, uz kuru pāradresēt, šajā centrā nav atrasta.');
    if (parsed.deskId) {
      const [desk] = await ctx.tx.query(`SELECT 1 FROM desks WHERE id = $1 AND centre_id = $2`, [parsed.deskId, ctx.principal.centreId]);
      if (!desk) return reject('Darba vieta, uz kuru pāradresēt, šajā centrā nav atrasta.');
    }
    const action = parsed.deskId ? `transfer:${queueId}@${parsed.deskId}` : `transfer:${queueId}`;
    await patchRow(ctx.tx, ticket, {
      status: 'waiting',
      queueId,
      targetDeskId: parsed.deskId ?? null,
      deskId: null,
      userId: null,
      calledAt: null,
      startedAt: null,
      history: [...ticket.data.history, historyEntry(ctx, action, ticket.data.status, 'waiting', parsed.note ?? null)],
    });
    return applied();
  }),
};
