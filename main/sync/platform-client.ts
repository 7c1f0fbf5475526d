import { ClientError, GraphQLClient } from 'graphql-request';
import {
  ArticleVersionsDocument,
  CentreLiveDocument,
  StatisticsDocument,
  type StatsDimension,
  type StatsPeriod,
  AuditEventsDocument,
  ImportedArticlesDocument,
  ClientProfileDocument,
  FindClientsDocument,
  LoginDocument,
  ReserveCaseNumbersDocument,
  PullDocument,
  PushDocument,
  RefreshDocument,
  type MutationInput,
  type PullQuery,
  type PushMutation,
} from './generated/operations';

export type SyncFailure = 'offline' | 'unauthorised' | 'server' | 'update_required';

export class SyncError extends Error {
  /** True when no connection was made at all, so the platform cannot have seen the request. */
  readonly neverSent: boolean;
  constructor(readonly kind: SyncFailure, message: string, options: { neverSent?: boolean } = {}) {
    super(message);
    this.name = 'SyncError';
    this.neverSent = options.neverSent ?? false;
  }
}

/** Failures before a connection exists; a timeout or a reset may come after the platform acted. */
const beforeConnecting = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/** One outbox entry as the platform's `push` takes it. */
export type PushedMutation = MutationInput;

/** The platform's answer to one pushed mutation. */
export type PushResult = PushMutation['push']['results'][number];

type PulledBatch = PullQuery['pull'];

/**
 * One pulled batch. `data` is the schema's JSON scalar; for a synced row it is the row's object, or
 * null for a deleted one.
 */
export type PullResult = Omit<PulledBatch, 'changes'> & {
  changes: (Omit<PulledBatch['changes'][number], 'data'> & { data: Record<string, unknown> | null })[];
};

/** Sorts a failure into what the engine does next: wait for the network, sign in again, or back off. */
function classify(error: unknown): SyncError {
  if (error instanceof ClientError) {
    const code = error.response.errors?.[0]?.extensions?.code;
    if (code === 'UNAUTHENTICATED' || code === 'BAD_CREDENTIALS' || error.response.status === 401) {
      return new SyncError('unauthorised', 'Platforma neatpazina lietotāju: pieslēdzieties vēlreiz.');
    }
    // The two sides no longer speak the same schema or mutations: retrying cannot help, updating can.
    if (code === 'UPDATE_REQUIRED' || code === 'GRAPHQL_VALIDATION_FAILED' || code === 'BAD_REQUEST') {
      return new SyncError('update_required', 'Darba vietas un platformas versijas nesaderas: izmaiņas paliek darba vietā; atjauniniet Lete.');
    }
    return new SyncError('server', `Platforma atbildēja ar kļūdu (${error.response.status}).`);
  }
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return new SyncError('offline', 'Nav savienojuma ar platformu.', { neverSent: typeof cause?.code === 'string' && beforeConnecting.has(cause.code) });
}

/**
 * The desk's side of the platform's GraphQL API (graphql-request). Holds the tokens in memory only;
 * a password is used once, at sign-in, and never stored.
 */
export function createPlatformClient(url: string, options: { timeoutMs?: number } = {}) {
  const timeoutMs = options.timeoutMs ?? 15_000;
  let access: string | null = null;
  let refresh: string | null = null;
  let signInFailure: SyncFailure | null = null;
  const client = (token: string | null) =>
    new GraphQLClient(`${url.replace(/\/$/u, '')}/graphql`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
    });

  /** Sends one typed operation with the access token, refreshing it once if it has expired. */
  async function call<T>(send: (c: GraphQLClient) => Promise<T>): Promise<T> {
    try {
      return await send(client(access));
    } catch (error) {
      const failure = classify(error);
      if (failure.kind !== 'unauthorised' || !refresh) throw failure;
    }
    await renew();
    try {
      return await send(client(access));
    } catch (error) {
      throw classify(error);
    }
  }

  /** The access token expired: spend the refresh token once for a new pair. */
  async function renew(): Promise<void> {
    try {
      const { refresh: next } = await client(null).request(RefreshDocument, { refreshToken: refresh ?? '' });
      access = next.accessToken;
      refresh = next.refreshToken;
    } catch (error) {
      access = refresh = null;
      throw classify(error);
    }
  }

  /** A request to the document routes with the access token, renewed once on 401. */
  async function documentRequest(documentId: string, init: RequestInit): Promise<Response> {
    const send = async () => {
      try {
        return await fetch(`${url.replace(/\/$/u, '')}/documents/${encodeURIComponent(documentId)}/content`, {
          ...init,
          headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${access ?? ''}`, 'Tus-Resumable': '1.0.0' },
          signal: AbortSignal.timeout(timeoutMs * 4),
        });
      } catch {
        throw new SyncError('offline', 'Nav savienojuma ar platformu.');
      }
    };
    let response = await send();
    if (response.status === 401 && refresh) {
      await renew();
      response = await send();
    }
    if (response.status === 401) throw new SyncError('unauthorised', 'Platforma neatpazina lietotāju: pieslēdzieties vēlreiz.');
    return response;
  }

  /** The platform's refusal of a document request, in its own Latvian words. */
  async function refusal(response: Response): Promise<{ code: string; message: string }> {
    const body = (await response.json().catch(() => null)) as { code?: string; message?: string } | null;
    return { code: body?.code ?? String(response.status), message: body?.message ?? `Platforma atbildēja ar kļūdu (${response.status}).` };
  }

  return {
    get signedIn() {
      return access !== null;
    },
    /** Why the last sign-in to the platform failed (no network is not a wrong password), or null. */
    signInFailure: () => signInFailure,
    /** For the pokes stream, which cannot send an Authorization header through EventSource-style GETs. */
    accessToken: () => access,
    async login(username: string, password: string): Promise<void> {
      try {
        const { login } = await client(null).request(LoginDocument, { username, password });
        access = login.accessToken;
        refresh = login.refreshToken;
        signInFailure = null;
      } catch (error) {
        const failure = classify(error);
        signInFailure = failure.kind;
        throw failure;
      }
    },
    signOut() {
      access = refresh = null;
      signInFailure = null;
    },
    push: async (clientId: string, mutations: PushedMutation[]): Promise<PushResult[]> => (await call((c) => c.request(PushDocument, { clientId, mutations }))).push.results,
    /** How many bytes of a document the platform holds; null while its metadata has not reached it yet. */
    async uploadOffset(documentId: string): Promise<number | null> {
      const response = await documentRequest(documentId, { method: 'HEAD' });
      if (response.status === 404) return null;
      if (!response.ok) throw new SyncError('server', `Platforma atbildēja ar kļūdu (${response.status}).`);
      return Number(response.headers.get('Upload-Offset') ?? 0);
    },
    /** A document's whole content; null while the platform does not have all of it yet. */
    async downloadContent(documentId: string): Promise<Uint8Array | null> {
      const response = await documentRequest(documentId, { method: 'GET' });
      if (response.status === 404 || response.status === 409) return null;
      if (!response.ok) throw new SyncError('server', `Platforma atbildēja ar kļūdu (${response.status}).`);
      return new Uint8Array(await response.arrayBuffer());
    },
    /**
     * Sends one chunk at `offset`. Answers where the platform now stands, or a refusal the uploader
     * records for the clerk; a checksum refusal means the platform discarded what it had.
     */
    async uploadChunk(documentId: string, offset: number, chunk: Uint8Array): Promise<{ offset: number } | { refused: { code: string; message: string } }> {
      const response = await documentRequest(documentId, {
        method: 'PATCH',
        headers: { 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' },
        body: new Uint8Array(chunk),
      });
      if (response.status === 204) return { offset: Number(response.headers.get('Upload-Offset')) };
      if (response.status >= 500) throw new SyncError('server', `Platforma atbildēja ar kļūdu (${response.status}).`);
      const refused = await refusal(response);
      // Someone (this desk before a crash) already sent more, or all: carry on from where the platform is.
      if (refused.code === 'OFFSET_MISMATCH' || refused.code === 'ALREADY_COMPLETE') return { offset: Number(response.headers.get('Upload-Offset') ?? offset) };
      return { refused };
    },
    reserveCaseNumbers: async (clientId: string, count: number) => (await call((c) => c.request(ReserveCaseNumbersDocument, { clientId, count }))).reserveCaseNumbers,
    findClients: async (search: string, first: number) => (await call((c) => c.request(FindClientsDocument, { search, first }))).clients,
    clientProfile: async (clientId: string, reason: string) => (await call((c) => c.request(ClientProfileDocument, { clientId, reason }))).clientProfile,
    auditEvents: async (clientId: string) => (await call((c) => c.request(AuditEventsDocument, { clientId }))).auditEvents,
    articleVersions: async (id: string) => (await call((c) => c.request(ArticleVersionsDocument, { id }))).articleVersions,
    importedArticles: async (first: number, after: string | null) => (await call((c) => c.request(ImportedArticlesDocument, { first, after }))).articles,
    /** The supervisor's live view of a centre (the user's own without an id). */
    centreLive: async (centreId: string | null) => (await call((c) => c.request(CentreLiveDocument, { centreId }))).centreLive,
    statistics: async (query: { centreId: string | null; from: string; to: string; period: StatsPeriod; by: StatsDimension }) =>
      (await call((c) => c.request(StatisticsDocument, query))).statistics,
    // Narrows the JSON scalar to the shape every synced row's data has (see PullResult).
    pull: async (checkpoint: number, limit: number, clientId: string): Promise<PullResult> => (await call((c) => c.request(PullDocument, { checkpoint, limit, clientId }))).pull as PullResult,
  };
}

export type PlatformClient = ReturnType<typeof createPlatformClient>;
