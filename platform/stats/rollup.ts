import type { Sql } from '../db/sql';
import type { StatsDimension } from '../generated/graphql';

/**
 * Per-day sums of the fact tables, one row per dimension, day, centre and key: what a report adds up
 * instead of months of facts. A day is rolled up once it is over (Riga time) and the first report asks
 * for it, or by the nightly sweep; a change to any fact of a past day (a desk that was offline for a
 * day, a late rating) drops that day's sums, and a changed wait target drops them all, so they are
 * made again from the facts on the next request. Today is always summed from the facts directly.
 */

export const dimensions: StatsDimension[] = ['service', 'institution', 'channel', 'clerk', 'centre', 'queue'];
/** The key of facts a dimension does not apply to (a consultation has no queue): they count in the totals only. */
export const TOTAL_ONLY = '';
/** The key of facts that name no service, clerk…: a row of its own. */
export const NONE = '-';

/** The key column of each fact table per dimension; null where the dimension does not apply. */
const keys: Record<'t' | 'c' | 'f' | 'w', Record<StatsDimension, string | null>> = {
  t: { service: 't.service_code', institution: 's.owner_code', channel: `'in_person'`, clerk: 't.user_id', centre: 't.centre_id', queue: 't.queue_id' },
  c: { service: 'c.service_code', institution: 'c.owner_code', channel: 'c.channel', clerk: 'c.user_id', centre: 'c.centre_id', queue: null },
  f: { service: 'f.service_code', institution: 's.owner_code', channel: 'f.channel', clerk: 'f.user_id', centre: 'f.centre_id', queue: null },
  w: { service: 'w.service_code', institution: 's.owner_code', channel: null, clerk: 'w.user_id', centre: 'w.centre_id', queue: null },
};
const key = (fact: keyof typeof keys, by: StatsDimension) => {
  const column = keys[fact][by];
  return column === null ? `'${TOTAL_ONLY}'` : `COALESCE(${column}, '${NONE}')`;
};

export const sumColumns = ['tickets', 'served', 'no_shows', 'wait_sum', 'wait_n', 'service_sum', 'service_n', 'within', 'cases', 'consultations', 'ratings', 'rating_sum', 'handling'] as const;
export type Sums = Record<(typeof sumColumns)[number], number>;

/**
 * The sums of one dimension for the days `days` (a SQL condition on `day`, parameters from $2),
 * centres as `centre` (a SQL condition on `centre_id` or TRUE).
 */
export function sumsSql(by: StatsDimension, days: string, centre: string): string {
  const services = `LEFT JOIN (SELECT id, owner_code FROM sync_rows WHERE entity = 'service') s`;
  const zero = (from: number) =>
    sumColumns
      .slice(from)
      .map((c) => `0 AS ${c}`)
      .join(', ');
  return `
    WITH q AS (SELECT id, COALESCE((data->>'waitTargetMinutes')::int, 15) AS target FROM sync_rows WHERE entity = 'queue')
    SELECT day, centre_id, key, ${sumColumns.map((c) => `sum(${c})::double precision AS ${c}`).join(', ')} FROM (
      SELECT t.day, t.centre_id, ${key('t', by)} AS key, count(*) AS tickets,
             count(*) FILTER (WHERE t.status = 'done') AS served, count(*) FILTER (WHERE t.status = 'no_show') AS no_shows,
             COALESCE(sum(t.wait_seconds), 0) AS wait_sum, count(t.wait_seconds) AS wait_n,
             COALESCE(sum(t.service_seconds) FILTER (WHERE t.status = 'done'), 0) AS service_sum,
             count(t.service_seconds) FILTER (WHERE t.status = 'done') AS service_n,
             count(*) FILTER (WHERE t.wait_seconds <= COALESCE(q.target, 15) * 60) AS within,
             ${zero(8)}
        FROM stat_tickets t LEFT JOIN q ON q.id = t.queue_id ${services} ON s.id = t.service_code
       WHERE ${days.replaceAll('day', 't.day')} AND ${centre.replaceAll('centre_id', 't.centre_id')} GROUP BY 1, 2, 3
      UNION ALL
      SELECT c.day, c.centre_id, ${key('c', by)}, 0, 0, 0, 0, 0, 0, 0, 0,
             count(*) FILTER (WHERE c.kind = 'case'), count(*) FILTER (WHERE c.kind = 'consultation'), 0, 0, 0
        FROM stat_contacts c WHERE ${days.replaceAll('day', 'c.day')} AND ${centre.replaceAll('centre_id', 'c.centre_id')} GROUP BY 1, 2, 3
      UNION ALL
      SELECT f.day, f.centre_id, ${key('f', by)}, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, count(*), sum(f.rating), 0
        FROM stat_feedback f ${services} ON s.id = f.service_code
       WHERE ${days.replaceAll('day', 'f.day')} AND ${centre.replaceAll('centre_id', 'f.centre_id')} GROUP BY 1, 2, 3
      UNION ALL
      SELECT w.day, w.centre_id, ${key('w', by)}, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, sum(w.seconds)
        FROM stat_worktime w ${services} ON s.id = w.service_code
       WHERE ${days.replaceAll('day', 'w.day')} AND ${centre.replaceAll('centre_id', 'w.centre_id')}
         AND w.state IN ('serving', 'wrap_up') AND w.seconds IS NOT NULL GROUP BY 1, 2, 3
    ) x GROUP BY day, centre_id, key`;
}

/** Rolls up the given past days that have no sums yet, every dimension in one transaction per call. */
export async function rollUp(sql: Sql, days: string[]): Promise<number> {
  if (days.length === 0) return 0;
  return sql.transaction(async (tx) => {
    // Two reports rolling the same day at once: the second waits here, then finds the day done.
    await tx.query(`SELECT pg_advisory_xact_lock(7301)`);
    const still = (
      await tx.query<{ day: string }>(`SELECT to_char(d, 'YYYY-MM-DD') AS day FROM unnest($1::date[]) d WHERE NOT EXISTS (SELECT 1 FROM stat_rolled_days r WHERE r.day = d)`, [days])
    ).map((r) => r.day);
    if (still.length === 0) return 0;
    await tx.query(`DELETE FROM stat_rollup WHERE day = ANY($1::date[])`, [still]);
    for (const by of dimensions) {
      await tx.query(
        `INSERT INTO stat_rollup (dimension, day, centre_id, key, ${sumColumns.join(', ')})
         SELECT $1, day, COALESCE(centre_id, ''), key, ${sumColumns.join(', ')} FROM (${sumsSql(by, 'day = ANY($2::date[])', 'TRUE')}) sums`,
        [by, still],
      );
    }
    await tx.query(`INSERT INTO stat_rolled_days (day) SELECT unnest($1::date[]) ON CONFLICT DO NOTHING`, [still]);
    return still.length;
  });
}

const factTables = ['stat_tickets', 'stat_contacts', 'stat_feedback', 'stat_worktime'];

/** Migration 8: the sums, the days they are complete for, and the triggers that drop a changed day. */
export const rollupSql = `
  CREATE TABLE stat_rollup (
    dimension text NOT NULL,
    day date NOT NULL,
    centre_id text NOT NULL,   -- '' for facts without a centre
    key text NOT NULL,         -- '' counts in the totals only; '-' names nothing
    ${sumColumns.map((c) => `${c} double precision NOT NULL`).join(',\n    ')},
    PRIMARY KEY (dimension, day, centre_id, key)
  );
  CREATE TABLE stat_rolled_days (day date PRIMARY KEY);

  CREATE FUNCTION stat_unroll() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    DELETE FROM stat_rolled_days WHERE day IN (SELECT DISTINCT day FROM changed_rows);
    RETURN NULL;
  END
  $fn$;
  -- An update may move a fact to another day: both days lose their sums.
  CREATE FUNCTION stat_unroll_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    DELETE FROM stat_rolled_days WHERE day IN (SELECT day FROM old_rows UNION SELECT day FROM new_rows);
    RETURN NULL;
  END
  $fn$;
  ${factTables
    .map(
      (t) => `
  CREATE TRIGGER ${t}_unroll_insert AFTER INSERT ON ${t} REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_unroll();
  CREATE TRIGGER ${t}_unroll_update AFTER UPDATE ON ${t} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_unroll_update();
  CREATE TRIGGER ${t}_unroll_delete AFTER DELETE ON ${t} REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_unroll();`,
    )
    .join('')}
`;
