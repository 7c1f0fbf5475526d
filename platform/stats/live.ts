import { rigaDay } from '../../shared/riga-day';
import { need, type Context } from '../access';
import type { Sql } from '../db/sql';
import { defaultAlertSettings, type AlertSettingsData, type AppointmentData, type QueueData, type WorkState } from '../entities';
import { platformError } from '../errors';
import type { Principal } from '../auth/tokens';
import type { CentreLive, DashboardAlert, HallBoard, HallFinished, QueueLive, StaffLive } from '../generated/graphql';
import { readRow } from '../sync/rows';

const deskRoles = ['clerk', 'agent', 'supervisor'];
const MINUTE = 60_000;
/** How many calls the hall's display shows. */
const HALL_CALLS = 12;
/** A finished ticket stays on the rating screen beside its desk this long. */
const RATING_WINDOW_MINUTES = 10;

export const lvCollator = new Intl.Collator('lv');

/** The centre a request is about: the user's own, or any for an administrator. */
export function ownCentre(p: Principal, requested: string | null | undefined, message: string): string {
  const centre = requested ?? p.centreId;
  if (!centre) throw platformError('BAD_REQUEST', 'Norādiet centru.');
  if (centre !== p.centreId && !p.roles.includes('admin')) throw platformError('FORBIDDEN', message);
  return centre;
}

async function centreName(sql: Sql, centreId: string): Promise<string> {
  const [centre] = await sql.query<{ name: string }>(`SELECT name FROM centres WHERE id = $1`, [centreId]);
  if (!centre) throw platformError('BAD_REQUEST', 'Šāds centrs nav atrasts.');
  return centre.name;
}

async function queuesOf(sql: Sql, centreId: string): Promise<QueueData[]> {
  const rows = await sql.query<{ data: QueueData }>(`SELECT data FROM sync_rows WHERE entity = 'queue' AND centre_id = $1 AND NOT deleted ORDER BY data->>'letter', id`, [centreId]);
  return rows.map((r) => r.data);
}

const iso = (at: Date | string | null): string | null => (at === null ? null : new Date(at).toISOString());
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const round = (v: unknown): number | null => (v === null || v === undefined ? null : Math.round(Number(v)));

/** "3 klienti gaida", "1 klients gaida", "21 klients gaida": Latvian agrees with a last digit 1, except 11. */
function clients(n: number): string {
  return n % 10 === 1 && n % 100 !== 11 ? `${n} klients gaida` : `${n} klienti gaida`;
}
const lvNumber = (n: number) => n.toFixed(1).replace('.', ',');

export function liveQueries(sql: Sql, clock: () => Date) {
  return {
    /** The hall's display and the kiosk: numbers, desks and queues only, never who the clients are. */
    async hallBoard(_: unknown, args: { centreId?: string | null }, ctx: Context): Promise<HallBoard> {
      const p = need(ctx, ['kiosk', ...deskRoles, 'admin']);
      const centreId = ownCentre(p, args.centreId, 'Šī centra zāles tablo jums nav pieejams.');
      const now = clock();
      const today = rigaDay(now);
      const name = await centreName(sql, centreId);
      // Everyone being called or served now, then the latest finished calls, newest first.
      const calls = await sql.query<{ id: string; number: string; queue_id: string; desk_id: string; desk_name: string; called_at: Date; recalls: number; status: string }>(
        `SELECT t.id, t.number, t.queue_id, t.desk_id, d.name AS desk_name, t.called_at, t.recalls, t.status
           FROM stat_tickets t JOIN desks d ON d.id = t.desk_id
          WHERE t.centre_id = $1 AND t.day = $2::date AND t.called_at IS NOT NULL AND t.status IN ('called', 'serving', 'done', 'no_show')
          ORDER BY (t.status IN ('called', 'serving')) DESC, t.called_at DESC, t.id LIMIT ${HALL_CALLS}`,
        [centreId, today],
      );
      const waiting = await sql.query<{ queue_id: string; n: string }>(
        `SELECT queue_id, count(*) AS n FROM stat_tickets WHERE centre_id = $1 AND day = $2::date AND status = 'waiting' GROUP BY queue_id`,
        [centreId, today],
      );
      const waitingIn = new Map(waiting.map((w) => [w.queue_id, Number(w.n)]));
      return {
        centreId,
        centreName: name,
        at: now.toISOString(),
        calls: calls
          .map((c) => ({
            ticketId: c.id,
            number: c.number,
            queueId: c.queue_id,
            deskId: c.desk_id,
            deskName: c.desk_name,
            calledAt: new Date(c.called_at).toISOString(),
            recalls: Number(c.recalls),
            status: c.status as HallBoard['calls'][number]['status'],
          }))
          .sort((a, b) => b.calledAt.localeCompare(a.calledAt)),
        queues: (await queuesOf(sql, centreId)).map((q) => ({ queueId: q.id, letter: q.letter, name: q.name, waiting: waitingIn.get(q.id) ?? 0, serviceCodes: q.serviceCodes })),
      };
    },

    /** The rating screen beside a desk: the ticket it finished last, today and within ten minutes. */
    async deskFinished(_: unknown, args: { deskId: string }, ctx: Context): Promise<HallFinished | null> {
      const p = need(ctx, ['kiosk', ...deskRoles, 'admin']);
      const [desk] = await sql.query<{ centre_id: string }>(`SELECT centre_id FROM desks WHERE id = $1`, [args.deskId]);
      if (!desk) throw platformError('BAD_REQUEST', 'Šāda darba vieta nav atrasta.');
      ownCentre(p, desk.centre_id, 'Šī darba vieta nepieder jūsu centram.');
      const now = clock();
      const [done] = await sql.query<{ id: string; number: string; finished_at: Date }>(
        `SELECT id, number, finished_at FROM stat_tickets
          WHERE centre_id = $1 AND day = $2::date AND desk_id = $3 AND status = 'done' AND finished_at >= $4::timestamptz AND finished_at <= $5::timestamptz
          ORDER BY finished_at DESC, id LIMIT 1`,
        [desk.centre_id, rigaDay(now), args.deskId, new Date(now.getTime() - RATING_WINDOW_MINUTES * MINUTE).toISOString(), now.toISOString()],
      );
      if (!done) return null;
      const [rated] = await sql.query(`SELECT 1 FROM sync_rows WHERE entity = 'feedback' AND data->>'ticketId' = $1`, [done.id]);
      return { ticketId: done.id, number: done.number, finishedAt: new Date(done.finished_at).toISOString(), rated: Boolean(rated) };
    },

    async appointments(_: unknown, args: { centreId?: string | null; day: string }, ctx: Context): Promise<AppointmentData[]> {
      const p = need(ctx, [...deskRoles, 'admin']);
      const centreId = ownCentre(p, args.centreId, 'Šī centra pieraksti jums nav pieejami.');
      if (!/^\d{4}-\d{2}-\d{2}$/u.test(args.day) || Number.isNaN(Date.parse(`${args.day}T00:00:00Z`))) throw platformError('BAD_REQUEST', 'Datumam jābūt formā GGGG-MM-DD.');
      const rows = await sql.query<{ data: AppointmentData }>(
        `SELECT data FROM sync_rows WHERE entity = 'appointment' AND centre_id = $1 AND data->>'day' = $2 AND NOT deleted ORDER BY data->>'startsAt', id`,
        [centreId, args.day],
      );
      return rows.map((r) => r.data);
    },

    /** The supervisor's live view; every figure is defined in docs/statistics.md. */
    async centreLive(_: unknown, args: { centreId?: string | null }, ctx: Context): Promise<CentreLive> {
      const p = need(ctx, ['supervisor', 'admin']);
      const centreId = ownCentre(p, args.centreId, 'Cita centra darbu redz tā vadītājs.');
      const now = clock();
      return centreLive(sql, centreId, now);
    },
  };
}

export async function centreLive(sql: Sql, centreId: string, now: Date): Promise<CentreLive> {
  const today = rigaDay(now);
  const at = now.toISOString();
  const name = await centreName(sql, centreId);
  const queues = await queuesOf(sql, centreId);

  const figures = await sql.query<{
    queue_id: string;
    waiting: string;
    oldest: Date | null;
    avg_wait: number | null;
    avg_service: number | null;
    served_hour: string;
    served: string;
    no_shows: string;
    called: string;
    within: string;
    over: string;
  }>(
    `WITH q AS (SELECT id, COALESCE((data->>'waitTargetMinutes')::int, 15) AS target FROM sync_rows WHERE entity = 'queue' AND centre_id = $1)
     SELECT t.queue_id,
            count(*) FILTER (WHERE t.status = 'waiting') AS waiting,
            min(t.issued_at) FILTER (WHERE t.status = 'waiting') AS oldest,
            avg(t.wait_seconds) AS avg_wait,
            avg(t.service_seconds) FILTER (WHERE t.status = 'done') AS avg_service,
            count(*) FILTER (WHERE t.status = 'done' AND t.finished_at > $3::timestamptz - interval '60 minutes' AND t.finished_at <= $3::timestamptz) AS served_hour,
            count(*) FILTER (WHERE t.status = 'done') AS served,
            count(*) FILTER (WHERE t.status = 'no_show') AS no_shows,
            count(t.wait_seconds) AS called,
            count(*) FILTER (WHERE t.wait_seconds <= COALESCE(q.target, 15) * 60) AS within,
            count(*) FILTER (WHERE t.status = 'waiting' AND t.issued_at < $3::timestamptz - make_interval(mins => COALESCE(q.target, 15))) AS over
       FROM stat_tickets t LEFT JOIN q ON q.id = t.queue_id
      WHERE t.centre_id = $1 AND t.day = $2::date
      GROUP BY t.queue_id`,
    [centreId, today, at],
  );
  const byQueue = new Map(figures.map((f) => [f.queue_id, f]));
  const queueLive: QueueLive[] = queues.map((q) => {
    const f = byQueue.get(q.id);
    const called = Number(f?.called ?? 0);
    return {
      queueId: q.id,
      letter: q.letter,
      name: q.name,
      waitTargetMinutes: q.waitTargetMinutes,
      waiting: Number(f?.waiting ?? 0),
      longestWaitSeconds: f?.oldest ? Math.max(0, Math.floor((now.getTime() - new Date(f.oldest).getTime()) / 1000)) : null,
      averageWaitSeconds: round(f?.avg_wait),
      averageServiceSeconds: round(f?.avg_service),
      servedLastHour: Number(f?.served_hour ?? 0),
      servedToday: Number(f?.served ?? 0),
      noShowsToday: Number(f?.no_shows ?? 0),
      withinTargetShare: called > 0 ? Number(f?.within ?? 0) / called : null,
      overTarget: Number(f?.over ?? 0),
    };
  });

  // Staff: the centre's clerks and agents, and anyone working here now; state from the latest entry.
  const people = await sql.query<{ id: string; display_name: string }>(
    `SELECT id, display_name FROM users WHERE id IN (
       SELECT id FROM users WHERE centre_id = $1 AND active AND roles && ARRAY['clerk', 'agent']::text[]
       UNION SELECT user_id FROM stat_worktime WHERE centre_id = $1 AND ended_at IS NULL)`,
    [centreId],
  );
  const latest = await sql.query<{ user_id: string; state: WorkState; started_at: Date; desk_id: string | null; desk_name: string | null }>(
    `SELECT DISTINCT ON (w.user_id) w.user_id, w.state, w.started_at, w.desk_id, d.name AS desk_name
       FROM stat_worktime w LEFT JOIN desks d ON d.id = w.desk_id
      WHERE w.centre_id = $1 AND (w.day = $2::date OR w.ended_at IS NULL)
      ORDER BY w.user_id, w.started_at DESC, w.id DESC`,
    [centreId, today],
  );
  const tickets = await sql.query<{ user_id: string; busy: string | null; served: string }>(
    `SELECT user_id, max(number) FILTER (WHERE status IN ('called', 'serving')) AS busy, count(*) FILTER (WHERE status = 'done') AS served
       FROM stat_tickets WHERE centre_id = $1 AND day = $2::date AND user_id IS NOT NULL GROUP BY user_id`,
    [centreId, today],
  );
  const entryOf = new Map(latest.map((l) => [l.user_id, l]));
  const ticketsOf = new Map(tickets.map((t) => [t.user_id, t]));
  const staff: StaffLive[] = people
    .map((u) => {
      const entry = entryOf.get(u.id);
      const work = ticketsOf.get(u.id);
      return {
        userId: u.id,
        displayName: u.display_name,
        deskId: entry?.desk_id ?? null,
        deskName: entry?.desk_name ?? null,
        state: entry?.state ?? 'signed_out',
        since: entry ? iso(entry.started_at) : null,
        ticketNumber: work?.busy ?? null,
        servedToday: Number(work?.served ?? 0),
      };
    })
    .sort((a, b) => lvCollator.compare(a.displayName, b.displayName) || a.userId.localeCompare(b.userId));

  const [ratings] = await sql.query<{ n: string; average: number | null }>(`SELECT count(*) AS n, avg(rating)::double precision AS average FROM stat_feedback WHERE centre_id = $1 AND day = $2::date`, [
    centreId,
    today,
  ]);
  const ratingsToday = Number(ratings?.n ?? 0);
  const satisfactionToday = num(ratings?.average);
  const stored = await readRow<AlertSettingsData>(sql, 'alert_settings', centreId);
  const settings = { centreId, ...defaultAlertSettings, ...(stored && !stored.deleted ? { satisfactionThreshold: stored.data.satisfactionThreshold, minimumRatings: stored.data.minimumRatings } : {}) };

  const alerts: DashboardAlert[] = [];
  for (const q of queueLive) {
    if (q.overTarget === 0) continue;
    const oldest = byQueue.get(q.queueId)?.oldest;
    alerts.push({
      kind: 'wait',
      queueId: q.queueId,
      message: `Rindā ${q.letter} ${clients(q.overTarget)} ilgāk par ${q.waitTargetMinutes} min`,
      messageEn: `Queue ${q.letter}: ${q.overTarget} ${q.overTarget === 1 ? 'client has' : 'clients have'} waited longer than ${q.waitTargetMinutes} min`,
      since: oldest ? new Date(new Date(oldest).getTime() + q.waitTargetMinutes * MINUTE).toISOString() : null,
    });
  }
  if (satisfactionToday !== null && ratingsToday >= settings.minimumRatings && satisfactionToday < settings.satisfactionThreshold) {
    alerts.push({
      kind: 'satisfaction',
      queueId: null,
      message: `Šodienas vidējais vērtējums ${lvNumber(satisfactionToday)} (${ratingsToday} ${ratingsToday % 10 === 1 && ratingsToday % 100 !== 11 ? 'vērtējums' : 'vērtējumi'}) ir zem sliekšņa ${lvNumber(settings.satisfactionThreshold)}`,
      messageEn: `Today's average rating ${satisfactionToday.toFixed(1)} (${ratingsToday} ${ratingsToday === 1 ? 'rating' : 'ratings'}) is below the threshold ${settings.satisfactionThreshold.toFixed(1)}`,
      since: null,
    });
  }
  return { centreId, centreName: name, at, queues: queueLive, staff, ratingsToday, satisfactionToday, alerts, settings };
}
