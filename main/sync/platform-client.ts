import { ClientError, GraphQLClient } from 'graphql-request';

export type SyncFailure = 'offline' | 'unauthorised' | 'server';

export class SyncError extends Error {
  constructor(readonly kind: SyncFailure, message: string) {
    super(message);
    this.name = 'SyncError';
  }
}

export interface PushedMutation {
  mutationId: number;
  key: string;
  name: string;
  args: unknown;
}

export interface PushResult {
  mutationId: number;
  status: 'APPLIED' | 'ALREADY_APPLIED' | 'OUT_OF_ORDER' | 'REJECTED' | 'CONFLICT';
  reason: string | null;
  conflict: { fields: string[]; serverState: unknown } | null;
}

export interface PullResult {
  changes: { entity: string; id: string; version: number; deleted: boolean; data: Record<string, unknown> | null }[];
  checkpoint: number;
  hasMore: boolean;
  acks: { clientId: string; lastMutationId: number }[];
}

const LOGIN = `mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken refreshToken } }`;
const REFRESH = `mutation ($t: String!) { refresh(refreshToken: $t) { accessToken refreshToken } }`;
const PUSH = `mutation ($c: ID!, $m: [MutationInput!]!) { push(clientId: $c, mutations: $m) { results { mutationId status reason conflict { fields serverState } } } }`;
const PULL = `query ($cp: Int!, $l: Int, $c: ID) { pull(checkpoint: $cp, limit: $l, clientId: $c) { changes { entity id version deleted data } checkpoint hasMore acks { clientId lastMutationId } } }`;

/** Sorts a failure into what the engine does next: wait for the network, sign in again, or back off. */
function classify(error: unknown): SyncError {
  if (error instanceof ClientError) {
    const code = error.response.errors?.[0]?.extensions?.code;
    if (code === 'UNAUTHENTICATED' || code === 'BAD_CREDENTIALS' || error.response.status === 401) {
      return new SyncError('unauthorised', 'Platforma neatpazina lietotāju: pieslēdzieties vēlreiz.');
    }
    return new SyncError('server', `Platforma atbildēja ar kļūdu (${error.response.status}).`);
  }
  return new SyncError('offline', 'Nav savienojuma ar platformu.');
}

/**
 * The desk's side of the platform's GraphQL API (graphql-request). Holds the tokens in memory only;
 * a password is used once, at sign-in, and never stored.
 */
export function createPlatformClient(url: string, options: { timeoutMs?: number } = {}) {
  const timeoutMs = options.timeoutMs ?? 15_000;
  let access: string | null = null;
  let refresh: string | null = null;
  const client = (token: string | null) =>
    new GraphQLClient(`${url.replace(/\/$/u, '')}/graphql`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
    });

  async function call<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    try {
      return await client(access).request<T>(query, variables);
    } catch (error) {
      const failure = classify(error);
      if (failure.kind !== 'unauthorised' || !refresh) throw failure;
    }
    // The access token expired: spend the refresh token once and retry.
    try {
      const { refresh: next } = await client(null).request<{ refresh: { accessToken: string; refreshToken: string } }>(REFRESH, { t: refresh });
      access = next.accessToken;
      refresh = next.refreshToken;
    } catch (error) {
      access = refresh = null;
      throw classify(error);
    }
    try {
      return await client(access).request<T>(query, variables);
    } catch (error) {
      throw classify(error);
    }
  }

  return {
    get signedIn() {
      return access !== null;
    },
    /** For the pokes stream, which cannot send an Authorization header through EventSource-style GETs. */
    accessToken: () => access,
    async login(username: string, password: string): Promise<void> {
      try {
        const { login } = await client(null).request<{ login: { accessToken: string; refreshToken: string } }>(LOGIN, { u: username, p: password });
        access = login.accessToken;
        refresh = login.refreshToken;
      } catch (error) {
        throw classify(error);
      }
    },
    signOut() {
      access = refresh = null;
    },
    push: async (clientId: string, mutations: PushedMutation[]) =>
      (await call<{ push: { results: PushResult[] } }>(PUSH, { c: clientId, m: mutations })).push.results,
    pull: async (checkpoint: number, limit: number, clientId: string) => (await call<{ pull: PullResult }>(PULL, { cp: checkpoint, l: limit, c: clientId })).pull,
  };
}

export type PlatformClient = ReturnType<typeof createPlatformClient>;
