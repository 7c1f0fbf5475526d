import { randomUUID } from 'node:crypto';
import { GraphQLClient, ClientError } from 'graphql-request';
import { serverAudits } from 'graphql-http';
import { afterEach, describe, expect, it } from 'vitest';
import { createPlatform, type Platform } from './server';
import { engines, signIn, startTestPlatform } from './test-support/platform';

async function errorCode(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ClientError) return error.response.errors?.[0]?.extensions?.code;
    throw error;
  }
  return 'no error';
}

describe.each(engines)('platform security on %s', (engine) => {
  let platform: Platform;
  afterEach(async () => platform?.close());

  it('tells a signed-in desk who the user is and where they work', async () => {
    platform = await startTestPlatform(engine);
    const anonymous = new GraphQLClient(`${platform.url}/graphql`);
    const { login } = await anonymous.request<{ login: { user: Record<string, unknown> } }>(
      `mutation { login(username: "klerks", password: "demo") { user { username roles centreId institutionCode deskId } } }`,
    );
    expect(login.user).toEqual({ username: 'klerks', roles: ['clerk'], centreId: 'riga-centrs', institutionCode: null, deskId: 'desk-riga-centrs-1' });
  });

  it('refuses anonymous reads and wrong passwords, and slows down guessing', async () => {
    platform = await startTestPlatform(engine);
    const anonymous = new GraphQLClient(`${platform.url}/graphql`);
    expect(await errorCode(() => anonymous.request(`{ pull(checkpoint: 0) { checkpoint } }`))).toBe('UNAUTHENTICATED');
    const login = (p: string) => anonymous.request(`mutation ($p: String!) { login(username: "klerks", password: $p) { accessToken } }`, { p });
    expect(await errorCode(() => login('nepareiza'))).toBe('BAD_CREDENTIALS');
    for (let i = 0; i < 4; i++) await errorCode(() => login(`x${i}`));
    expect(await errorCode(() => login('demo'))).toBe('TOO_MANY_ATTEMPTS');
    const [failed] = await platform.sql.query<{ n: string }>(`SELECT count(*) AS n FROM audit_events WHERE action = 'login' AND detail->>'outcome' = 'failed'`);
    expect(Number(failed?.n)).toBe(5);
  });

  it('rotates refresh tokens: each works once', async () => {
    platform = await startTestPlatform(engine);
    const anonymous = new GraphQLClient(`${platform.url}/graphql`);
    const { login } = await anonymous.request<{ login: { refreshToken: string } }>(`mutation { login(username: "klerks", password: "demo") { refreshToken } }`);
    const refresh = (t: string) => anonymous.request<{ refresh: { refreshToken: string; accessToken: string } }>(`mutation ($t: String!) { refresh(refreshToken: $t) { refreshToken accessToken } }`, { t });
    const next = await refresh(login.refreshToken);
    expect(next.refresh.accessToken).toBeTruthy();
    expect(await errorCode(() => refresh(login.refreshToken))).toBe('UNAUTHENTICATED');
  });

  it('limits query depth and request size', async () => {
    platform = await startTestPlatform(engine);
    const desk = await signIn(platform, 'klerks');
    const deep = `{ me { id } ${'a: me { id } '.repeat(1)} }`;
    await expect(desk.request(deep)).resolves.toBeTruthy();
    const aliases = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    await expect(desk.request(aliases)).rejects.toThrow();
    const big = await fetch(`${platform.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ me { id } }`, variables: { pad: 'x'.repeat(2 * 1024 * 1024) } }),
    });
    expect(big.status).toBe(413);
  });

  it('pokes a signed-in desk over server-sent events when something changes', async () => {
    platform = await startTestPlatform(engine);
    const anonymous = new GraphQLClient(`${platform.url}/graphql`);
    const { login } = await anonymous.request<{ login: { accessToken: string } }>(`mutation { login(username: "klerks", password: "demo") { accessToken } }`);
    expect((await fetch(`${platform.url}/events?token=wrong`)).status).toBe(401);
    const controller = new AbortController();
    const stream = await fetch(`${platform.url}/events?token=${login.accessToken}`, { signal: controller.signal });
    const reader = stream.body!.getReader();
    await reader.read(); // ": connected"
    const desk = new GraphQLClient(`${platform.url}/graphql`, { headers: { authorization: `Bearer ${login.accessToken}` } });
    await desk.request(`mutation ($m: [MutationInput!]!) { push(clientId: "d1", mutations: $m) { results { status } } }`, {
      m: [{ mutationId: 1, key: randomUUID(), name: 'consultation.create', args: { id: randomUUID(), serviceCode: null, channel: 'phone', client: { kind: 'anonymous' }, outcome: 'informed', note: '' } }],
    });
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toContain('event: poke');
    controller.abort();
  });
});

describe('GraphQL over HTTP conformance', () => {
  it('passes the graphql-http audit suite with no failing audit', async () => {
    const platform = await createPlatform({ passwordMemoryCost: 1024 });
    try {
      const audits = serverAudits({ url: `${platform.url}/graphql`, fetchFn: fetch });
      const results = await Promise.all(audits.map((audit) => audit.fn()));
      expect(results.length).toBeGreaterThan(20);
      const failed = results.filter((r) => r.status === 'error').map((r) => `${r.id} ${r.name}: ${'reason' in r ? r.reason : ''}`);
      expect(failed).toEqual([]);
    } finally {
      await platform.close();
    }
  });

  it('hides the schema from introspection in production', async () => {
    const platform = await createPlatform({ production: true });
    try {
      const client = new GraphQLClient(`${platform.url}/graphql`);
      await expect(client.request(`{ __schema { types { name } } }`)).rejects.toThrow(/izslēgta/u);
    } finally {
      await platform.close();
    }
  });
});
