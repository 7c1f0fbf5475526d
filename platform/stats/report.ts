import { need, type Context } from '../access';
import type { Sql } from '../db/sql';
import { platformError } from '../errors';
import type { StatsDimension, StatsPeriod, StatsReport, StatsRow } from '../generated/graphql';
import { lvCollator } from './live';

const DAY = 86_400_000;
/** The longest report: a year and a bit, so a year against the one before still fits in two requests. */
export const MAX_RANGE_DAYS = 400;

const periodSql: Record<StatsPeriod, string> = {
  day: `to_char(day, 'YYYY-MM-DD')`,
  // ISO weeks start on Monday, as date_trunc's do.
  week: `to_char(date_trunc('week', day::timestamp), 'YYYY-MM-DD')`,
  month: `to_char(date_trunc('month', day::timestamp), 'YYYY-MM-DD')`,
};

/**
 * Which column of each fact table says the dimension's key; `null` where the dimension does not apply
 * (those facts count in the period's totals only). Institution keys of tickets, ratings and handling
 * are their service's, mapped to its owner after the query.
 */
const keySql: Record<'tickets' | 'contacts' | 'feedback' | 'worktime', Record<StatsDimension, string | null>> = {
  tickets: { service: 'service_code', institution: 'service_code', channel: `'in_person'`, clerk: 'user_id', centre: 'centre_id', queue: 'queue_id' },
  contacts: { service: 'service_code', institution: 'owner_code', channel: 'channel', clerk: 'user_id', centre: 'centre_id', queue: null },
  feedback: { service: 'service_code', institution: 'service_code', channel: 'channel', clerk: 'user_id', centre: 'centre_id', queue: null },
  worktime: { service: 'service_code', institution: 'service_code', channel: null, clerk: 'user_id', centre: 'centre_id', queue: null },
};

const channelLabels: Record<string, string> = {
  in_person: 'Klātienē',
  phone: 'Tālrunis',
  email: 'E-pasts',
  portal: 'Portāls',
  post: 'Pasts',
  e_address: 'E-adrese',
};
/** The key of facts that name no service, clerk…: shown as its own row. */
const NONE = '-';
const NONE_LABEL = 'Nav norādīts';

interface Acc {
  tickets: number;
  served: number;
  noShows: number;
  waitSum: number;
  waitN: number;
  serviceSum: number;
  serviceN: number;
  within: number;
  cases: number;
  consultations: number;
  ratings: number;
  ratingSum: number;
  handling: number;
}
const empty = (): Acc => ({ tickets: 0, served: 0, noShows: 0, waitSum: 0, waitN: 0, serviceSum: 0, serviceN: 0, within: 0, cases: 0, consultations: 0, ratings: 0, ratingSum: 0, handling: 0 });

function validDay(value: string, name: string): number {
  const at = /^\d{4}-\d{2}-\d{2}$/u.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
  if (Number.isNaN(at) || new Date(at).toISOString().slice(0, 10) !== value) throw platformError('BAD_REQUEST', `Lauks „${name}” jānorāda kā datums formā GGGG-MM-DD.`);
  return at;
}

export interface StatisticsArgs {
  centreId?: string | null;
  from: string;
  to: string;
  period: StatsPeriod;
  by: StatsDimension;
}

export function statisticsQueries(sql: Sql, _clock: () => Date) {
  return {
    async statistics(_: unknown, args: StatisticsArgs, ctx: Context): Promise<StatsReport> {
      const p = need(ctx, ['supervisor', 'admin']);
      const admin = p.roles.includes('admin');
      const centreId = args.centreId ?? (admin ? null : p.centreId);
      if (!admin && (!centreId || centreId !== p.centreId)) throw platformError('FORBIDDEN', 'Cita centra statistiku redz tā vadītājs.');
      return statistics(sql, { ...args, centreId });
    },
  };
}

/** The report itself, for a caller whose right to see `centreId` (null: every centre) is settled. */
export async function statistics(sql: Sql, args: StatisticsArgs): Promise<StatsReport> {
  const from = validDay(args.from, 'no');
  const to = validDay(args.to, 'līdz');
  if (to < from) throw platformError('BAD_REQUEST', 'Perioda sākums ir pēc tā beigām.');
  if ((to - from) / DAY + 1 > MAX_RANGE_DAYS) throw platformError('BAD_REQUEST', `Pārskata periods nedrīkst būt garāks par ${MAX_RANGE_DAYS} dienām.`);
  if (!periodSql[args.period] || !(args.by in keySql.tickets)) throw platformError('BAD_REQUEST', 'Nezināms periods vai dimensija.');
  const centreId = args.centreId ?? null;
  const params: unknown[] = [args.from, args.to, ...(centreId ? [centreId] : [])];
  const where = (alias = '') => `${alias}day BETWEEN $1::date AND $2::date${centreId ? ` AND ${alias}centre_id = $3` : ''}`;
  const period = periodSql[args.period];
  const key = (fact: keyof typeof keySql, alias = '') => {
    const column = keySql[fact][args.by];
    return column === null ? 'NULL::text' : column.startsWith(`'`) ? column : `${alias}${column}`;
  };

  const [tickets, contacts, feedback, worktime] = await Promise.all([
    sql.query<{ period: string; key: string | null; tickets: string; served: string; no_shows: string; wait_sum: number | null; wait_n: string; service_sum: number | null; service_n: string; within: string }>(
      `WITH q AS (SELECT id, COALESCE((data->>'waitTargetMinutes')::int, 15) AS target FROM sync_rows WHERE entity = 'queue')
       SELECT ${period} AS period, ${key('tickets', 't.')} AS key, count(*) AS tickets,
              count(*) FILTER (WHERE t.status = 'done') AS served, count(*) FILTER (WHERE t.status = 'no_show') AS no_shows,
              sum(t.wait_seconds) AS wait_sum, count(t.wait_seconds) AS wait_n,
              sum(t.service_seconds) FILTER (WHERE t.status = 'done') AS service_sum, count(t.service_seconds) FILTER (WHERE t.status = 'done') AS service_n,
              count(*) FILTER (WHERE t.wait_seconds <= COALESCE(q.target, 15) * 60) AS within
         FROM stat_tickets t LEFT JOIN q ON q.id = t.queue_id
        WHERE ${where('t.')} GROUP BY 1, 2`,
      params,
    ),
    sql.query<{ period: string; key: string | null; cases: string; consultations: string }>(
      `SELECT ${period} AS period, ${key('contacts')} AS key, count(*) FILTER (WHERE kind = 'case') AS cases, count(*) FILTER (WHERE kind = 'consultation') AS consultations
         FROM stat_contacts WHERE ${where()} GROUP BY 1, 2`,
      params,
    ),
    sql.query<{ period: string; key: string | null; ratings: string; rating_sum: string }>(
      `SELECT ${period} AS period, ${key('feedback')} AS key, count(*) AS ratings, sum(rating) AS rating_sum FROM stat_feedback WHERE ${where()} GROUP BY 1, 2`,
      params,
    ),
    sql.query<{ period: string; key: string | null; handling: number | null }>(
      `SELECT ${period} AS period, ${key('worktime')} AS key, sum(seconds) AS handling
         FROM stat_worktime WHERE ${where()} AND state IN ('serving', 'wrap_up') AND seconds IS NOT NULL GROUP BY 1, 2`,
      params,
    ),
  ]);

  const services = await sql.query<{ code: string; name: string | null; owner: string | null }>(`SELECT id AS code, data->>'name' AS name, owner_code AS owner FROM sync_rows WHERE entity = 'service'`);
  const ownerOf = new Map(services.map((s) => [s.code, s.owner]));
  const mapKey = (fact: keyof typeof keySql, raw: string | null): string | null => {
    if (keySql[fact][args.by] === null) return null;
    if (args.by === 'institution' && fact !== 'contacts') return raw === null ? NONE : (ownerOf.get(raw) ?? NONE);
    return raw ?? NONE;
  };

  const rows = new Map<string, { period: string; key: string; acc: Acc }>();
  const totals = new Map<string, Acc>();
  const add = (fact: keyof typeof keySql, periodStart: string, raw: string | null, apply: (acc: Acc) => void) => {
    if (!totals.has(periodStart)) totals.set(periodStart, empty());
    apply(totals.get(periodStart) as Acc);
    const k = mapKey(fact, raw);
    if (k === null) return;
    const id = `${periodStart}\u0000${k}`;
    if (!rows.has(id)) rows.set(id, { period: periodStart, key: k, acc: empty() });
    apply((rows.get(id) as { acc: Acc }).acc);
  };
  for (const r of tickets) {
    add('tickets', r.period, r.key, (a) => {
      a.tickets += Number(r.tickets);
      a.served += Number(r.served);
      a.noShows += Number(r.no_shows);
      a.waitSum += Number(r.wait_sum ?? 0);
      a.waitN += Number(r.wait_n);
      a.serviceSum += Number(r.service_sum ?? 0);
      a.serviceN += Number(r.service_n);
      a.within += Number(r.within);
    });
  }
  for (const r of contacts) {
    add('contacts', r.period, r.key, (a) => {
      a.cases += Number(r.cases);
      a.consultations += Number(r.consultations);
    });
  }
  for (const r of feedback) {
    add('feedback', r.period, r.key, (a) => {
      a.ratings += Number(r.ratings);
      a.ratingSum += Number(r.rating_sum);
    });
  }
  for (const r of worktime) add('worktime', r.period, r.key, (a) => void (a.handling += Number(r.handling ?? 0)));

  const label = await labeller(sql, args.by, [...new Set([...rows.values()].map((r) => r.key))], services, centreId === null);
  const toRow = (periodStart: string, k: string, l: string, a: Acc): StatsRow => ({
    period: periodStart,
    key: k,
    label: l,
    tickets: a.tickets,
    served: a.served,
    noShows: a.noShows,
    averageWaitSeconds: a.waitN > 0 ? Math.round(a.waitSum / a.waitN) : null,
    averageServiceSeconds: a.serviceN > 0 ? Math.round(a.serviceSum / a.serviceN) : null,
    withinTargetShare: a.waitN > 0 ? Math.round((a.within / a.waitN) * 10_000) / 10_000 : null,
    cases: a.cases,
    consultations: a.consultations,
    ratings: a.ratings,
    averageRating: a.ratings > 0 ? Math.round((a.ratingSum / a.ratings) * 100) / 100 : null,
    handlingSeconds: Math.round(a.handling),
  });
  return {
    centreId,
    from: args.from,
    to: args.to,
    period: args.period,
    by: args.by,
    rows: [...rows.values()]
      .map((r) => toRow(r.period, r.key, label(r.key), r.acc))
      .sort((a, b) => a.period.localeCompare(b.period) || lvCollator.compare(a.label, b.label) || a.key.localeCompare(b.key)),
    totals: [...totals.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([periodStart, a]) => toRow(periodStart, '*', 'Kopā', a)),
  };
}

/** Human names for a dimension's keys: a service's name, an institution's, a clerk's display name… */
async function labeller(sql: Sql, by: StatsDimension, keys: string[], services: { code: string; name: string | null }[], everyCentre: boolean): Promise<(key: string) => string> {
  let names = new Map<string, string>();
  const ids = keys.filter((k) => k !== NONE);
  switch (by) {
    case 'service':
      names = new Map(services.map((s) => [s.code, s.name ?? s.code]));
      break;
    case 'institution':
      names = new Map((await sql.query<{ code: string; name: string }>(`SELECT code, name FROM institutions WHERE code = ANY($1)`, [ids])).map((r) => [r.code, r.name]));
      break;
    case 'channel':
      names = new Map(Object.entries(channelLabels));
      break;
    case 'clerk':
      names = new Map((await sql.query<{ id: string; name: string }>(`SELECT id, display_name AS name FROM users WHERE id = ANY($1)`, [ids])).map((r) => [r.id, r.name]));
      break;
    case 'centre':
      names = new Map((await sql.query<{ id: string; name: string }>(`SELECT id, name FROM centres WHERE id = ANY($1)`, [ids])).map((r) => [r.id, r.name]));
      break;
    case 'queue': {
      const queues = await sql.query<{ id: string; letter: string; name: string; centre: string | null }>(
        `SELECT q.id, q.data->>'letter' AS letter, q.data->>'name' AS name, c.name AS centre FROM sync_rows q LEFT JOIN centres c ON c.id = q.centre_id WHERE q.entity = 'queue' AND q.id = ANY($1)`,
        [ids],
      );
      names = new Map(queues.map((q) => [q.id, `${q.letter}: ${q.name}${everyCentre && q.centre ? ` (${q.centre})` : ''}`]));
      break;
    }
  }
  return (key) => (key === NONE ? NONE_LABEL : (names.get(key) ?? key));
}
