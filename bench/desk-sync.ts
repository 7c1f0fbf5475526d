import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { GraphQLClient } from 'graphql-request';
import { systemClock } from '../main/clock';
import { openDatabase, type Db } from '../main/db/connection';
import { seedDemo } from '../main/demo/seed';
import { createDeskStore } from '../main/sync/desk-store';
import { createSyncEngine } from '../main/sync/engine';
import { createPlatformClient, type PlatformClient } from '../main/sync/platform-client';
import { listenForPokes } from '../main/sync/pokes';
import type { PulledChange } from '../main/sync/store';
import { createPlatform, type Platform } from '../platform/server';
import type { Figure, Timing } from './measure';

/**
 * The desk's side of sync, each against the cheapest way to do the same work in the same run:
 * - applying a first download (100,000 cases and consultations by default, LETE_BENCH_BOOTSTRAP_ROWS)
 *   in pulled batches of 500 — replica, visible rows and projections — against a raw better-sqlite3
 *   bulk insert of the same rows into one plain table, same batches, same durability;
 * - draining 10,000 consultations queued offline (LETE_BENCH_DRAIN) through the engine to an embedded
 *   platform over HTTP, against pushing the same mutations straight to the platform with no desk;
 * - a consultation saved on desk A until it shows on desk B through a poke, against one bare push and
 *   pull round trip by a client that does nothing else.
 */

const silent = { info: () => undefined, error: () => undefined };
const BATCH = 500;

function timing(latencies: number[], units: number, wallMs: number): Timing {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN;
  return { p50: at(0.5), tail: at(0.95), tailName: 'p95', hz: units / (wallMs / 1000) };
}

/** Rows shaped and sized like the platform's cases and consultations. */
function downloadRows(count: number): PulledChange[] {
  const statuses = ['submitted', 'in_progress', 'waiting_client', 'result_ready', 'delivered', 'closed'];
  const rows: PulledChange[] = [];
  for (let n = 1; n <= count; n++) {
    const at = new Date(Date.UTC(2026, 8, 1) + n * 37_000).toISOString();
    if (n % 2 === 0) {
      const data = {
        id: randomUUID(),
        caseNumber: `1001 ${String(10_000 + n).padStart(7, '0')}`,
        serviceCode: '1001',
        ownerCode: 'PMLP',
        clientId: randomUUID(),
        channel: 'in_person',
        status: statuses[n % statuses.length],
        level: 'desk',
        assigneeId: 'user-klerks',
        form: { reason: 'Pases derīguma termiņš beidzies', pickup: 'riga-centrs' },
        authorisation: { onBehalf: true, signed: true, note: null, at, by: 'user-klerks' },
        centreId: 'riga-centrs',
        createdBy: 'user-klerks',
        createdAt: at,
        submittedAt: at,
        dueAt: null,
        escalated: false,
        result: null,
        backOfficeRef: null,
        notes: [],
        history: [{ at, by: 'user-klerks', action: 'submit', from: 'draft', to: 'submitted', reason: null }],
        ticketId: null,
      };
      rows.push({ entity: 'case', id: data.id, version: n, deleted: false, data, fieldVersions: Object.fromEntries(Object.keys(data).map((k) => [k, n])) });
    } else {
      const data = {
        id: randomUUID(),
        serviceCode: 'P.02',
        channel: 'phone',
        client: { kind: 'anonymous' },
        outcome: 'informed',
        note: 'Konsultēja par bezdarbnieka statusa piešķiršanu un nepieciešamajiem dokumentiem.',
        userId: 'user-klerks',
        centreId: 'riga-centrs',
        createdAt: at,
      };
      rows.push({ entity: 'consultation', id: data.id, version: n, deleted: false, data, fieldVersions: Object.fromEntries(Object.keys(data).map((k) => [k, n])) });
    }
  }
  return rows;
}

async function seededDesk(dir: string): Promise<Db> {
  const db = openDatabase(join(dir, 'lete.sqlite'));
  await seedDemo(db, { deskId: null, passwordCost: 1024 });
  return db;
}

async function bootstrapFigure(dir: string): Promise<Figure> {
  const rows = downloadRows(Number(process.env.LETE_BENCH_BOOTSTRAP_ROWS ?? 100_000));
  const batches = Array.from({ length: Math.ceil(rows.length / BATCH) }, (_, i) => rows.slice(i * BATCH, (i + 1) * BATCH));

  const db = await seededDesk(join(dir, 'bootstrap'));
  const store = createDeskStore(db);
  const ours: number[] = [];
  let start = performance.now();
  batches.forEach((changes, i) => {
    const t = performance.now();
    store.applyPulled({ changes, checkpoint: changes.at(-1)?.version ?? 0, lastMutationId: null, final: i === batches.length - 1 }, new Date());
    ours.push(performance.now() - t);
  });
  const oursWall = performance.now() - start;
  db.close();

  const raw = new Database(join(dir, 'raw.sqlite'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.exec(`CREATE TABLE rows (entity TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, data TEXT NOT NULL, field_versions TEXT NOT NULL, PRIMARY KEY (entity, id)) STRICT`);
  const insert = raw.prepare(`INSERT INTO rows VALUES (?, ?, ?, ?, ?)`);
  const insertBatch = raw.transaction((changes: PulledChange[]) => {
    for (const c of changes) insert.run(c.entity, c.id, c.version, JSON.stringify(c.data), JSON.stringify(c.fieldVersions));
  });
  const baseline: number[] = [];
  start = performance.now();
  for (const changes of batches) {
    const t = performance.now();
    insertBatch(changes);
    baseline.push(performance.now() - t);
  }
  const baselineWall = performance.now() - start;
  raw.close();
  return {
    name: `desk first download: ${rows.length.toLocaleString('lv-LV')} cases and consultations applied per batch of ${BATCH} vs raw bulk insert`,
    ours: timing(ours, rows.length, oursWall),
    baseline: timing(baseline, rows.length, baselineWall),
  };
}

const PUSH = `mutation ($clientId: ID!, $mutations: [MutationInput!]!) { push(clientId: $clientId, mutations: $mutations) { results { mutationId status } } }`;
const PULL = `query ($checkpoint: Int!, $clientId: ID) { pull(checkpoint: $checkpoint, limit: 500, clientId: $clientId) { checkpoint hasMore } }`;

async function rawClient(platform: Platform, username: string): Promise<GraphQLClient> {
  const anonymous = new GraphQLClient(`${platform.url}/graphql`);
  const { login } = await anonymous.request<{ login: { accessToken: string } }>(`mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }`, {
    u: username,
    p: 'demo',
  });
  return new GraphQLClient(`${platform.url}/graphql`, { headers: { authorization: `Bearer ${login.accessToken}` } });
}

const consultation = (note: string) => ({ id: randomUUID(), serviceCode: 'P.02', channel: 'phone', client: { kind: 'anonymous' }, outcome: 'informed', note });

/** A desk with its store and engine, signed in, not polling (the bench drives it). */
async function desk(dir: string, platform: Platform, username: string) {
  const db = await seededDesk(dir);
  const store = createDeskStore(db);
  const timed: number[] = [];
  const client = createPlatformClient(platform.url);
  const measured: PlatformClient = Object.assign(Object.create(client) as PlatformClient, {
    push: async (...args: Parameters<PlatformClient['push']>) => {
      const t = performance.now();
      const result = await client.push(...args);
      timed.push(performance.now() - t);
      return result;
    },
  });
  await client.login(username, 'demo');
  const engine = createSyncEngine(db, measured, store, { clock: systemClock, logger: silent, onChange: () => undefined, pollMs: 3_600_000 });
  const [user] = db.prepare<[string], { id: string }>(`SELECT id FROM users WHERE username = ?`).all(username);
  return { db, store, engine, client, pushLatencies: timed, userId: user?.id ?? '' };
}

async function drainFigure(dir: string, platform: Platform): Promise<Figure> {
  const count = Number(process.env.LETE_BENCH_DRAIN ?? 10_000);
  const d = await desk(join(dir, 'drain'), platform, 'klerks');
  for (let i = 0; i < count; i++) d.store.mutate({ name: 'consultation.create', args: consultation(`Rinda ${i}`), userId: d.userId, at: new Date() });
  const start = performance.now();
  d.engine.start();
  await d.engine.syncNow();
  const oursWall = performance.now() - start;
  d.engine.stop();
  const left = d.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM outbox WHERE applied = 0`).get()?.n;
  if (left !== 0) throw new Error(`drain left ${left} mutations unsent`);
  d.db.close();

  const raw = await rawClient(platform, 'klerks');
  const clientId = `bench-raw-${randomUUID()}`;
  const baseline: number[] = [];
  const baseStart = performance.now();
  for (let first = 1; first <= count; first += 100) {
    const mutations = Array.from({ length: Math.min(100, count - first + 1) }, (_, i) => ({ mutationId: first + i, key: randomUUID(), name: 'consultation.create', args: consultation('Tieši') }));
    const t = performance.now();
    await raw.request(PUSH, { clientId, mutations });
    baseline.push(performance.now() - t);
  }
  const baselineWall = performance.now() - baseStart;
  return {
    name: `drain ${count.toLocaleString('lv-LV')} consultations queued offline (desk engine, batches of 100) vs the same pushes with no desk`,
    ours: timing(d.pushLatencies, count, oursWall),
    baseline: timing(baseline, count, baselineWall),
  };
}

async function latencyFigure(dir: string, platform: Platform): Promise<Figure> {
  const samples = Number(process.env.LETE_BENCH_LATENCY_SAMPLES ?? 30);
  const [colleague] = await platform.sql.query<{ username: string }>(`SELECT username FROM users WHERE id = 'user-desk-riga-centrs-2'`);
  if (!colleague) throw new Error('the demo data has no colleague at riga-centrs');
  const a = await desk(join(dir, 'a'), platform, 'klerks');
  const b = await desk(join(dir, 'b'), platform, colleague.username);
  a.engine.start();
  b.engine.start();
  await Promise.all([a.engine.syncNow(), b.engine.syncNow()]);
  const pokes = listenForPokes({ url: platform.url, token: () => b.client.accessToken(), onPoke: () => void b.engine.syncNow() });
  const shown = b.db.prepare<[string], { id: string }>(`SELECT id FROM consultations WHERE id = ?`);
  const ours: number[] = [];
  const start = performance.now();
  for (let i = 0; i < samples; i++) {
    const args = consultation(`Latentums ${i}`);
    const t = performance.now();
    a.store.mutate({ name: 'consultation.create', args, userId: a.userId, at: new Date() });
    void a.engine.syncNow();
    while (!shown.get(args.id)) await new Promise((r) => setTimeout(r, 1));
    ours.push(performance.now() - t);
  }
  const oursWall = performance.now() - start;
  pokes.stop();
  a.engine.stop();
  b.engine.stop();
  a.db.close();
  b.db.close();

  const raw = await rawClient(platform, 'klerks');
  const clientId = `bench-rt-${randomUUID()}`;
  const { pull } = await raw.request<{ pull: { checkpoint: number } }>(PULL, { checkpoint: 0, clientId });
  let checkpoint = pull.checkpoint;
  const baseline: number[] = [];
  const baseStart = performance.now();
  for (let i = 1; i <= samples; i++) {
    const t = performance.now();
    await raw.request(PUSH, { clientId, mutations: [{ mutationId: i, key: randomUUID(), name: 'consultation.create', args: consultation('Apgrieziens') }] });
    checkpoint = (await raw.request<{ pull: { checkpoint: number } }>(PULL, { checkpoint, clientId })).pull.checkpoint;
    baseline.push(performance.now() - t);
  }
  const baselineWall = performance.now() - baseStart;
  return {
    name: 'saved on desk A → shown on desk B (push, poke, pull, apply) vs one bare push + pull round trip',
    ours: timing(ours, samples, oursWall),
    baseline: timing(baseline, samples, baselineWall),
  };
}

export async function deskSyncBench(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'lete-bench-desk-sync-'));
  let platform: Platform | null = null;
  try {
    const figures = [await bootstrapFigure(dir)];
    platform = await createPlatform({ dataDir: join(dir, 'platform'), demo: true, passwordMemoryCost: 1024 });
    figures.push(await drainFigure(dir, platform), await latencyFigure(dir, platform));
    return figures;
  } finally {
    await platform?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
