import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { GraphQLClient } from 'graphql-request';
import { createPlatform, type Platform, type PlatformOptions } from '../server';

/** PGlite always; a real PostgreSQL too when CI provides one (PLATFORM_TEST_DATABASE_URL). */
export const engines: ('pglite' | 'postgres')[] = process.env.PLATFORM_TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/** A fresh platform with demo data on the given engine; on PostgreSQL, in a database of its own. */
export async function startTestPlatform(engine: 'pglite' | 'postgres', options: Pick<PlatformOptions, 'clock'> = {}): Promise<Platform> {
  const common = { demo: true, passwordMemoryCost: 1024, tokenSecret: 'test-secret', ...options };
  if (engine === 'pglite') return createPlatform(common);
  const admin = new URL(process.env.PLATFORM_TEST_DATABASE_URL ?? '');
  const name = `lete_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin.toString());
  url.pathname = `/${name}`;
  const platform = await createPlatform({ ...common, databaseUrl: url.toString() });
  return {
    ...platform,
    async close() {
      await platform.close();
      const c = new pg.Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A demo user's access token, for the plain-HTTP routes (documents, events). */
export async function accessToken(platform: Platform, username: string, password = 'demo'): Promise<string> {
  const { login } = await new GraphQLClient(`${platform.url}/graphql`).request<{ login: { accessToken: string } }>(
    `mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }`,
    { u: username, p: password },
  );
  return login.accessToken;
}

/** A desk-like client: graphql-request over real HTTP, signed in as a demo user. */
export async function signIn(platform: Platform, username: string, password = 'demo'): Promise<GraphQLClient> {
  const anonymous = new GraphQLClient(`${platform.url}/graphql`);
  const { login } = await anonymous.request<{ login: { accessToken: string } }>(
    `mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }`,
    { u: username, p: password },
  );
  return new GraphQLClient(`${platform.url}/graphql`, { headers: { authorization: `Bearer ${login.accessToken}` } });
}

export const PUSH = `mutation ($clientId: ID!, $mutations: [MutationInput!]!) {
  push(clientId: $clientId, mutations: $mutations) { results { mutationId status reason conflict { fields serverState } result version } }
}`;
export const PULL = `query ($checkpoint: Int!, $limit: Int, $clientId: ID) {
  pull(checkpoint: $checkpoint, limit: $limit, clientId: $clientId) { changes { entity id version deleted data fieldVersions } checkpoint head hasMore acks { clientId lastMutationId } }
}`;

export interface PushOutcome {
  mutationId: number;
  status: string;
  reason: string | null;
  conflict: { fields: string[]; serverState: Record<string, unknown> } | null;
  result: unknown;
  version: number | null;
}
export interface Pulled {
  changes: { entity: string; id: string; version: number; deleted: boolean; data: Record<string, unknown>; fieldVersions: Record<string, number> | null }[];
  checkpoint: number;
  head: number;
  hasMore: boolean;
  acks: { clientId: string; lastMutationId: number }[];
}

export async function pushOne(client: GraphQLClient, clientId: string, mutationId: number, name: string, args: unknown, baseVersions?: unknown): Promise<PushOutcome> {
  const { push } = await client.request<{ push: { results: PushOutcome[] } }>(PUSH, {
    clientId,
    mutations: [{ mutationId, key: randomUUID(), name, args, ...(baseVersions ? { baseVersions } : {}) }],
  });
  const [result] = push.results;
  if (!result) throw new Error('push answered no result');
  return result;
}

export async function pullAll(client: GraphQLClient, clientId: string | null = null, from = 0): Promise<Pulled> {
  let checkpoint = from;
  const changes: Pulled['changes'] = [];
  let last: Pulled;
  do {
    ({ pull: last } = await client.request<{ pull: Pulled }>(PULL, { checkpoint, limit: 500, clientId }));
    changes.push(...last.changes);
    checkpoint = last.checkpoint;
  } while (last.hasMore);
  return { ...last, changes, checkpoint };
}

/** A signed-in desk installation that numbers its own mutations, as the real desk's outbox does. */
export async function connectDesk(platform: Platform, username: string) {
  const client = await signIn(platform, username);
  const clientId = `desk-${randomUUID()}`;
  let next = 1;
  return {
    client,
    clientId,
    push: (name: string, args: unknown, baseVersions?: unknown) => pushOne(client, clientId, next++, name, args, baseVersions),
    pull: (from = 0) => pullAll(client, clientId, from),
    request: <T>(query: string, variables?: Record<string, unknown>) => client.request<T>(query, variables),
  };
}
export type TestDesk = Awaited<ReturnType<typeof connectDesk>>;
