import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../assets/demo';
import { rigaDay } from '../../shared/riga-day';
import { seedHistory } from '../demo-history';
import type { CaseData, ConsultationData, FeedbackData, QueueData, TicketData, WorktimeData } from '../entities';
import type { Platform } from '../server';
import { connectDesk, engines, startTestPlatform, type TestDesk } from '../test-support/platform';

const DAY = 86_400_000;
const today = rigaDay(new Date());
const from = rigaDay(new Date(Date.now() - 20 * DAY));

type Period = 'day' | 'week' | 'month';
type Dimension = 'service' | 'institution' | 'channel' | 'clerk' | 'centre' | 'queue';
interface Acc {
  tickets: number;
  served: number;
  noShows: number;
  waits: number[];
  services: number[];
  within: number;
  cases: number;
  consultations: number;
  ratings: number[];
  handling: number;
}
const empty = (): Acc => ({ tickets: 0, served: 0, noShows: 0, waits: [], services: [], within: 0, cases: 0, consultations: 0, ratings: [], handling: 0 });

function periodOf(day: string, period: Period): string {
  if (period === 'day') return day;
  if (period === 'month') return `${day.slice(0, 7)}-01`;
  const at = Date.parse(`${day}T00:00:00Z`);
  return new Date(at - ((new Date(at).getUTCDay() + 6) % 7) * DAY).toISOString().slice(0, 10);
}

/**
 * The report computed the plain way, straight from the rows' JSON and without the fact tables: what
 * `statistics` must agree with.
 */
async function expected(platform: Platform, centreId: string | null, period: Period, by: Dimension) {
  const rows = async <T,>(entity: string) => (await platform.sql.query<{ data: T }>(`SELECT data FROM sync_rows WHERE entity = $1 AND NOT deleted`, [entity])).map((r) => r.data);
  const services = new Map((await rows<{ code: string; ownerCode: string }>('service')).map((s) => [s.code, s.ownerCode]));
  const targets = new Map((await rows<QueueData>('queue')).map((q) => [q.id, q.waitTargetMinutes]));
  const cases = await rows<CaseData>('case');
  const consultations = await rows<ConsultationData>('consultation');
  const channelOf = new Map<string, string>([...cases, ...consultations].map((c) => [c.id, c.channel]));
  const inRange = (day: string, centre: string | null) => day >= from && day <= today && (centreId === null || centre === centreId);
  const keyed = new Map<string, Acc>();
  const totals = new Map<string, Acc>();
  const add = (day: string, key: string | null | undefined, apply: (a: Acc) => void) => {
    const p = periodOf(day, period);
    if (!totals.has(p)) totals.set(p, empty());
    apply(totals.get(p) as Acc);
    if (key === undefined) return;
    const id = `${p} ${key ?? '-'}`;
    if (!keyed.has(id)) keyed.set(id, empty());
    apply(keyed.get(id) as Acc);
  };
  const ownerOfService = (code: string | null) => (code ? (services.get(code) ?? null) : null);

  for (const t of await rows<TicketData>('ticket')) {
    if (!inRange(t.day, t.centreId)) continue;
    const key = { service: t.serviceCode, institution: ownerOfService(t.serviceCode), channel: 'in_person', clerk: t.userId, centre: t.centreId, queue: t.queueId }[by];
    const firstCall = t.history.find((h) => h.action === 'called')?.at ?? null;
    const wait = firstCall ? (Date.parse(firstCall) - Date.parse(t.issuedAt)) / 1000 : null;
    add(t.day, key, (a) => {
      a.tickets++;
      if (t.status === 'done') {
        a.served++;
        a.services.push((Date.parse(t.finishedAt ?? '') - Date.parse(t.startedAt ?? '')) / 1000);
      }
      if (t.status === 'no_show') a.noShows++;
      if (wait !== null) {
        a.waits.push(wait);
        if (wait <= (targets.get(t.queueId) ?? 15) * 60) a.within++;
      }
    });
  }
  for (const c of [...cases.map((c) => ({ kind: 'case' as const, c, owner: c.ownerCode, clerk: c.createdBy })), ...consultations.map((c) => ({ kind: 'consultation' as const, c, owner: ownerOfService(c.serviceCode), clerk: c.userId }))]) {
    const day = rigaDay(new Date(c.c.createdAt));
    if (!inRange(day, c.c.centreId)) continue;
    const key = by === 'queue' ? undefined : { service: c.c.serviceCode, institution: c.owner, channel: c.c.channel, clerk: c.clerk, centre: c.c.centreId }[by];
    add(day, key, (a) => void (c.kind === 'case' ? a.cases++ : a.consultations++));
  }
  for (const f of await rows<FeedbackData>('feedback')) {
    const day = rigaDay(new Date(f.at));
    if (!inRange(day, f.centreId)) continue;
    const channel = f.ticketId ? 'in_person' : (channelOf.get(f.consultationId ?? '') ?? channelOf.get(f.caseId ?? '') ?? 'in_person');
    const key = by === 'queue' ? undefined : { service: f.serviceCode, institution: ownerOfService(f.serviceCode), channel, clerk: f.userId, centre: f.centreId }[by];
    add(day, key, (a) => void a.ratings.push(f.rating));
  }
  for (const w of await rows<WorktimeData>('worktime')) {
    const day = rigaDay(new Date(w.startedAt));
    if (!inRange(day, w.centreId) || !['serving', 'wrap_up'].includes(w.state) || !w.endedAt) continue;
    const key = by === 'queue' || by === 'channel' ? undefined : { service: w.serviceCode, institution: ownerOfService(w.serviceCode), clerk: w.userId, centre: w.centreId }[by];
    add(day, key, (a) => void (a.handling += (Date.parse(w.endedAt ?? '') - Date.parse(w.startedAt)) / 1000));
  }
  return { keyed, totals };
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);

interface StatsRow {
  period: string;
  key: string;
  label: string;
  tickets: number;
  served: number;
  noShows: number;
  averageWaitSeconds: number | null;
  averageServiceSeconds: number | null;
  withinTargetShare: number | null;
  cases: number;
  consultations: number;
  ratings: number;
  averageRating: number | null;
  handlingSeconds: number;
}

function expectSame(actual: StatsRow, a: Acc | undefined, what: string) {
  expect(a, what).toBeDefined();
  if (!a) return;
  expect({ tickets: actual.tickets, served: actual.served, noShows: actual.noShows, cases: actual.cases, consultations: actual.consultations, ratings: actual.ratings }, what).toEqual({
    tickets: a.tickets,
    served: a.served,
    noShows: a.noShows,
    cases: a.cases,
    consultations: a.consultations,
    ratings: a.ratings.length,
  });
  const close = (value: number | null, expectedValue: number | null, tolerance: number) => {
    if (expectedValue === null) expect(value, what).toBeNull();
    else expect(Math.abs((value ?? NaN) - expectedValue), what).toBeLessThanOrEqual(tolerance);
  };
  close(actual.averageWaitSeconds, mean(a.waits), 0.5);
  close(actual.averageServiceSeconds, mean(a.services), 0.5);
  close(actual.withinTargetShare, a.waits.length ? a.within / a.waits.length : null, 0.00005);
  close(actual.averageRating, mean(a.ratings), 0.005);
  close(actual.handlingSeconds, a.handling, 0.5);
}

const REPORT = `query ($c: ID, $f: String!, $t: String!, $p: StatsPeriod!, $b: StatsDimension!) {
  statistics(centreId: $c, from: $f, to: $t, period: $p, by: $b) { centreId from to period by
    rows { period key label tickets served noShows averageWaitSeconds averageServiceSeconds withinTargetShare cases consultations ratings averageRating handlingSeconds }
    totals { period key label tickets served noShows averageWaitSeconds averageServiceSeconds withinTargetShare cases consultations ratings averageRating handlingSeconds } } }`;

describe.each(engines)('statistics on %s', (engine) => {
  let platform: Platform;
  let admin: TestDesk;
  let supervisor: TestDesk;
  beforeAll(async () => {
    platform = await startTestPlatform(engine);
    // Twenty days at a twentieth of the load: about 2,200 tickets and 1,100 cases and consultations.
    await seedHistory(platform.sql, generateDemoData(), { days: 20, scale: 0.05, today });
    admin = await connectDesk(platform, 'admins');
    supervisor = await connectDesk(platform, 'vaditajs');
  }, 120_000);
  afterAll(async () => platform?.close());

  it.each([
    ['admin', null, 'week', 'service'],
    ['admin', null, 'month', 'institution'],
    ['admin', 'riga-centrs', 'day', 'channel'],
    ['supervisor', null, 'month', 'clerk'],
    ['supervisor', 'riga-centrs', 'week', 'queue'],
    ['admin', null, 'day', 'centre'],
  ] as const)('%s, centre %s, by %s and %s, agrees with a plain count over the rows', async (who, centreId, period, by) => {
    const desk = who === 'admin' ? admin : supervisor;
    const scope = who === 'supervisor' ? 'riga-centrs' : centreId;
    const { statistics } = await desk.request<{ statistics: { centreId: string | null; rows: StatsRow[]; totals: StatsRow[] } }>(REPORT, { c: centreId, f: from, t: today, p: period, b: by });
    expect(statistics.centreId).toBe(scope);
    const truth = await expected(platform, scope, period, by);
    expect(statistics.rows.map((r) => `${r.period} ${r.key}`).sort()).toEqual([...truth.keyed.keys()].sort());
    for (const row of statistics.rows) expectSame(row, truth.keyed.get(`${row.period} ${row.key}`), `${row.period} ${row.key}`);
    expect(statistics.totals.map((r) => r.period)).toEqual([...truth.totals.keys()].sort());
    for (const row of statistics.totals) {
      expect(row.key).toBe('*');
      expectSame(row, truth.totals.get(row.period), `${row.period} total`);
    }
    // The history has every kind of fact, so none of these comparisons is between two empty sets.
    expect(statistics.totals.some((t) => t.tickets > 0 && t.served > 0 && t.cases > 0 && t.consultations > 0 && t.ratings > 0 && t.handlingSeconds > 0)).toBe(true);
    expect(statistics.rows.reduce((n, r) => n + r.tickets, 0)).toBe(statistics.totals.reduce((n, r) => n + r.tickets, 0));
    // Sorted by period, then by label as Latvian sorts.
    const collator = new Intl.Collator('lv');
    for (let i = 1; i < statistics.rows.length; i++) {
      const [a, b] = [statistics.rows[i - 1] as StatsRow, statistics.rows[i] as StatsRow];
      expect(a.period < b.period || (a.period === b.period && collator.compare(a.label, b.label) <= 0)).toBe(true);
    }
    expect(statistics.rows.every((r) => r.label.length > 0)).toBe(true);
  });

  it('names keys by their labels and refuses what it must', async () => {
    const run = (desk: TestDesk, variables: Record<string, unknown>) => desk.request<{ statistics: { rows: StatsRow[] } }>(REPORT, { c: null, f: from, t: today, p: 'month', b: 'service', ...variables });
    const { statistics } = await run(admin, { b: 'institution' });
    const [institution] = await platform.sql.query<{ name: string }>(`SELECT name FROM institutions WHERE code = $1`, [statistics.rows.find((r) => r.key !== '-')?.key]);
    expect(statistics.rows.find((r) => r.key !== '-')?.label).toBe(institution?.name);
    await expect(run(supervisor, { c: 'cesis' })).rejects.toThrow(/Cita centra statistiku redz tā vadītājs/u);
    const clerk = await connectDesk(platform, 'klerks');
    await expect(run(clerk, {})).rejects.toThrow(/Jūsu lomai tas nav atļauts/u);
    await expect(run(admin, { f: '2025-01-01', t: '2026-02-05' })).rejects.toThrow(/nedrīkst būt garāks par 400 dienām/u);
    await expect(run(admin, { f: '2026-02-30' })).rejects.toThrow(/GGGG-MM-DD/u);
    await expect(run(admin, { f: today, t: from })).rejects.toThrow(/sākums ir pēc tā beigām/u);
  });
});
