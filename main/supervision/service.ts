import { AppError, type FileContent, type Session } from '../../preload/contract';
import type { AlertSettings, CentreLive, StatsQuery, StatsReport, SupervisionLive } from '../../preload/contract/supervision';
import { recordAudit } from '../audit/record';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { loadFonts, type PdfFonts } from '../pdf/fonts';
import type { CentreLiveQuery, StatisticsQuery, StatsDimension, StatsPeriod } from '../sync/generated/operations';
import type { LocalStore } from '../sync/store';
import { statisticsCsv, statisticsPdf } from './export';

/** What the dashboard needs of the signed-in platform client. */
export interface SupervisionRemote {
  centreLive(centreId: string | null): Promise<CentreLiveQuery['centreLive']>;
  statistics(query: { centreId: string | null; from: string; to: string; period: StatsPeriod; by: StatsDimension }): Promise<StatisticsQuery['statistics']>;
}

type RawLive = CentreLiveQuery['centreLive'];

/** The longest history one request may cover: two years of days is already 730 rows per key. */
const MAX_DAYS = 731;
const DAY_MS = 86_400_000;

const rigaTime = new Intl.DateTimeFormat('lv-LV', { timeZone: 'Europe/Riga', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

export const offlineNotice = (at: string) =>
  `Platforma nav sasniedzama: redzami rādītāji uz plkst. ${rigaTime.format(new Date(at))}. Darba vieta strādā kā parasti, un sliekšņu izmaiņas tiks nosūtītas, kad savienojums atjaunosies. Pārbaudiet tīkla savienojumu; skats atjaunosies pats.`;
export const NO_SNAPSHOT_NOTICE =
  'Platforma nav sasniedzama, un šī darba vieta vēl nav saņēmusi centra rādītājus. Darba vieta strādā kā parasti; pārbaudiet tīkla savienojumu un mēģiniet vēlreiz pēc brīža.';
const HISTORY_OFFLINE = 'Vēsture ir platformā, un tā šobrīd nav sasniedzama. Darba vieta strādā kā parasti; pārbaudiet tīkla savienojumu un mēģiniet vēlreiz pēc brīža.';

/**
 * The supervisor's dashboard over the signed-in platform client: the live view (the last answer kept
 * in memory, shown marked with its time while the platform is unreachable), the history and its
 * exports, and threshold changes that go through the desk's outbox like any other change.
 */
export function createSupervisionService(
  db: Db,
  deps: { clock: Clock; store: LocalStore; remote: () => SupervisionRemote | null; fontsDir: string; onChanged: () => void },
) {
  const userCentre = db.prepare<[string], { centre_id: string | null }>(`SELECT centre_id FROM users WHERE id = ?`);
  const centreName = db.prepare<[string], { name: string }>(`SELECT name FROM centres WHERE id = ?`);
  const pendingOf = db.prepare<[string], { args: string }>(`SELECT args FROM outbox WHERE name = ? ORDER BY mutation_id`);
  const replicaQueues = db.prepare<[], { id: string; data: string }>(
    `SELECT id, data FROM replica_rows WHERE entity = 'queue' UNION ALL SELECT id, data FROM local_rows WHERE entity = 'queue'`,
  );
  /** The last live answer per centre, with the time the platform took it. */
  const snapshots = new Map<string, RawLive>();
  /** Centres whose last live request failed: their figures are shown as of their time. */
  const unreachable = new Set<string>();
  let fonts: PdfFonts | null = null;

  function centreOf(session: Session): string | null {
    return userCentre.get(session.user.id)?.centre_id ?? session.desk?.centreId ?? null;
  }

  function pending(): { targets: Map<string, number>; alerts: AlertSettings | null } {
    const targets = new Map<string, number>();
    for (const { args } of pendingOf.all('queue.setTarget')) {
      const a = JSON.parse(args) as { queueId: string; waitTargetMinutes: number };
      targets.set(a.queueId, a.waitTargetMinutes);
    }
    const alerts = pendingOf.all('alerts.set').at(-1);
    const a = alerts ? (JSON.parse(alerts.args) as AlertSettings) : null;
    return { targets, alerts: a ? { satisfactionThreshold: a.satisfactionThreshold, minimumRatings: a.minimumRatings } : null };
  }

  /** The platform's figures with this desk's unconfirmed threshold changes beside them. */
  function view(raw: RawLive): CentreLive {
    const { targets, alerts } = pending();
    const settings = { satisfactionThreshold: raw.settings.satisfactionThreshold, minimumRatings: raw.settings.minimumRatings };
    const differs = alerts && (alerts.satisfactionThreshold !== settings.satisfactionThreshold || alerts.minimumRatings !== settings.minimumRatings);
    return {
      ...raw,
      queues: raw.queues.map((q) => {
        const target = targets.get(q.queueId);
        return { ...q, pendingTargetMinutes: target !== undefined && target !== q.waitTargetMinutes ? target : null };
      }),
      alerts: raw.alerts.map((a) => ({ ...a, queueId: a.queueId ?? null, since: a.since ?? null })),
      settings,
      pendingSettings: differs ? alerts : null,
    };
  }

  function fromMemory(centre: string | null): SupervisionLive {
    const last = snapshots.get(centre ?? '*');
    return last ? { live: view(last), stale: true, notice: offlineNotice(last.at) } : { live: null, stale: true, notice: NO_SNAPSHOT_NOTICE };
  }

  async function live(session: Session): Promise<SupervisionLive> {
    const centre = centreOf(session);
    const remote = deps.remote();
    if (!remote) {
      unreachable.add(centre ?? '*');
      return fromMemory(centre);
    }
    let raw: RawLive;
    try {
      raw = await remote.centreLive(centre);
    } catch {
      // Unreachable, refused or failing: the desk keeps working, and the last figures stay on screen.
      unreachable.add(centre ?? '*');
      return fromMemory(centre);
    }
    snapshots.set(centre ?? '*', raw);
    unreachable.delete(centre ?? '*');
    return { live: view(raw), stale: false, notice: null };
  }

  /** What the screen shows right after a change: the last figures with the pending change beside them. */
  function current(session: Session): SupervisionLive {
    const centre = centreOf(session);
    const last = snapshots.get(centre ?? '*');
    return last && !unreachable.has(centre ?? '*') && deps.remote() ? { live: view(last), stale: false, notice: null } : fromMemory(centre);
  }

  function checkRange(query: StatsQuery): void {
    const from = Date.parse(`${query.from}T00:00:00Z`);
    const to = Date.parse(`${query.to}T00:00:00Z`);
    if (to < from) throw new AppError('INVALID_INPUT', 'Perioda beigas ir pirms tā sākuma.', { issues: [{ path: 'to', message: 'before_from' }] });
    if ((to - from) / DAY_MS + 1 > MAX_DAYS) throw new AppError('INVALID_INPUT', 'Vienā pārskatā var būt ne vairāk kā divi gadi.', { issues: [{ path: 'from', message: 'too_long' }] });
  }

  function targetOf(centre: string | null): number | null {
    const last = snapshots.get(centre ?? '*');
    const fromLive = last?.queues.map((q) => q.waitTargetMinutes) ?? [];
    const fromRows = replicaQueues
      .all()
      .map((r) => JSON.parse(r.data) as { centreId?: string; waitTargetMinutes?: number })
      .filter((q) => (centre === null || q.centreId === centre) && typeof q.waitTargetMinutes === 'number')
      .map((q) => q.waitTargetMinutes as number);
    const all = fromLive.length > 0 ? fromLive : fromRows;
    return all.length > 0 ? Math.min(...all) : null;
  }

  async function history(session: Session, query: StatsQuery): Promise<StatsReport> {
    checkRange(query);
    const remote = deps.remote();
    if (!remote) throw new AppError('TRANSPORT', HISTORY_OFFLINE);
    const centre = centreOf(session);
    let report: StatisticsQuery['statistics'];
    try {
      report = await remote.statistics({ centreId: centre, ...query });
    } catch {
      throw new AppError('TRANSPORT', HISTORY_OFFLINE);
    }
    const name = (report.centreId ? centreName.get(report.centreId)?.name : null) ?? (centre ? (snapshots.get(centre)?.centreName ?? centreName.get(centre)?.name) : null) ?? null;
    const row = (r: StatisticsQuery['statistics']['rows'][number]) => ({ ...r, averageWaitSeconds: r.averageWaitSeconds ?? null });
    return {
      centreId: report.centreId ?? null,
      centreName: name,
      from: report.from,
      to: report.to,
      period: report.period,
      by: report.by,
      rows: report.rows.map(row),
      totals: report.totals.map(row),
      waitTargetMinutes: targetOf(centre),
    };
  }

  async function exportFile(session: Session, query: StatsQuery & { format: 'csv' | 'pdf' }): Promise<FileContent> {
    const { format, ...rest } = query;
    const report = await history(session, rest);
    const name = `statistika-${rest.from}-${rest.to}-${rest.period}-${rest.by}`;
    recordAudit(db, { at: deps.clock.now(), userId: session.user.id, action: 'supervision.export', subject: report.centreId, outcome: 'ok', detail: { format, from: rest.from, to: rest.to } });
    if (format === 'csv') {
      return { name: `${name}.csv`, mediaType: 'text/csv; charset=utf-8', contentBase64: Buffer.from(statisticsCsv(report), 'utf8').toString('base64') };
    }
    fonts ??= loadFonts(deps.fontsDir);
    const bytes = await statisticsPdf(report, fonts, deps.clock.now().toISOString());
    return { name: `${name}.pdf`, mediaType: 'application/pdf', contentBase64: Buffer.from(bytes).toString('base64') };
  }

  /** The queue must be one this supervisor's centre has, as the last figures or the synced rows know it. */
  function knownQueue(centre: string | null, queueId: string): boolean {
    if (snapshots.get(centre ?? '*')?.queues.some((q) => q.queueId === queueId)) return true;
    return replicaQueues.all().some((r) => r.id === queueId && (centre === null || (JSON.parse(r.data) as { centreId?: string }).centreId === centre));
  }

  const saveTarget = db.transaction((userId: string, queueId: string, minutes: number, at: Date) => {
    deps.store.mutate({ name: 'queue.setTarget', args: { id: queueId, queueId, waitTargetMinutes: minutes }, userId, at });
    recordAudit(db, { at, userId, action: 'queue.setTarget', subject: queueId, outcome: 'ok', detail: { waitTargetMinutes: minutes } });
  });
  const saveAlerts = db.transaction((userId: string, centreId: string, settings: AlertSettings, at: Date) => {
    deps.store.mutate({ name: 'alerts.set', args: { id: centreId, centreId, ...settings }, userId, at });
    recordAudit(db, { at, userId, action: 'alerts.set', subject: centreId, outcome: 'ok', detail: { ...settings } });
  });

  return {
    live,
    history,
    export: exportFile,
    setTarget(session: Session, input: { queueId: string; waitTargetMinutes: number }): SupervisionLive {
      const centre = centreOf(session);
      if (!knownQueue(centre, input.queueId)) throw new AppError('NOT_FOUND', 'Šāda rinda jūsu centrā nav atrasta.');
      saveTarget(session.user.id, input.queueId, input.waitTargetMinutes, deps.clock.now());
      deps.onChanged();
      return current(session);
    },
    setAlerts(session: Session, settings: AlertSettings): SupervisionLive {
      const centre = centreOf(session) ?? snapshots.get('*')?.centreId ?? null;
      if (!centre) throw new AppError('CONFLICT', 'Brīdinājumu sliekšņus var mainīt centra vadītājs: jūsu lietotājs nav piesaistīts centram.');
      saveAlerts(session.user.id, centre, { satisfactionThreshold: settings.satisfactionThreshold, minimumRatings: settings.minimumRatings }, deps.clock.now());
      deps.onChanged();
      return current(session);
    },
  };
}

export type SupervisionService = ReturnType<typeof createSupervisionService>;
