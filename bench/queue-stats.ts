import { migrate } from '../platform/db/migrations';
import { openPglite, type Sql } from '../platform/db/sql';
import { seedDemo } from '../platform/demo';
import { centreLive } from '../platform/stats/live';
import { statistics } from '../platform/stats/report';
import { rollUp } from '../platform/stats/rollup';
import type { Figure, Timing } from './measure';

/**
 * The supervisor's figures over a season of history: 90 days at the issue's load (scale 1: about
 * 200,000 tickets and 100,000 cases and consultations; LETE_BENCH_STATS_SCALE shrinks it), in embedded
 * PGlite. Ours read the fact tables the triggers keep and, for past days, their per-day sums (made
 * once, timed and printed apart); the baseline computes the same figures the plain way, in SQL
 * straight over the rows' JSON in sync_rows, in the same run on the same database.
 * Each side runs a handful of times (the baseline takes seconds), so the tail is the slowest run.
 */

const DAY = 86_400_000;
const RUNS = Number(process.env.LETE_BENCH_STATS_RUNS ?? 5);

async function time(task: () => Promise<unknown>, runs = RUNS): Promise<Timing> {
  await task();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await task();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(ms.length / 2)] ?? NaN, tail: ms.at(-1) ?? NaN, tailName: 'p95', hz: 1000 / (ms.reduce((s, x) => s + x, 0) / ms.length) };
}

const riga = (iso: string) => `((${iso})::timestamptz AT TIME ZONE 'Europe/Riga')::date`;
const firstCall = `(SELECT min((h->>'at')::timestamptz) FROM jsonb_array_elements(r.data->'history') h WHERE h->>'action' = 'called')`;

/** A centre's queue figures for one day, straight from the tickets' JSON. */
async function plainLive(sql: Sql, centreId: string, day: string, now: Date) {
  return sql.query(
    `SELECT r.data->>'queueId' AS queue, count(*) FILTER (WHERE r.data->>'status' = 'waiting') AS waiting,
            avg(extract(epoch FROM ${firstCall} - (r.data->>'issuedAt')::timestamptz)) AS wait,
            avg(extract(epoch FROM (r.data->>'finishedAt')::timestamptz - (r.data->>'startedAt')::timestamptz)) FILTER (WHERE r.data->>'status' = 'done') AS service,
            count(*) FILTER (WHERE r.data->>'status' = 'done' AND (r.data->>'finishedAt')::timestamptz > $3::timestamptz - interval '1 hour') AS last_hour,
            count(*) FILTER (WHERE r.data->>'status' = 'done') AS served, count(*) FILTER (WHERE r.data->>'status' = 'no_show') AS no_shows
       FROM sync_rows r WHERE r.entity = 'ticket' AND r.centre_id = $1 AND r.data->>'day' = $2 GROUP BY 1`,
    [centreId, day, now.toISOString()],
  );
}

/** A report's figures by period and key, straight from the JSON of every kind of row. */
async function plainReport(sql: Sql, from: string, to: string, period: 'week' | 'month', by: 'service' | 'clerk', centreId: string | null = null) {
  const centre = centreId ? ` AND centre_id = '${centreId.replaceAll("'", "''")}'` : '';
  const p = (day: string) => `to_char(date_trunc('${period}', (${day})::timestamp), 'YYYY-MM-DD')`;
  const k = (service: string, clerk: string) => (by === 'service' ? service : clerk);
  return Promise.all([
    sql.query(
      `WITH q AS (SELECT id, (data->>'waitTargetMinutes')::int AS target FROM sync_rows WHERE entity = 'queue')
       SELECT ${p(`(r.data->>'day')::date`)}, ${k(`r.data->>'serviceCode'`, `r.data->>'userId'`)}, count(*), count(*) FILTER (WHERE r.data->>'status' = 'done'),
              count(*) FILTER (WHERE r.data->>'status' = 'no_show'), avg(extract(epoch FROM f.at - (r.data->>'issuedAt')::timestamptz)),
              avg(extract(epoch FROM (r.data->>'finishedAt')::timestamptz - (r.data->>'startedAt')::timestamptz)) FILTER (WHERE r.data->>'status' = 'done'),
              count(*) FILTER (WHERE extract(epoch FROM f.at - (r.data->>'issuedAt')::timestamptz) <= COALESCE(q.target, 15) * 60)
         FROM sync_rows r CROSS JOIN LATERAL (SELECT ${firstCall} AS at) f LEFT JOIN q ON q.id = r.data->>'queueId'
        WHERE r.entity = 'ticket' AND r.data->>'day' BETWEEN $1 AND $2${centre.replace('centre_id', 'r.centre_id')} GROUP BY 1, 2`,
      [from, to],
    ),
    sql.query(
      `SELECT ${p(riga(`data->>'createdAt'`))}, ${k(`data->>'serviceCode'`, `COALESCE(data->>'createdBy', data->>'userId')`)}, count(*) FILTER (WHERE entity = 'case'), count(*) FILTER (WHERE entity = 'consultation')
         FROM sync_rows WHERE entity IN ('case', 'consultation') AND ${riga(`data->>'createdAt'`)} BETWEEN $1::date AND $2::date${centre} GROUP BY 1, 2`,
      [from, to],
    ),
    sql.query(
      `SELECT ${p(riga(`data->>'at'`))}, ${k(`data->>'serviceCode'`, `data->>'userId'`)}, count(*), avg((data->>'rating')::int)
         FROM sync_rows WHERE entity = 'feedback' AND ${riga(`data->>'at'`)} BETWEEN $1::date AND $2::date${centre} GROUP BY 1, 2`,
      [from, to],
    ),
    sql.query(
      `SELECT ${p(riga(`data->>'startedAt'`))}, ${k(`data->>'serviceCode'`, `data->>'userId'`)}, sum(extract(epoch FROM (data->>'endedAt')::timestamptz - (data->>'startedAt')::timestamptz))
         FROM sync_rows WHERE entity = 'worktime' AND data->>'state' IN ('serving', 'wrap_up') AND ${riga(`data->>'startedAt'`)} BETWEEN $1::date AND $2::date${centre} GROUP BY 1, 2`,
      [from, to],
    ),
  ]);
}

export async function queueStatsBench(): Promise<Figure[]> {
  const scale = Number(process.env.LETE_BENCH_STATS_SCALE ?? 1);
  const sql = await openPglite();
  try {
    await migrate(sql);
    const seeding = performance.now();
    await seedDemo(sql, { passwordMemoryCost: 1024, history: { days: 90, scale } });
    const seconds = (performance.now() - seeding) / 1000;
    const [counts] = await sql.query<{ tickets: string; contacts: string; last: string }>(
      `SELECT (SELECT count(*) FROM stat_tickets) AS tickets, (SELECT count(*) FROM stat_contacts) AS contacts, (SELECT to_char(max(day), 'YYYY-MM-DD') FROM stat_tickets) AS last`,
    );
    process.stdout.write(`queue statistics: ${counts?.tickets} tickets, ${counts?.contacts} cases and consultations seeded (90 days, scale ${scale}) in ${seconds.toFixed(1)} s\n`);
    const last = counts?.last ?? '';
    const [busiest] = await sql.query<{ centre_id: string }>(`SELECT centre_id FROM stat_tickets WHERE day = $1::date GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`, [last]);
    const centre = busiest?.centre_id ?? 'riga-centrs';
    // The live view as of 14:00 in Riga on the history's last day, the busiest centre.
    const now = new Date(`${last}T12:00:00Z`);
    const monthFrom = new Date(Date.parse(`${last}T00:00:00Z`) - 30 * DAY).toISOString().slice(0, 10);
    const seasonFrom = new Date(Date.parse(`${last}T00:00:00Z`) - 89 * DAY).toISOString().slice(0, 10);
    const days: string[] = [];
    for (let at = Date.parse(`${seasonFrom}T00:00:00Z`); at <= Date.parse(`${last}T00:00:00Z`); at += DAY) days.push(new Date(at).toISOString().slice(0, 10));
    const rolling = performance.now();
    await rollUp(sql, days);
    process.stdout.write(`queue statistics: the 90 days' per-day sums made once in ${((performance.now() - rolling) / 1000).toFixed(1)} s\n`);
    return [
      { name: `centreLive (busiest centre, ${counts?.tickets} tickets of history) vs the same figures from sync_rows JSON`, ours: await time(() => centreLive(sql, centre, now)), baseline: await time(() => plainLive(sql, centre, last, now)) },
      {
        name: 'statistics: a month by service for the busiest centre (a supervisor), vs the same figures from sync_rows JSON',
        ours: await time(() => statistics(sql, { centreId: centre, from: monthFrom, to: last, period: 'month', by: 'service' })),
        baseline: await time(() => plainReport(sql, monthFrom, last, 'month', 'service', centre), 3),
      },
      {
        name: 'statistics: a month by service, every centre, vs the same figures from sync_rows JSON',
        ours: await time(() => statistics(sql, { centreId: null, from: monthFrom, to: last, period: 'month', by: 'service' })),
        baseline: await time(() => plainReport(sql, monthFrom, last, 'month', 'service'), 3),
      },
      {
        name: 'statistics: 90 days by week by clerk, every centre, vs the same figures from sync_rows JSON',
        ours: await time(() => statistics(sql, { centreId: null, from: seasonFrom, to: last, period: 'week', by: 'clerk' })),
        baseline: await time(() => plainReport(sql, seasonFrom, last, 'week', 'clerk'), 3),
      },
    ];
  } finally {
    await sql.close();
  }
}
