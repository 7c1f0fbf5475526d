import { z } from 'zod';

/**
 * The supervisor's dashboard: a centre's live figures and its history, as the platform's `centreLive`
 * and `statistics` give them (definitions in docs/statistics.md). Times are seconds; shares are 0…1.
 */

export const statsPeriods = ['day', 'week', 'month'] as const;
export const StatsPeriod = z.enum(statsPeriods);
export type StatsPeriod = z.infer<typeof StatsPeriod>;

export const statsDimensions = ['service', 'institution', 'channel', 'clerk', 'centre', 'queue'] as const;
export const StatsDimension = z.enum(statsDimensions);
export type StatsDimension = z.infer<typeof StatsDimension>;

export const workStates = ['available', 'serving', 'wrap_up', 'break', 'other_work', 'signed_out'] as const;

const seconds = z.number().int().nonnegative().nullable();
const count = z.number().int().nonnegative();

export const QueueLive = z.object({
  queueId: z.string(),
  letter: z.string(),
  name: z.string(),
  waitTargetMinutes: z.number().int(),
  waiting: count,
  longestWaitSeconds: seconds,
  averageWaitSeconds: seconds,
  averageServiceSeconds: seconds,
  servedLastHour: count,
  servedToday: count,
  noShowsToday: count,
  withinTargetShare: z.number().min(0).max(1).nullable(),
  /** Clients waiting longer than the target right now. */
  overTarget: count,
  /** A target change made on this desk that the platform has not confirmed yet. */
  pendingTargetMinutes: z.number().int().nullable(),
});
export type QueueLive = z.infer<typeof QueueLive>;

export const StaffLive = z.object({
  userId: z.string(),
  displayName: z.string(),
  deskId: z.string().nullable(),
  deskName: z.string().nullable(),
  state: z.enum(workStates),
  since: z.string().nullable(),
  ticketNumber: z.string().nullable(),
  servedToday: count,
});
export type StaffLive = z.infer<typeof StaffLive>;

export const DashboardAlert = z.object({
  /** 'wait' (a queue over its target) or 'satisfaction' (ratings under the threshold). */
  kind: z.string(),
  queueId: z.string().nullable(),
  message: z.string(),
  messageEn: z.string(),
  since: z.string().nullable(),
});
export type DashboardAlert = z.infer<typeof DashboardAlert>;

export const AlertSettings = z.object({
  satisfactionThreshold: z.number().min(1).max(5),
  minimumRatings: z.number().int().min(1).max(100),
});
export type AlertSettings = z.infer<typeof AlertSettings>;

export const CentreLive = z.object({
  centreId: z.string(),
  centreName: z.string(),
  /** When the platform took the figures. */
  at: z.string(),
  queues: z.array(QueueLive),
  staff: z.array(StaffLive),
  ratingsToday: count,
  satisfactionToday: z.number().nullable(),
  alerts: z.array(DashboardAlert),
  settings: AlertSettings,
  /** Alert settings changed on this desk and not yet confirmed by the platform. */
  pendingSettings: AlertSettings.nullable(),
});
export type CentreLive = z.infer<typeof CentreLive>;

/**
 * What the live tab shows. While the platform is unreachable, `live` is the last snapshot this desk
 * received (`stale`, taken at `live.at`), and `notice` says in Latvian what to do.
 */
export const SupervisionLive = z.object({
  live: CentreLive.nullable(),
  stale: z.boolean(),
  notice: z.string().nullable(),
});
export type SupervisionLive = z.infer<typeof SupervisionLive>;

export const StatsRow = z.object({
  /** The period's first day, YYYY-MM-DD (Riga). */
  period: z.string(),
  /** `*` is the period's total over every key. */
  key: z.string(),
  label: z.string(),
  tickets: count,
  served: count,
  noShows: count,
  averageWaitSeconds: seconds,
  averageServiceSeconds: seconds,
  withinTargetShare: z.number().min(0).max(1).nullable(),
  cases: count,
  consultations: count,
  ratings: count,
  averageRating: z.number().nullable(),
  handlingSeconds: count,
});
export type StatsRow = z.infer<typeof StatsRow>;

const isoDay = z.iso.date();

export const StatsQuery = z.object({
  from: isoDay,
  to: isoDay,
  period: StatsPeriod,
  by: StatsDimension,
});
export type StatsQuery = z.infer<typeof StatsQuery>;

export const StatsReport = z.object({
  centreId: z.string().nullable(),
  centreName: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  period: StatsPeriod,
  by: StatsDimension,
  rows: z.array(StatsRow),
  /** One `*` row per period. */
  totals: z.array(StatsRow),
  /** The wait target the chart draws its line against (the centre's queues' smallest), in minutes. */
  waitTargetMinutes: z.number().int().nullable(),
});
export type StatsReport = z.infer<typeof StatsReport>;

/** Weighted mean of `value` by `weight` over rows that have a value; null when nothing counts. */
function weighted(rows: readonly StatsRow[], value: (r: StatsRow) => number | null, weight: (r: StatsRow) => number): number | null {
  let sum = 0;
  let total = 0;
  for (const r of rows) {
    const v = value(r);
    const w = weight(r);
    if (v === null || w <= 0) continue;
    sum += v * w;
    total += w;
  }
  return total > 0 ? sum / total : null;
}

/**
 * Several rows as one (a whole range from its periods' totals): counts add up; wait, service time and
 * the share within target are averaged over the clients served, the rating over the ratings.
 */
export function combineStats(rows: readonly StatsRow[], key: string, label: string, period: string): StatsRow {
  const sum = (f: (r: StatsRow) => number) => rows.reduce((n, r) => n + f(r), 0);
  const round = (v: number | null) => (v === null ? null : Math.round(v));
  return {
    period,
    key,
    label,
    tickets: sum((r) => r.tickets),
    served: sum((r) => r.served),
    noShows: sum((r) => r.noShows),
    averageWaitSeconds: round(weighted(rows, (r) => r.averageWaitSeconds, (r) => r.served)),
    averageServiceSeconds: round(weighted(rows, (r) => r.averageServiceSeconds, (r) => r.served)),
    withinTargetShare: weighted(rows, (r) => r.withinTargetShare, (r) => r.served),
    cases: sum((r) => r.cases),
    consultations: sum((r) => r.consultations),
    ratings: sum((r) => r.ratings),
    averageRating: weighted(rows, (r) => r.averageRating, (r) => r.ratings),
    handlingSeconds: sum((r) => r.handlingSeconds),
  };
}
