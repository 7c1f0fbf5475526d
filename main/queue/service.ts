import { randomUUID } from 'node:crypto';
import { AppError, type DaySheet, type QueueOverview, type QueueTicket, type Session, type TicketLink, type WorkState } from '../../preload/contract';
import { rigaDay } from '../../shared/riga-day';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { EventBus } from '../events';
import type { LocalStore } from '../sync/store';
import type { LiveChannel } from './live';

interface TicketRow {
  id: string;
  number: string;
  queue_id: string;
  letter: string | null;
  queue_name: string | null;
  category: QueueTicket['category'];
  service_code: string | null;
  status: QueueTicket['status'];
  issued_at: string;
  called_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  target_desk_id: string | null;
  note: string | null;
  recalls: number;
  pending: number;
}

const ticketColumns = `t.id, t.number, t.queue_id, q.letter, q.name AS queue_name, t.category, t.service_code, t.status, t.issued_at, t.called_at,
  t.started_at, t.finished_at, t.target_desk_id, t.note, t.recalls, t.pending`;
/** The order the platform's "call next" uses (platform/queue/mutations.ts): appointments, then priority clients, then the rest. */
const callOrder = `CASE t.category WHEN 'appointment' THEN 0 WHEN 'disability' THEN 1 WHEN 'elderly' THEN 1 ELSE 2 END, t.issued_at, t.id`;

type SignedIn = Session & { desk: NonNullable<Session['desk']> };

export interface QueueDeps {
  clock: Clock;
  store: LocalStore;
  events: EventBus;
  live: LiveChannel;
  online: () => boolean;
  onChanged: () => void;
}

function atDesk(session: Session | null): SignedIn {
  if (!session) throw new AppError('UNAUTHENTICATED', 'Jūs neesat pieslēdzies.');
  if (!session.desk) throw new AppError('CONFLICT', 'Šī darba vieta nav iestatīta kā lete jūsu centrā, tāpēc rindu apkalpot nevar. Vērsieties pie IT atbalsta.');
  return session as SignedIn;
}

/**
 * The clerk's side of the centre's queue: what waits, the ticket at this desk, and the actions on it.
 * The clerk's worktime follows the queue (called: serving; finished: wrap-up; no-show or sent on:
 * available) and their own choices (break, other work), each a worktime entry through the outbox.
 */
export function createQueueService(db: Db, deps: QueueDeps) {
  const q = {
    queues: db.prepare<[string], { id: string; letter: string; name: string; service_codes: string; wait_target_minutes: number }>(
      `SELECT id, letter, name, service_codes, wait_target_minutes FROM queues WHERE centre_id = ? ORDER BY letter`,
    ),
    waitingStats: db.prepare<[string], { queue_id: string; waiting: number; oldest: string | null }>(
      `SELECT queue_id, count(*) AS waiting, min(issued_at) AS oldest FROM tickets WHERE day = ? AND status = 'waiting' GROUP BY queue_id`,
    ),
    waiting: db.prepare<[string, string, string, string, string], TicketRow & { for_me: number }>(
      `SELECT ${ticketColumns}, t.target_desk_id = ? AS for_me FROM tickets t LEFT JOIN queues q ON q.id = t.queue_id
        WHERE t.day = ? AND t.status = 'waiting' AND t.centre_id = ?
          AND (t.target_desk_id = ? OR (t.target_desk_id IS NULL AND t.queue_id IN (SELECT value FROM json_each(?))))
        ORDER BY for_me DESC, ${callOrder} LIMIT 30`,
    ),
    current: db.prepare<[string, string], TicketRow>(
      `SELECT ${ticketColumns} FROM tickets t LEFT JOIN queues q ON q.id = t.queue_id
        WHERE t.user_id = ? AND t.day = ? AND t.status IN ('called', 'serving') ORDER BY t.called_at DESC LIMIT 1`,
    ),
    finished: db.prepare<[string, string], TicketRow>(
      `SELECT ${ticketColumns} FROM tickets t LEFT JOIN queues q ON q.id = t.queue_id
        WHERE t.user_id = ? AND t.day = ? AND t.status IN ('done', 'no_show') ORDER BY t.finished_at DESC LIMIT 20`,
    ),
    ticket: db.prepare<[string], TicketRow & { user_id: string | null; case_id: string | null }>(
      `SELECT ${ticketColumns}, t.user_id, t.case_id FROM tickets t LEFT JOIN queues q ON q.id = t.queue_id WHERE t.id = ?`,
    ),
    desks: db.prepare<[string, string], { id: string; name: string }>(`SELECT id, name FROM desks WHERE centre_id = ? AND id <> ? ORDER BY name`),
    appointments: db.prepare<[string, string], { id: string; letter: string | null; starts_at: string; code: string; ticket_id: string | null; cancelled: number }>(
      `SELECT a.id, q.letter, a.starts_at, a.code, a.ticket_id, a.cancelled FROM appointments a LEFT JOIN queues q ON q.id = a.queue_id
        WHERE a.day = ? AND a.centre_id = ? ORDER BY a.starts_at`,
    ),
    lastWork: db.prepare<[string], { state: WorkState; started_at: string }>(`SELECT state, started_at FROM worktime WHERE user_id = ? ORDER BY started_at DESC, rowid DESC LIMIT 1`),
    consultationsSince: db.prepare<[string, string], { id: string; created_at: string; service_name: string | null }>(
      `SELECT c.id, c.created_at, s.name AS service_name FROM consultations c LEFT JOIN services s ON s.code = c.service_code
        WHERE c.user_id = ? AND c.created_at >= ? ORDER BY c.created_at DESC LIMIT 5`,
    ),
    casesSince: db.prepare<[string, string], { id: string; created_at: string; case_number: string }>(
      `SELECT id, created_at, case_number FROM cases WHERE created_by = ? AND created_at >= ? ORDER BY created_at DESC LIMIT 5`,
    ),
    setting: db.prepare<[string], { value: string }>(`SELECT value FROM settings WHERE key = ?`),
    setSetting: db.prepare(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`),
    user: db.prepare<[string], { display_name: string; centre_id: string | null }>(`SELECT display_name, centre_id FROM users WHERE id = ?`),
    sheet: db.prepare<[string, string], { state: WorkState; started_at: string; ended_at: string | null; service_code: string | null; service_name: string | null; case_id: string | null; pending: number }>(
      `SELECT w.state, w.started_at, w.ended_at, w.service_code, s.name AS service_name, w.case_id, w.pending FROM worktime w
        LEFT JOIN services s ON s.code = w.service_code WHERE w.user_id = ? AND w.day = ? ORDER BY w.started_at, w.rowid`,
    ),
    ticketsOfDay: db.prepare<[string, string], { number: string; called_at: string | null; finished_at: string | null; case_id: string | null; case_number: string | null; service_name: string | null }>(
      `SELECT t.number, t.called_at, t.finished_at, t.case_id, c.case_number, s.name AS service_name FROM tickets t
        LEFT JOIN cases c ON c.id = t.case_id LEFT JOIN services s ON s.code = c.service_code
        WHERE t.user_id = ? AND t.day = ? AND t.called_at IS NOT NULL ORDER BY t.called_at`,
    ),
  };

  const now = () => deps.clock.now();
  const today = () => rigaDay(now());
  const seconds = (from: string, to: Date) => Math.max(0, Math.round((to.getTime() - Date.parse(from)) / 1000));

  function servedQueues(session: SignedIn): string[] {
    const all = q.queues.all(session.desk.centreId).map((r) => r.id);
    const saved = q.setting.get(`served_queues:${session.desk.id}`)?.value;
    const chosen = saved ? (JSON.parse(saved) as string[]).filter((id) => all.includes(id)) : [];
    return chosen.length > 0 ? chosen : all;
  }

  function toTicket(r: TicketRow, deskId: string | null): QueueTicket {
    return {
      id: r.id,
      number: r.number,
      queueId: r.queue_id,
      queueLetter: r.letter ?? '?',
      queueName: r.queue_name ?? '',
      category: r.category,
      serviceCode: r.service_code,
      status: r.status,
      issuedAt: r.issued_at,
      calledAt: r.called_at,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      forThisDesk: deskId !== null && r.target_desk_id === deskId,
      note: r.note,
      recalls: r.recalls,
      pending: r.pending === 1,
    };
  }

  const recordWork = db.transaction((userId: string, state: WorkState, extra: { deskId: string | null; serviceCode?: string | null; caseId?: string | null }) => {
    const at = now();
    deps.store.mutate({
      name: 'worktime.set',
      args: { id: randomUUID(), state, deskId: extra.deskId, serviceCode: extra.serviceCode ?? null, caseId: extra.caseId ?? null, at: at.toISOString() },
      userId,
      at,
    });
  });

  function work(session: Session, state: WorkState, extra: { serviceCode?: string | null; caseId?: string | null } = {}) {
    // A repeat of the same state (two calls in a row) is no new interval on the day sheet.
    if (state !== 'serving' && q.lastWork.get(session.user.id)?.state === state) return;
    recordWork(session.user.id, state, { deskId: session.desk?.id ?? null, ...extra });
    deps.onChanged();
    deps.events.emit('queue.changed', {});
  }

  function ownTicket(session: SignedIn, ticketId: string, allowed: QueueTicket['status'][]) {
    const t = q.ticket.get(ticketId);
    if (!t) throw new AppError('NOT_FOUND', 'Talons šajā darba vietā nav zināms. Atsvaidziniet rindu.');
    if (t.user_id !== session.user.id) throw new AppError('CONFLICT', `Talonu ${t.number} apkalpo cita darba vieta.`);
    if (!allowed.includes(t.status)) throw new AppError('CONFLICT', `Talonu ${t.number} šobrīd nevar apstrādāt: tas jau ir ${statusWords[t.status]}.`);
    return t;
  }

  /** What the clerk registered since calling the ticket: the newest first, the one linked on finishing. */
  function links(session: Session, since: string): TicketLink[] {
    const cases = q.casesSince.all(session.user.id, since).map((c) => ({ at: c.created_at, link: { kind: 'case' as const, id: c.id, label: c.case_number } }));
    const consultations = q.consultationsSince
      .all(session.user.id, since)
      .map((c) => ({ at: c.created_at, link: { kind: 'consultation' as const, id: c.id, label: c.service_name ?? 'Konsultācija' } }));
    return [...cases, ...consultations].sort((a, b) => b.at.localeCompare(a.at)).map((x) => x.link);
  }

  async function act(session: SignedIn, name: string, args: object) {
    try {
      return await deps.live.send(name, args, session.user.id);
    } finally {
      deps.events.emit('queue.changed', {});
    }
  }

  return {
    overview(session: Session | null): QueueOverview {
      if (!session) throw new AppError('UNAUTHENTICATED', 'Jūs neesat pieslēdzies.');
      const desk = session.desk ?? null;
      const day = today();
      const at = now();
      const centreId = desk?.centreId ?? q.user.get(session.user.id)?.centre_id ?? '';
      const served = desk ? servedQueues(session as SignedIn) : [];
      const stats = new Map(q.waitingStats.all(day).map((s) => [s.queue_id, s]));
      const current = q.current.get(session.user.id, day);
      const last = q.lastWork.get(session.user.id);
      return {
        online: deps.online(),
        unanswered: deps.live.unanswered(),
        desk: desk ? { id: desk.id, name: desk.name } : null,
        queues: q.queues.all(centreId).map((r) => {
          const s = stats.get(r.id);
          return {
            id: r.id,
            letter: r.letter,
            name: r.name,
            waiting: s?.waiting ?? 0,
            longestWaitSeconds: s?.oldest ? seconds(s.oldest, at) : null,
            waitTargetMinutes: r.wait_target_minutes,
            served: served.includes(r.id),
          };
        }),
        current: current ? toTicket(current, desk?.id ?? null) : null,
        links: current?.status === 'serving' && current.called_at ? links(session, current.called_at) : [],
        waiting: desk ? q.waiting.all(desk.id, day, desk.centreId, desk.id, JSON.stringify(served)).map((r) => toTicket(r, desk.id)) : [],
        finishedToday: q.finished.all(session.user.id, day).map((r) => toTicket(r, desk?.id ?? null)),
        work: { state: last?.state ?? 'signed_out', since: last?.started_at ?? null },
        desks: desk ? q.desks.all(desk.centreId, desk.id) : [],
        appointments: q.appointments.all(day, centreId).map((a) => ({
          id: a.id,
          queueLetter: a.letter ?? '?',
          startsAt: a.starts_at,
          code: a.code,
          checkedIn: a.ticket_id !== null,
          cancelled: a.cancelled === 1,
        })),
      };
    },

    async callNext(sessionOrNull: Session | null): Promise<QueueTicket | null> {
      const session = atDesk(sessionOrNull);
      const result = (await act(session, 'ticket.call', { deskId: session.desk.id, queueIds: servedQueues(session) })) as { ticket: { id: string } | null } | null;
      const called = result?.ticket ? q.ticket.get(result.ticket.id) : undefined;
      if (!called) return null;
      work(session, 'serving', { serviceCode: called.service_code });
      return toTicket(called, session.desk.id);
    },
    async recall(session: Session | null, ticketId: string) {
      const s = atDesk(session);
      ownTicket(s, ticketId, ['called']);
      await act(s, 'ticket.recall', { ticketId });
      return null;
    },
    async start(session: Session | null, ticketId: string) {
      const s = atDesk(session);
      ownTicket(s, ticketId, ['called']);
      await act(s, 'ticket.start', { ticketId });
      return null;
    },
    async noShow(session: Session | null, ticketId: string) {
      const s = atDesk(session);
      ownTicket(s, ticketId, ['called']);
      await act(s, 'ticket.noShow', { ticketId });
      work(s, 'available');
      return null;
    },
    async transfer(session: Session | null, input: { ticketId: string; queueId: string | null; deskId: string | null; note: string | null }) {
      const s = atDesk(session);
      ownTicket(s, input.ticketId, ['called', 'serving']);
      await act(s, 'ticket.transfer', { ticketId: input.ticketId, queueId: input.queueId ?? undefined, deskId: input.deskId ?? undefined, note: input.note });
      work(s, 'available');
      return null;
    },
    /** Finishing works offline: the ticket is done here at once, and the platform hears it with the next sync. */
    finish(session: Session | null, input: { ticketId: string; link: { kind: 'case' | 'consultation'; id: string } | null }) {
      const s = atDesk(session);
      const t = ownTicket(s, input.ticketId, ['serving']);
      const caseId = input.link?.kind === 'case' ? input.link.id : null;
      const consultationId = input.link?.kind === 'consultation' ? input.link.id : null;
      const at = now();
      db.transaction(() => {
        deps.store.mutate({ name: 'ticket.finish', args: { id: t.id, ticketId: t.id, caseId, consultationId }, userId: s.user.id, at });
      })();
      work(s, 'wrap_up', { serviceCode: t.service_code, caseId });
      return null;
    },
    setServed(session: Session | null, queueIds: string[]) {
      const s = atDesk(session);
      const known = q.queues.all(s.desk.centreId).map((r) => r.id);
      const unknown = queueIds.filter((id) => !known.includes(id));
      if (unknown.length > 0) throw new AppError('INVALID_INPUT', 'Šādas rindas jūsu centrā nav.', { issues: [{ path: 'queueIds', message: 'unknown' }] });
      q.setSetting.run(`served_queues:${s.desk.id}`, JSON.stringify(queueIds));
      deps.events.emit('queue.changed', {});
      return null;
    },
    async issue(session: Session | null, input: { queueId: string; category: QueueTicket['category'] }) {
      const s = atDesk(session);
      const result = (await act(s, 'ticket.issue', { id: randomUUID(), queueId: input.queueId, category: input.category })) as { number: string } | null;
      return { number: result?.number ?? '' };
    },
    async book(session: Session | null, input: { queueId: string; startsAt: string }) {
      const s = atDesk(session);
      const startsAt = new Date(input.startsAt).toISOString();
      const result = (await act(s, 'appointment.book', { id: randomUUID(), queueId: input.queueId, startsAt })) as { code: string } | null;
      return { code: result?.code ?? '', startsAt };
    },
    async cancelAppointment(session: Session | null, id: string) {
      await act(atDesk(session), 'appointment.cancel', { id });
      return null;
    },
    setWork(session: Session | null, state: WorkState) {
      if (!session) throw new AppError('UNAUTHENTICATED', 'Jūs neesat pieslēdzies.');
      const current = q.current.get(session.user.id, today());
      if (current) throw new AppError('CONFLICT', `Vispirms pabeidziet vai pāradresējiet talonu ${current.number}.`);
      work(session, state);
      return null;
    },
    /** Sign-in and sign-out open and close the clerk's day at this desk. */
    signedIn(session: Session) {
      if (session.desk && session.user.roles.some((r) => r === 'clerk' || r === 'agent')) work(session, 'available');
    },
    signedOut(session: Session) {
      if (q.lastWork.get(session.user.id) && q.lastWork.get(session.user.id)?.state !== 'signed_out') work(session, 'signed_out');
    },

    daySheet(session: Session | null, input: { userId: string | null; day: string }): DaySheet {
      if (!session) throw new AppError('UNAUTHENTICATED', 'Jūs neesat pieslēdzies.');
      const userId = input.userId ?? session.user.id;
      const user = q.user.get(userId);
      if (!user) throw new AppError('NOT_FOUND', 'Darbinieks šajā darba vietā nav zināms.');
      const supervises = session.user.roles.includes('supervisor') && user.centre_id === q.user.get(session.user.id)?.centre_id;
      if (userId !== session.user.id && !supervises) throw new AppError('FORBIDDEN', 'Cita darbinieka darba laiku redz tikai centra vadītājs.');
      const rows = q.sheet.all(userId, input.day);
      const tickets = q.ticketsOfDay.all(userId, input.day);
      const at = now();
      const entries = rows.map((r, i) => {
        const to = r.ended_at ?? rows[i + 1]?.started_at ?? (input.day === today() ? null : r.started_at);
        const end = to ? new Date(to) : at;
        // The ticket served in this interval: called at its start (the desk records serving just after the call).
        const from = Date.parse(r.started_at) - 120_000;
        const ticket = r.state === 'serving' ? tickets.find((t) => t.called_at !== null && Date.parse(t.called_at) >= from && Date.parse(t.called_at) < end.getTime()) : undefined;
        return {
          state: r.state,
          from: r.started_at,
          to,
          seconds: seconds(r.started_at, end),
          serviceCode: r.service_code,
          serviceName: r.service_name,
          ticketNumber: ticket?.number ?? null,
          caseNumber: ticket?.case_number ?? null,
          caseId: ticket?.case_id ?? r.case_id,
          caseServiceName: ticket?.service_name ?? null,
          pending: r.pending === 1,
        };
      });
      const totals = new Map<WorkState, number>();
      const byService = new Map<string, { code: string; name: string; seconds: number; tickets: number }>();
      const byCase = new Map<string, { caseId: string; caseNumber: string; serviceName: string | null; seconds: number }>();
      for (const e of entries) {
        totals.set(e.state, (totals.get(e.state) ?? 0) + e.seconds);
        if (e.state !== 'serving') continue;
        if (e.serviceCode) {
          const s = byService.get(e.serviceCode) ?? { code: e.serviceCode, name: e.serviceName ?? e.serviceCode, seconds: 0, tickets: 0 };
          s.seconds += e.seconds;
          s.tickets += e.ticketNumber ? 1 : 0;
          byService.set(e.serviceCode, s);
        }
        if (e.caseId && e.caseNumber) {
          const c = byCase.get(e.caseId) ?? { caseId: e.caseId, caseNumber: e.caseNumber, serviceName: e.caseServiceName, seconds: 0 };
          c.seconds += e.seconds;
          byCase.set(e.caseId, c);
        }
      }
      return {
        userId,
        name: user.display_name,
        day: input.day,
        entries: entries.map(({ caseId: _caseId, caseServiceName: _name, ...e }) => e),
        totals: [...totals].map(([state, s]) => ({ state, seconds: s })),
        byService: [...byService.values()].sort((a, b) => b.seconds - a.seconds),
        byCase: [...byCase.values()],
      };
    },
  };
}

const statusWords: Record<QueueTicket['status'], string> = {
  waiting: 'rindā',
  called: 'izsaukts',
  serving: 'apkalpošanā',
  done: 'pabeigts',
  no_show: 'atzīmēts kā neieradies',
  cancelled: 'atcelts',
};

export type QueueService = ReturnType<typeof createQueueService>;
