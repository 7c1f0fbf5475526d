import { randomUUID } from 'node:crypto';
import { GraphQLClient } from 'graphql-request';
import { createPlatform, type Platform } from '../platform/server';
import type { Figure, Timing } from './measure';

/**
 * The platform's sync API under a centre's worth of desks: 50 signed-in desk installations over real
 * HTTP against one platform (embedded PGlite, or PostgreSQL when PLATFORM_BENCH_DATABASE_URL names an
 * empty database the bench may seed). Every figure is measured here from per-request timings, against
 * the cheapest authenticated request there is (`{ me { id } }`) from the same desks at the same
 * concurrency, so the ratio is what sync costs on top of HTTP, GraphQL and the token check.
 */

const DESKS = 50;
const BATCH = 10;
const LIMIT = 500;

const ME = `{ me { id } }`;
const PUSH = `mutation ($clientId: ID!, $mutations: [MutationInput!]!) {
  push(clientId: $clientId, mutations: $mutations) { results { mutationId status reason } }
}`;
const PULL = `query ($checkpoint: Int!, $limit: Int, $clientId: ID) {
  pull(checkpoint: $checkpoint, limit: $limit, clientId: $clientId) { changes { entity id version deleted data } checkpoint hasMore acks { clientId lastMutationId } }
}`;

interface Pulled {
  changes: { entity: string; id: string; version: number }[];
  checkpoint: number;
  hasMore: boolean;
  acks: { clientId: string; lastMutationId: number }[];
}

interface Desk {
  username: string;
  clientId: string;
  client: GraphQLClient;
  /** The next mutation number: 1, 2, 3… with no gaps, as the desk's outbox numbers them. */
  next: number;
  checkpoint: number;
}

/** Per-request latencies (ms) and how many units (requests, mutations, rows) moved in how long. */
class Recorder {
  readonly latencies: number[] = [];
  units = 0;
  async time<T>(request: () => Promise<T>): Promise<T> {
    const start = performance.now();
    const result = await request();
    this.latencies.push(performance.now() - start);
    return result;
  }
  timing(wallMs: number): Timing {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const at = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN;
    return { p50: at(0.5), tail: at(0.99), tailName: 'p99', hz: this.units / (wallMs / 1000) };
  }
}

async function phase(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US').replace(/,/gu, ' ');

/**
 * The demo has fewer clerks than the bench has desks; the rest are more clerks cloned from existing
 * ones (same centre, desk and password), so every simulated desk signs in as a user of its own.
 */
async function deskUsers(platform: Platform): Promise<string[]> {
  const clerks = await platform.sql.query<{ id: string; username: string }>(`SELECT id, username FROM users WHERE 'clerk' = ANY(roles) AND active ORDER BY username LIMIT ${DESKS}`);
  if (clerks.length === 0) throw new Error('the demo data has no clerks to sign in as');
  const names = clerks.map((c) => c.username);
  for (let i = 0; names.length < DESKS; i++) {
    const source = clerks[i % clerks.length]!;
    const username = `bench-klerks-${i + 1}`;
    await platform.sql.query(
      `INSERT INTO users (id, username, display_name, roles, centre_id, institution_code, desk_id, password_hash, active)
       SELECT $2, $3, display_name || ' (bench)', roles, centre_id, institution_code, desk_id, password_hash, true FROM users WHERE id = $1
       ON CONFLICT (username) DO NOTHING`,
      [source.id, `user-bench-${i + 1}`, username],
    );
    names.push(username);
  }
  return names;
}

async function signIn(platform: Platform, username: string): Promise<Desk> {
  const anonymous = new GraphQLClient(`${platform.url}/graphql`);
  const { login } = await anonymous.request<{ login: { accessToken: string } }>(
    `mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }`,
    { u: username, p: 'demo' },
  );
  const client = new GraphQLClient(`${platform.url}/graphql`, { headers: { authorization: `Bearer ${login.accessToken}` } });
  return { username, clientId: `bench-desk-${randomUUID()}`, client, next: 1, checkpoint: 0 };
}

async function pullOnce(desk: Desk, recorder?: Recorder): Promise<Pulled> {
  const request = () => desk.client.request<{ pull: Pulled }>(PULL, { checkpoint: desk.checkpoint, limit: LIMIT, clientId: desk.clientId });
  const { pull } = recorder ? await recorder.time(request) : await request();
  desk.checkpoint = pull.checkpoint;
  if (recorder) recorder.units += pull.changes.length;
  return pull;
}

/** Pulls from the desk's own checkpoint until the platform has nothing more. */
async function catchUp(desk: Desk, recorder?: Recorder): Promise<Pulled> {
  let last: Pulled;
  do last = await pullOnce(desk, recorder);
  while (last.hasMore);
  return last;
}

async function pushBatch(desk: Desk, serviceCode: string, recorder: Recorder): Promise<void> {
  const mutations = Array.from({ length: BATCH }, () => ({
    mutationId: desk.next++,
    key: randomUUID(),
    name: 'consultation.create',
    args: { id: randomUUID(), serviceCode, channel: 'in_person', client: { kind: 'anonymous' }, outcome: 'informed', note: 'bench' },
  }));
  const { push } = await recorder.time(() => desk.client.request<{ push: { results: { mutationId: number; status: string; reason: string | null }[] } }>(PUSH, { clientId: desk.clientId, mutations }));
  const refused = push.results.find((r) => r.status !== 'APPLIED');
  if (refused || push.results.length !== BATCH) throw new Error(`push from ${desk.username} not applied: ${JSON.stringify(refused ?? push.results.length)}`);
  recorder.units += BATCH;
}

/** `{ me { id } }` from each desk, `perDesk` times in a row, all desks at once. */
async function meBaseline(desks: Desk[], perDesk: number): Promise<{ recorder: Recorder; wallMs: number }> {
  const recorder = new Recorder();
  const wallMs = await phase(() =>
    Promise.all(
      desks.map(async (desk) => {
        for (let i = 0; i < perDesk; i++) {
          await recorder.time(() => desk.client.request(ME));
          recorder.units += 1;
        }
      }),
    ),
  );
  return { recorder, wallMs };
}

export async function platformSyncBench(): Promise<Figure[]> {
  const rounds = Math.max(1, Number(process.env.LETE_BENCH_SYNC_ROUNDS ?? 10));
  const databaseUrl = process.env.PLATFORM_BENCH_DATABASE_URL;
  const engine = databaseUrl ? 'PostgreSQL' : 'PGlite';
  const platform = await createPlatform({ demo: true, passwordMemoryCost: 1024, tokenSecret: 'bench-secret', ...(databaseUrl ? { databaseUrl } : {}) });
  try {
    const [service] = await platform.sql.query<{ id: string }>(`SELECT id FROM sync_rows WHERE entity = 'service' AND NOT deleted LIMIT 1`);
    if (!service) throw new Error('the demo catalogue has no services');
    const desks = await Promise.all((await deskUsers(platform)).map((u) => signIn(platform, u)));
    // Warm the server (JIT, GraphQL parse cache) and each desk's keep-alive connection.
    await meBaseline(desks, 5);

    // Bootstrap: one desk at a time pulls the whole catalogue from checkpoint 0, as a fresh install does.
    const bootstrap = new Recorder();
    const bootstrapTimes: number[] = [];
    const bootstrapMs = await phase(async () => {
      for (const desk of desks) bootstrapTimes.push(await phase(() => catchUp(desk, bootstrap)));
    });
    const bootstrapRows = bootstrap.units / desks.length;
    const perBootstrap = [...bootstrapTimes].sort((a, b) => a - b)[Math.floor(bootstrapTimes.length / 2)] ?? NaN;
    // Its baseline: the same number of trivial requests, one desk at a time.
    const single = new Recorder();
    const singleMs = await phase(async () => {
      for (const desk of desks) {
        for (let i = 0; i < bootstrap.latencies.length / desks.length; i++) {
          await single.time(() => desk.client.request(ME));
          single.units += 1;
        }
      }
    });

    const me = await meBaseline(desks, Math.max(20, 2 * rounds));

    // (a) Push: every desk sends `rounds` batches of ten new consultations, all desks at once.
    const push = new Recorder();
    const pushMs = await phase(() =>
      Promise.all(
        desks.map(async (desk) => {
          for (let r = 0; r < rounds; r++) await pushBatch(desk, service.id, push);
        }),
      ),
    );

    // (b) Pull while pushing: each desk pushes as in (a) and, whenever any desk's push lands (the poke
    // the platform sends over /events, delivered here in-process), pulls from its own checkpoint until
    // hasMore is false. Pokes that arrive during a pull are folded into one more pull, as the desk does.
    await Promise.all(desks.map((desk) => catchUp(desk)));
    const pull = new Recorder();
    const pushUnderPull = new Recorder();
    let pushing = desks.length;
    const wakers = new Set<() => void>();
    const poke = () => {
      for (const wake of wakers) wake();
    };
    const pullMs = await phase(() =>
      Promise.all(
        desks.flatMap((desk) => {
          let dirty = false;
          const pusher = async () => {
            for (let r = 0; r < rounds; r++) {
              await pushBatch(desk, service.id, pushUnderPull);
              poke();
            }
            pushing -= 1;
            poke();
          };
          const puller = async () => {
            const wake = () => (dirty = true);
            wakers.add(wake);
            try {
              while (pushing > 0 || dirty) {
                if (!dirty) {
                  await new Promise<void>((resolve) => wakers.add(function once() {
                    wakers.delete(once);
                    resolve();
                  }));
                  continue;
                }
                dirty = false;
                await catchUp(desk, pull);
              }
            } finally {
              wakers.delete(wake);
            }
          };
          return [pusher(), puller()];
        }),
      ),
    );
    // Every desk's last pull acknowledges every mutation it sent: nothing was lost or left behind.
    for (const desk of desks) {
      const last = await catchUp(desk);
      const ack = last.acks.find((a) => a.clientId === desk.clientId)?.lastMutationId;
      if (ack !== desk.next - 1) throw new Error(`${desk.username}: platform acknowledges ${ack}, desk sent ${desk.next - 1}`);
    }

    const baseline = me.recorder.timing(me.wallMs);
    const meHz = `{ me } ${fmt(baseline.hz)} req/s`;
    const n = desks.length;
    return [
      {
        name: `platform push [${engine}]: ${n} desks × ${rounds} batches of ${BATCH} consultations, ${fmt(push.timing(pushMs).hz)} mutations/s vs ${meHz} (same ${n} desks)`,
        ours: push.timing(pushMs),
        baseline,
      },
      {
        name:
          `platform pull [${engine}] while ${n} desks push: ${fmt(pull.units)} rows in ${fmt(pull.latencies.length)} pulls, ${fmt(pull.timing(pullMs).hz)} rows/s ` +
          `(pushes meanwhile p50 ${pushUnderPull.timing(pullMs).p50.toFixed(1)} ms, ${fmt(pushUnderPull.timing(pullMs).hz)} mutations/s) vs ${meHz}`,
        ours: pull.timing(pullMs),
        baseline,
      },
      {
        name:
          `platform bootstrap [${engine}]: ${fmt(bootstrapRows)} rows in ${fmt(bootstrap.latencies.length / n)} pull(s), ${perBootstrap.toFixed(1)} ms per desk, ` +
          `${fmt(bootstrap.timing(bootstrapMs).hz)} rows/s (${n} desks one at a time) vs { me } ${fmt(single.timing(singleMs).hz)} req/s, one desk at a time`,
        ours: bootstrap.timing(bootstrapMs),
        baseline: single.timing(singleMs),
      },
    ];
  } finally {
    await platform.close();
  }
}
