import { z } from 'zod';

export const WorkState = z.enum(['available', 'serving', 'wrap_up', 'break', 'other_work', 'signed_out']);
export type WorkState = z.infer<typeof WorkState>;
/** The states a clerk picks by hand; serving and wrap-up follow the queue, signed out follows sign-out. */
export const ChosenWorkState = z.enum(['available', 'break', 'other_work']);

export const TicketCategory = z.enum(['regular', 'appointment', 'disability', 'elderly']);

export const QueueTicket = z.object({
  id: z.uuid(),
  number: z.string(),
  queueId: z.string(),
  queueLetter: z.string(),
  queueName: z.string(),
  category: TicketCategory,
  serviceCode: z.string().nullable(),
  status: z.enum(['waiting', 'called', 'serving', 'done', 'no_show', 'cancelled']),
  issuedAt: z.string(),
  calledAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** Sent to this desk by a colleague: this desk calls it first. */
  forThisDesk: z.boolean(),
  /** The colleague's note when the client was sent on. */
  note: z.string().nullable(),
  recalls: z.number().int(),
  /** Finished here and not yet confirmed by the platform. */
  pending: z.boolean(),
});
export type QueueTicket = z.infer<typeof QueueTicket>;

/** What the clerk registered for the ticket being served, linked to it when it is finished. */
export const TicketLink = z.object({ kind: z.enum(['case', 'consultation']), id: z.uuid(), label: z.string() });
export type TicketLink = z.infer<typeof TicketLink>;

export const QueueSummary = z.object({
  id: z.string(),
  letter: z.string(),
  name: z.string(),
  waiting: z.number().int(),
  longestWaitSeconds: z.number().int().nullable(),
  waitTargetMinutes: z.number().int(),
  /** This desk calls from it. */
  served: z.boolean(),
});

export const QueueOverview = z.object({
  /** The platform answers queue actions now; otherwise the figures are as last heard. */
  online: z.boolean(),
  /** A queue action was sent and its answer not heard: it goes again before the next one. */
  unanswered: z.boolean(),
  desk: z.object({ id: z.string(), name: z.string() }).nullable(),
  queues: z.array(QueueSummary),
  current: QueueTicket.nullable(),
  links: z.array(TicketLink),
  /** In the order "call next" takes them for this desk. */
  waiting: z.array(QueueTicket),
  finishedToday: z.array(QueueTicket),
  work: z.object({ state: WorkState, since: z.string().nullable() }),
  desks: z.array(z.object({ id: z.string(), name: z.string() })),
  appointments: z.array(
    z.object({ id: z.uuid(), queueLetter: z.string(), startsAt: z.string(), code: z.string(), checkedIn: z.boolean(), cancelled: z.boolean() }),
  ),
});
export type QueueOverview = z.infer<typeof QueueOverview>;

export const DaySheet = z.object({
  userId: z.string(),
  name: z.string(),
  day: z.string(),
  entries: z.array(
    z.object({
      state: WorkState,
      from: z.string(),
      to: z.string().nullable(),
      seconds: z.number().int(),
      serviceCode: z.string().nullable(),
      serviceName: z.string().nullable(),
      ticketNumber: z.string().nullable(),
      caseNumber: z.string().nullable(),
      pending: z.boolean(),
    }),
  ),
  totals: z.array(z.object({ state: WorkState, seconds: z.number().int() })),
  byService: z.array(z.object({ code: z.string(), name: z.string(), seconds: z.number().int(), tickets: z.number().int() })),
  byCase: z.array(z.object({ caseId: z.uuid(), caseNumber: z.string(), serviceName: z.string().nullable(), seconds: z.number().int() })),
});
export type DaySheet = z.infer<typeof DaySheet>;
