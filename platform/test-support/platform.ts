import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { GraphQLClient } from 'graphql-request';
import { createPlatform, type Platform } from '../server';

/** PGlite always; a real PostgreSQL too when CI provides one (PLATFORM_TEST_DATABASE_URL). */
export const engines: ('pglite' | 'postgres')[] = process.env.PLATFORM_TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/** A fresh platform with demo data on the given engine; on PostgreSQL, in a database of its own. */
export async function startTestPlatform(engine: 'pglite' | 'postgres'): Promise<Platform> {
  const common = { demo: true, passwordMemoryCost: 1024, tokenSecret: 'test-secret' };
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

/** A desk-like client: graphql-request over real HTTP, signed in as a demo user. */
export async function signIn(platform: Platform, username: string, password = 'demo'): Promise<GraphQLClient> {
  const anonymous = new GraphQLClient(`${platform.url}/graphql`);
  const { login } = await anonymous.request<{ login: { accessToken: string } }>(
    `mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }`,
    { u: username, p: password },
  );
  return new GraphQLClient(`${platform.url}/graphql`, { headers: { authorization: `Bearer ${login.accessToken}` } });
}
