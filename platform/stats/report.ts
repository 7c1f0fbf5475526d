import { need, type Context } from '../access';
import type { Sql } from '../db/sql';
import { platformError } from '../errors';
import type { StatsDimension, StatsPeriod, StatsReport, StatsRow } from '../generated/graphql';
import { rigaDay } from '../../shared/riga-day';
import { lvCollator } from './live';
import { dimensions, NONE, rollUp, sumColumns, sumsSql, TOTAL_ONLY, type Sums } from './rollup';

const DAY = 86_400_000;
/** The longest report: a year and a bit, so a year against the one before still fits in two requests. */
export const MAX_RANGE_DAYS = 400;

/** A day's period start in SQL: the day, its ISO week's Monday (date_trunc's weeks start on Monday), its month's first. */
const periodSql: Record<StatsPeriod, string> = {
  day: `to_char(day, 'YYYY-MM-DD')`,
  week: `to_char(date_trunc('week', day::timestamp), 'YYYY-MM-DD')`,
  month: `to_char(date_trunc('month', day::timestamp), 'YYYY-MM-DD')`,
};

const channelLabels: Record<string, string> = {
  in_person: 'Klātienē',
  phone: 'Tālrunis',
  email: 'E-pasts',
  portal: 'Portāls',
  post: 'Pasts',
  e_address: 'E-adrese',
};
const NONE_LABEL = 'Nav norādīts';

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

export function statisticsQueries(sql: Sql, clock: () => Date) {
  return {
    async statistics(_: unknown, args: StatisticsArgs, ctx: Context): Promise<StatsReport> {
      const p = need(ctx, ['supervisor', 'admin']);
      const admin = p.roles.includes('admin');
      const centreId = args.centreId ?? (admin ? null : p.centreId);
      if (!admin && (!centreId || centreId !== p.centreId)) throw platformError('FORBIDDEN', 'Cita centra statistiku redz tā vadītājs.');
      return statistics(sql, { ...args, centreId }, clock());
    },
  };
}

/** The first day of the period a day falls in: the day, its ISO week's Monday, or its month's first. */
function periodOf(day: string, period: StatsPeriod): string {
  if (period === 'day') return day;
  if (period === 'month') return `${day.slice(0, 7)}-01`;
  const at = Date.parse(`${day}T00:00:00Z`);
  return new Date(at - ((new Date(at).getUTCDay() + 6) % 7) * DAY).toISOString().slice(0, 10);
}

const isoDay = (at: number) => new Date(at).toISOString().slice(0, 10);

/**
 * The report itself, for a caller whose right to see `centreId` (null: every centre) is settled.
 * Past days come from their per-day sums (platform/stats/rollup.ts), made on first use; today and any
 * later day are summed from the facts as they are now.
 */
export async function statistics(sql: Sql, args: StatisticsArgs, now: Date = new Date()): Promise<StatsReport> {
  const from = validDay(args.from, 'no');
  const to = validDay(args.to, 'līdz');
  if (to < from) throw platformError('BAD_REQUEST', 'Perioda sākums ir pēc tā beigām.');
  if ((to - from) / DAY + 1 > MAX_RANGE_DAYS) throw platformError('BAD_REQUEST', `Pārskata periods nedrīkst būt garāks par ${MAX_RANGE_DAYS} dienām.`);
  if (!(args.period in periodSql) || !dimensions.includes(args.by)) throw platformError('BAD_REQUEST', 'Nezināms periods vai dimensija.');
  const centreId = args.centreId ?? null;
  const today = Date.parse(`${rigaDay(now)}T00:00:00Z`);

  const past: string[] = [];
  for (let at = from; at <= Math.min(to, today - DAY); at += DAY) past.push(isoDay(at));
  await rollUp(sql, past);
  type SumRow = { day: string } & Record<(typeof sumColumns)[number], number> & { key: string };
  // Grouped by period here, so a month of every centre's services comes back as one row per service.
  const rolled =
    past.length === 0
      ? []
      : await sql.query<SumRow>(
          `SELECT ${periodSql[args.period]} AS day, key, ${sumColumns.map((c) => `sum(${c}) AS ${c}`).join(', ')} FROM stat_rollup
            WHERE dimension = $3 AND day BETWEEN $1::date AND $2::date${centreId ? ' AND centre_id = $4' : ''} GROUP BY 1, 2`,
          [past[0], past.at(-1), args.by, ...(centreId ? [centreId] : [])],
        );
  const current =
    to < today
      ? []
      : await sql.query<SumRow>(
          `SELECT to_char(day, 'YYYY-MM-DD') AS day, key, ${sumColumns.join(', ')} FROM (${sumsSql(args.by, 'day BETWEEN $1::date AND $2::date', centreId ? 'centre_id = $3' : 'TRUE')}) sums`,
          [isoDay(Math.max(from, today)), args.to, ...(centreId ? [centreId] : [])],
        );

  const rows = new Map<string, { period: string; key: string; acc: Sums }>();
  const totals = new Map<string, Sums>();
  const blank = (): Sums => Object.fromEntries(sumColumns.map((c) => [c, 0])) as Sums;
  const addTo = (acc: Sums, r: SumRow) => {
    for (const c of sumColumns) acc[c] += Number(r[c]);
  };
  for (const r of [...rolled, ...current]) {
    const periodStart = periodOf(r.day, args.period);
    if (!totals.has(periodStart)) totals.set(periodStart, blank());
    addTo(totals.get(periodStart) as Sums, r);
    if (r.key === TOTAL_ONLY) continue;
    const id = `${periodStart}\u0000${r.key}`;
    if (!rows.has(id)) rows.set(id, { period: periodStart, key: r.key, acc: blank() });
    addTo((rows.get(id) as { acc: Sums }).acc, r);
  }

  const services = await sql.query<{ code: string; name: string | null }>(`SELECT id AS code, data->>'name' AS name FROM sync_rows WHERE entity = 'service'`);
  const label = await labeller(sql, args.by, [...new Set([...rows.values()].map((r) => r.key))], services, centreId === null);
  const toRow = (periodStart: string, k: string, l: string, a: Sums): StatsRow => ({
    period: periodStart,
    key: k,
    label: l,
    tickets: a.tickets,
    served: a.served,
    noShows: a.no_shows,
    averageWaitSeconds: a.wait_n > 0 ? Math.round(a.wait_sum / a.wait_n) : null,
    averageServiceSeconds: a.service_n > 0 ? Math.round(a.service_sum / a.service_n) : null,
    withinTargetShare: a.wait_n > 0 ? Math.round((a.within / a.wait_n) * 10_000) / 10_000 : null,
    cases: a.cases,
    consultations: a.consultations,
    ratings: a.ratings,
    averageRating: a.ratings > 0 ? Math.round((a.rating_sum / a.ratings) * 100) / 100 : null,
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
