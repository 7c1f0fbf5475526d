import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { extractText } from 'unpdf';
import { afterAll, describe, expect, it } from 'vitest';
import type { Session } from '../../preload/contract';
import { combineStats, type StatsRow } from '../../preload/contract/supervision';
import { createDeskStore } from '../sync/desk-store';
import { SyncError } from '../sync/platform-client';
import { useTestDesk, type TestDesk } from '../test-support/workstation';
import { parseCsv } from './export';
import { createSupervisionService, NO_SNAPSHOT_NOTICE, type SupervisionRemote } from './service';

const fontsDir = path.resolve(import.meta.dirname, '../../assets/fonts');
const supervisor: Session = {
  user: { id: 'user-vaditajs', username: 'vaditajs', displayName: 'Inese Ozola', roles: ['supervisor'] },
  desk: null,
  signedInAt: '2026-11-23T08:00:00.000Z',
};
const clock = { now: () => new Date('2026-11-23T12:05:00.000Z') };

const queueA = 'queue-riga-centrs-a';
type Live = Awaited<ReturnType<SupervisionRemote['centreLive']>>;
const live: Live = {
  centreId: 'riga-centrs',
  centreName: 'Rīgas centrs',
  at: '2026-11-23T10:42:00.000Z',
  queues: [
    {
      queueId: queueA,
      letter: 'A',
      name: 'Sociālā apdrošināšana un nodarbinātība',
      waitTargetMinutes: 15,
      waiting: 4,
      longestWaitSeconds: 1260,
      averageWaitSeconds: 540,
      averageServiceSeconds: 600,
      servedLastHour: 6,
      servedToday: 31,
      noShowsToday: 2,
      withinTargetShare: 0.8,
      overTarget: 1,
    },
  ],
  staff: [{ userId: 'user-klerks', displayName: 'Anna Bērziņa', deskId: 'desk-1', deskName: 'Lete 1', state: 'serving', since: '2026-11-23T10:30:00.000Z', ticketNumber: 'A031', servedToday: 12 }],
  ratingsToday: 9,
  satisfactionToday: 4.4,
  alerts: [{ kind: 'wait', queueId: queueA, message: 'Rindā A klients gaida ilgāk par 15 min.', messageEn: 'A client in queue A has waited over 15 min.', since: '2026-11-23T10:40:00.000Z' }],
  settings: { centreId: 'riga-centrs', satisfactionThreshold: 3.5, minimumRatings: 5 },
};

function row(period: string, key: string, label: string, served: number, wait: number | null): StatsRow {
  return {
    period,
    key,
    label,
    tickets: served + 1,
    served,
    noShows: 1,
    averageWaitSeconds: wait,
    averageServiceSeconds: 450,
    withinTargetShare: 0.755,
    cases: 2,
    consultations: 3,
    ratings: 2,
    averageRating: 4.5,
    handlingSeconds: 5400,
  };
}

const periods = ['2026-11-02', '2026-11-09'];
const report = {
  centreId: 'riga-centrs',
  from: '2026-11-02',
  to: '2026-11-15',
  period: 'week' as const,
  by: 'service' as const,
  rows: periods.flatMap((p) => [row(p, '1001', 'Pases izsniegšana', 10, 300), row(p, 'VID-17', 'Dokumenta legalizācija; "steidzami"', 5, 90), row(p, 'X', '=SUM(A1)', 1, null)]),
  totals: periods.map((p) => ({ ...combineStats([row(p, '1001', '', 10, 300), row(p, 'VID-17', '', 5, 90), row(p, 'X', '', 1, null)], '*', '*', p) })),
};

function fakeRemote(state: { reachable: boolean; calls: number }): SupervisionRemote {
  return {
    centreLive: () => {
      state.calls++;
      if (!state.reachable) return Promise.reject(new SyncError('offline', 'Nav savienojuma ar platformu.'));
      return Promise.resolve(live);
    },
    statistics: (q) => (state.reachable ? Promise.resolve({ ...report, from: q.from, to: q.to }) : Promise.reject(new SyncError('offline', 'x'))),
  };
}

const dir = mkdtempSync(path.join(tmpdir(), 'lete-supervision-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the supervisor’s dashboard on the desk', () => {
  const desk = useTestDesk();
  async function setUp(state = { reachable: true, calls: 0 }, remote: SupervisionRemote | null = fakeRemote(state)) {
    const d: TestDesk = await desk.start();
    const store = createDeskStore(d.workstation.db);
    let changed = 0;
    const service = createSupervisionService(d.workstation.db, { clock, store, remote: () => remote, fontsDir, onChanged: () => changed++ });
    return { d, store, service, state, changed: () => changed };
  }

  it('keeps the last live figures while the platform is unreachable, marked with their time and what to do', async () => {
    const { service, state } = await setUp();
    const first = await service.live(supervisor);
    expect(first).toMatchObject({ stale: false, notice: null, live: { centreName: 'Rīgas centrs', pendingSettings: null } });
    expect(first.live?.queues[0]).toMatchObject({ waiting: 4, overTarget: 1, pendingTargetMinutes: null });

    state.reachable = false;
    const offline = await service.live(supervisor);
    expect(offline.stale).toBe(true);
    expect(offline.live?.queues[0]?.waiting).toBe(4);
    // 10:42 UTC is 12:42 in Riga in November.
    expect(offline.notice).toMatch(/^Platforma nav sasniedzama: redzami rādītāji uz plkst\. 12:42\. Darba vieta strādā kā parasti/u);
    expect(state.calls).toBe(2);
  });

  it('says so when there has never been an answer, and the history needs the platform', async () => {
    const { service } = await setUp(undefined, null);
    expect(await service.live(supervisor)).toEqual({ live: null, stale: true, notice: NO_SNAPSHOT_NOTICE });
    await expect(service.history(supervisor, { from: '2026-11-01', to: '2026-11-30', period: 'day', by: 'service' })).rejects.toMatchObject({ code: 'TRANSPORT' });
  });

  it('sends threshold changes through the outbox, shows them pending, and refuses a queue of another centre', async () => {
    const { d, store, service, changed } = await setUp();
    // The queue's row as a pull brought it: the change shows on it at once.
    store.applyPulled(
      { changes: [{ entity: 'queue', id: queueA, version: 7, deleted: false, data: { id: queueA, centreId: 'riga-centrs', letter: 'A', name: 'A', serviceCodes: [], waitTargetMinutes: 15 } }], checkpoint: 7, lastMutationId: null, final: true },
      new Date(),
    );
    const afterTarget = service.setTarget(supervisor, { queueId: queueA, waitTargetMinutes: 20 });
    expect(afterTarget.live).toBeNull(); // nothing fetched yet, and the change is still kept
    await service.live(supervisor);
    const shown = service.setTarget(supervisor, { queueId: queueA, waitTargetMinutes: 25 });
    expect(shown.live?.queues[0]).toMatchObject({ waitTargetMinutes: 15, pendingTargetMinutes: 25 });
    expect(store.read('queue', queueA)).toMatchObject({ waitTargetMinutes: 25 });
    const alerts = service.setAlerts(supervisor, { satisfactionThreshold: 4, minimumRatings: 10 });
    expect(alerts.live?.pendingSettings).toEqual({ satisfactionThreshold: 4, minimumRatings: 10 });
    expect(() => service.setTarget(supervisor, { queueId: 'queue-cits-centrs-a', waitTargetMinutes: 10 })).toThrow(/nav atrasta/u);

    const outbox = d.workstation.db.prepare<[], { name: string; args: string; base_versions: string }>(`SELECT name, args, base_versions FROM outbox ORDER BY mutation_id`).all();
    expect(outbox.map((o) => [o.name, JSON.parse(o.args) as unknown, o.base_versions])).toEqual([
      ['queue.setTarget', { id: queueA, queueId: queueA, waitTargetMinutes: 20 }, '{}'],
      ['queue.setTarget', { id: queueA, queueId: queueA, waitTargetMinutes: 25 }, '{}'],
      ['alerts.set', { id: 'riga-centrs', centreId: 'riga-centrs', satisfactionThreshold: 4, minimumRatings: 10 }, '{}'],
    ]);
    expect(changed()).toBe(3);
  });

  it('lets only supervisors and administrators call the dashboard', async () => {
    const { d } = await setUp();
    await d.call('session.signIn', { username: 'klerks', password: 'demo' });
    expect(await d.fail('supervision.live', {})).toMatchObject({ code: 'FORBIDDEN' });
    await d.call('session.signOut', {});
    await d.call('session.signIn', { username: 'vaditajs', password: 'demo' });
    // This desk has no platform: the dashboard says so instead of failing.
    expect(await d.call('supervision.live', {})).toEqual({ live: null, stale: true, notice: NO_SNAPSHOT_NOTICE });
    expect(await d.fail('supervision.history', { from: '2026-11-30', to: '2026-11-01', period: 'day', by: 'service' })).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('exports the history as a CSV Latvian Excel opens: BOM, semicolons, decimal commas, Latvian headers', async () => {
    const { service, d } = await setUp();
    const file = await service.export(supervisor, { from: '2026-11-02', to: '2026-11-15', period: 'week', by: 'service', format: 'csv' });
    expect(file).toMatchObject({ name: 'statistika-2026-11-02-2026-11-15-week-service.csv', mediaType: 'text/csv; charset=utf-8' });
    const bytes = Buffer.from(file.contentBase64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('\r\n');
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([
      'Perioda sākums',
      'Pakalpojums',
      'Kods',
      'Taloni',
      'Apkalpoti',
      'Neieradās',
      'Vidējā gaidīšana, min',
      'Vidējā apkalpošana, min',
      'Gaidīja mērķa laikā, %',
      'Lietas',
      'Konsultācijas',
      'Vērtējumi',
      'Vidējais vērtējums',
      'Apkalpošanas laiks, h',
    ]);
    // Each week: its services by clients served, then its total; then the whole range.
    expect(rows.slice(1).map((r) => [r[0], r[1], r[4]])).toEqual([
      ['02.11.2026', 'Pases izsniegšana', '10'],
      ['02.11.2026', 'Dokumenta legalizācija; "steidzami"', '5'],
      ['02.11.2026', "'=SUM(A1)", '1'],
      ['02.11.2026', 'Kopā', '16'],
      ['09.11.2026', 'Pases izsniegšana', '10'],
      ['09.11.2026', 'Dokumenta legalizācija; "steidzami"', '5'],
      ['09.11.2026', "'=SUM(A1)", '1'],
      ['09.11.2026', 'Kopā', '16'],
      ['', 'Kopā 02.11.2026–15.11.2026', '32'],
    ]);
    const passports = rows[1]!;
    expect(passports.slice(3)).toEqual(['11', '10', '1', '5,0', '7,5', '75,5', '2', '3', '2', '4,50', '1,5']);
    // The total's wait is averaged over the clients served: (10·300 + 5·90) / 15 s = 3,8 min.
    expect(rows[4]![6]).toBe('3,8');
    expect(rows[3]![6]).toBe('');
    expect(text).toContain('"Dokumenta legalizācija; ""steidzami"""');
    expect(d.workstation.db.prepare(`SELECT count(*) AS n FROM audit_events WHERE action = 'supervision.export'`).get()).toEqual({ n: 1 });
  });

  it('exports the history as an A4 landscape PDF that passes qpdf, with Latvian text and page numbers', async () => {
    const many = { reachable: true, calls: 0 };
    const long: SupervisionRemote = {
      ...fakeRemote(many),
      statistics: (q) => {
        const days = Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`);
        const rows = days.flatMap((p) => [row(p, '1001', 'Pases izsniegšana ģērbtuvē ķēniņam', 10, 300), row(p, 'VID-17', 'Ūdens žēlošana', 5, 90)]);
        return Promise.resolve({ ...report, from: q.from, to: q.to, period: 'day' as const, rows, totals: days.map((p) => combineStats(rows.filter((r) => r.period === p), '*', '*', p)) });
      },
    };
    const { service } = await setUp(many, long);
    const file = await service.export(supervisor, { from: '2026-11-01', to: '2026-11-30', period: 'day', by: 'service', format: 'pdf' });
    expect(file.mediaType).toBe('application/pdf');
    const bytes = new Uint8Array(Buffer.from(file.contentBase64, 'base64'));
    const name = path.join(dir, 'statistika.pdf');
    writeFileSync(name, bytes);
    expect(() => execFileSync('qpdf', ['--check', name], { stdio: 'pipe' })).not.toThrow();
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    const { width, height } = doc.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([842, 595]);
    const { totalPages, text } = await extractText(bytes, { mergePages: true });
    expect(totalPages).toBeGreaterThan(1);
    const flat = text.replace(/\s+/gu, ' ');
    expect(flat).toContain('Apkalpošanas statistika');
    expect(flat).toContain('Centrs: Rīgas VPVKAC (Centrs)');
    expect(flat).toContain('Vid. apkalpošana, min');
    expect(flat).toContain('Konsultācijas');
    expect(flat).toContain('Laika posms: 01.11.2026.–30.11.2026., pa dienām, pa pakalpojumiem');
    expect(flat).toContain('Sagatavots: 23.11.2026. 14:05');
    expect(flat).toContain('Pases izsniegšana ģērbtuvē ķēniņam');
    expect(flat).toContain('Ūdens žēlošana');
    expect(flat).toContain(`Lapa ${totalPages} no ${totalPages}`);
    expect(flat).toContain('Kopā 01.11.2026–30.11.2026');
  });
});
