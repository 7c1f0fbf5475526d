import { rigaDay } from '../../shared/riga-day';
import type { Db } from '../db/connection';
import type { LocalEffect, Projection, RowData } from '../sync/store';

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * What the desk does before the platform answers. Only finishing a ticket and the clerk's worktime
 * work offline: calling, recalling, starting and transferring need the platform's answer at once
 * (main/queue/live.ts), because another desk could be acting on the same client.
 */
export const queueEffects: Record<string, LocalEffect> = {
  'ticket.finish': {
    entity: 'ticket',
    writes: () => ['status', 'finishedAt', 'caseId', 'consultationId'],
    apply(current, args, meta) {
      if (!current) throw new Error('ticket not here');
      return {
        ...current,
        status: 'done',
        finishedAt: meta.at,
        caseId: text(args.caseId) ?? current.caseId ?? null,
        consultationId: text(args.consultationId) ?? current.consultationId ?? null,
      };
    },
  },
  'worktime.set': {
    entity: 'worktime',
    writes: () => 'all',
    apply: (current, args, meta) => ({
      userId: meta.userId,
      deskId: args.deskId ?? null,
      state: args.state,
      serviceCode: args.serviceCode ?? null,
      caseId: args.caseId ?? null,
      startedAt: args.at,
      endedAt: args.state === 'signed_out' ? args.at : null,
      ...current,
      id: args.id,
    }),
  },
};

/** The typed tables the queue screens read, kept in step with the synced rows. */
export function queueProjections(db: Db): Record<string, Projection> {
  const putQueue = db.prepare(
    `INSERT INTO queues (id, centre_id, letter, name, service_codes, wait_target_minutes) VALUES (@id, @centreId, @letter, @name, @serviceCodes, @target)
     ON CONFLICT (id) DO UPDATE SET centre_id = excluded.centre_id, letter = excluded.letter, name = excluded.name,
       service_codes = excluded.service_codes, wait_target_minutes = excluded.wait_target_minutes`,
  );
  const putTicket = db.prepare(
    `INSERT INTO tickets (id, centre_id, queue_id, number, day, category, service_code, status, issued_at, called_at, started_at, finished_at,
       desk_id, user_id, target_desk_id, case_id, consultation_id, recalls, note, pending)
     VALUES (@id, @centreId, @queueId, @number, @day, @category, @serviceCode, @status, @issuedAt, @calledAt, @startedAt, @finishedAt,
       @deskId, @userId, @targetDeskId, @caseId, @consultationId, @recalls, @note, @pending)
     ON CONFLICT (id) DO UPDATE SET queue_id = excluded.queue_id, status = excluded.status, called_at = excluded.called_at,
       started_at = excluded.started_at, finished_at = excluded.finished_at, desk_id = excluded.desk_id, user_id = excluded.user_id,
       target_desk_id = excluded.target_desk_id, case_id = excluded.case_id, consultation_id = excluded.consultation_id,
       recalls = excluded.recalls, note = excluded.note, pending = excluded.pending, service_code = excluded.service_code, category = excluded.category`,
  );
  const putAppointment = db.prepare(
    `INSERT INTO appointments (id, centre_id, queue_id, service_code, starts_at, day, code, booked_by, ticket_id, cancelled)
     VALUES (@id, @centreId, @queueId, @serviceCode, @startsAt, @day, @code, @bookedBy, @ticketId, @cancelled)
     ON CONFLICT (id) DO UPDATE SET queue_id = excluded.queue_id, service_code = excluded.service_code, starts_at = excluded.starts_at,
       day = excluded.day, code = excluded.code, ticket_id = excluded.ticket_id, cancelled = excluded.cancelled`,
  );
  const putWorktime = db.prepare(
    `INSERT INTO worktime (id, user_id, desk_id, state, service_code, case_id, started_at, ended_at, day, pending)
     VALUES (@id, @userId, @deskId, @state, @serviceCode, @caseId, @startedAt, @endedAt, @day, @pending)
     ON CONFLICT (id) DO UPDATE SET state = excluded.state, service_code = excluded.service_code, case_id = excluded.case_id,
       started_at = excluded.started_at, ended_at = excluded.ended_at, day = excluded.day, pending = excluded.pending`,
  );
  const remover = (table: string) => {
    const statement = db.prepare(`DELETE FROM ${table} WHERE id = ?`);
    return (id: string) => void statement.run(id);
  };
  return {
    queue: {
      put: (id, d) =>
        void putQueue.run({
          id,
          centreId: d.centreId,
          letter: d.letter,
          name: d.name,
          serviceCodes: JSON.stringify(d.serviceCodes ?? []),
          target: typeof d.waitTargetMinutes === 'number' ? d.waitTargetMinutes : 15,
        }),
      remove: remover('queues'),
    },
    ticket: {
      put(id, d, { pending }) {
        const history = Array.isArray(d.history) ? (d.history as RowData[]) : [];
        // The note a colleague left when sending the client here: the reason of the newest transfer.
        const transfer = history.findLast((h) => typeof h.action === 'string' && h.action.startsWith('transfer'));
        putTicket.run({
          id,
          centreId: d.centreId,
          queueId: d.queueId,
          number: d.number,
          day: d.day,
          category: d.category,
          serviceCode: text(d.serviceCode),
          status: d.status,
          issuedAt: d.issuedAt,
          calledAt: text(d.calledAt),
          startedAt: text(d.startedAt),
          finishedAt: text(d.finishedAt),
          deskId: text(d.deskId),
          userId: text(d.userId),
          targetDeskId: text(d.targetDeskId),
          caseId: text(d.caseId),
          consultationId: text(d.consultationId),
          recalls: typeof d.recalls === 'number' ? d.recalls : 0,
          note: text(transfer?.reason),
          pending: pending ? 1 : 0,
        });
      },
      remove: remover('tickets'),
    },
    appointment: {
      put: (id, d) =>
        void putAppointment.run({
          id,
          centreId: d.centreId,
          queueId: d.queueId,
          serviceCode: text(d.serviceCode),
          startsAt: d.startsAt,
          day: rigaDay(new Date(String(d.startsAt))),
          code: d.code,
          bookedBy: d.bookedBy,
          ticketId: text(d.ticketId),
          cancelled: d.cancelled ? 1 : 0,
        }),
      remove: remover('appointments'),
    },
    worktime: {
      put: (id, d, { pending }) =>
        void putWorktime.run({
          id,
          userId: d.userId,
          deskId: text(d.deskId),
          state: d.state,
          serviceCode: text(d.serviceCode),
          caseId: text(d.caseId),
          startedAt: d.startedAt,
          endedAt: text(d.endedAt),
          day: rigaDay(new Date(String(d.startedAt))),
          pending: pending ? 1 : 0,
        }),
      remove: remover('worktime'),
    },
  };
}
