/**
 * The hall devices' link to the platform: GraphQL on the same origin, a device sign-in that survives
 * reloads, and pushes numbered like a desk's outbox. Plain fetch, no desk in between: a kiosk or a
 * TV has only a browser.
 */

export type FailureKind = 'unreachable' | 'timeout' | 'server' | 'signedOut' | 'refused';

/** A failure the page shows in Latvian (and English) and, except for `signedOut`, retries by itself. */
export class PlatformFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
  }
}

const failures: Record<Exclude<FailureKind, 'refused'>, [string, string]> = {
  unreachable: ['Nevar sazināties ar sistēmu. Mēģinām vēlreiz…', 'Cannot reach the system. Retrying…'],
  timeout: ['Sistēma neatbild. Mēģinām vēlreiz…', 'The system does not answer. Retrying…'],
  server: ['Sistēmā radās kļūda. Mēģinām vēlreiz…', 'The system had an error. Retrying…'],
  signedOut: ['Ierīces sesija ir beigusies. Pieslēdziet ierīci vēlreiz.', 'The device session has ended. Sign the device in again.'],
};
const failure = (kind: Exclude<FailureKind, 'refused'>) => new PlatformFailure(kind, ...failures[kind]);

/** A UUID v4 from getRandomValues: `crypto.randomUUID` exists only in secure contexts, and a hall TV may open plain http. */
export function uuid(random: (a: Uint8Array) => Uint8Array = (a) => crypto.getRandomValues(a)): string {
  const b = random(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export interface Transport {
  fetch: typeof fetch;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  now: () => number;
  /** How long a request may take before the page says the system does not answer. */
  timeoutMs: number;
}

export interface DeviceUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  centreId: string | null;
  deskId: string | null;
}

export interface MutationResult {
  mutationId: number;
  status: 'APPLIED' | 'ALREADY_APPLIED' | 'OUT_OF_ORDER' | 'REJECTED' | 'CONFLICT';
  reason: string | null;
  result: unknown;
}

interface Pending {
  clientId: string;
  mutationId: number;
  key: string;
  name: string;
  args: unknown;
}

interface Outbox {
  clientId: string;
  /** The last mutation id taken; the next is one more, with no gaps. */
  last: number;
  /** Mutations sent or about to be, whose answers have not arrived: resent with the same id and key, in order, before any new one. */
  pending: Pending[];
}

const AUTH_FIELDS = 'accessToken expiresAt refreshToken user { id username displayName roles centreId deskId }';
const PUSH = `mutation Push($clientId: ID!, $mutations: [MutationInput!]!) { push(clientId: $clientId, mutations: $mutations) { results { mutationId status reason result } } }`;

interface Auth {
  accessToken: string;
  expiresAt: string;
  refreshToken: string;
  user: DeviceUser;
}

/**
 * One device's session and outbox. `namespace` keeps the kiosk, the display and the rating screen
 * apart when one browser profile runs two of them: each has its own refresh token (they rotate, so
 * two pages sharing one would spend each other's) and its own mutation counter.
 */
export function createDevice(namespace: string, transport: Transport) {
  const keys = { refresh: `lete.screens.${namespace}.refreshToken`, user: `lete.screens.${namespace}.user`, outbox: `lete.screens.${namespace}.outbox` };
  const { storage } = transport;
  let access: { token: string; expiresAt: number } | null = null;
  let refreshing: Promise<void> | null = null;
  let sending: Promise<void> = Promise.resolve();
  const listeners = new Set<() => void>();

  function readJson<T>(key: string): T | null {
    try {
      const raw = storage.getItem(key);
      return raw ? (JSON.parse(raw) as T) : null;
    } catch {
      return null;
    }
  }

  /** One GraphQL request with a time limit; every way it can fail becomes a PlatformFailure. */
  async function request<T>(query: string, variables: Record<string, unknown>, token: string | null): Promise<T> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), transport.timeoutMs);
    let response: Response;
    try {
      response = await transport.fetch('/graphql', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
        signal: controller.signal,
        credentials: 'omit',
      });
    } catch {
      throw failure(controller.signal.aborted ? 'timeout' : 'unreachable');
    } finally {
      clearTimeout(timer);
    }
    let body: { data?: T | null; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      throw failure(response.status >= 500 || response.status === 0 ? 'server' : 'unreachable');
    }
    const [error] = body.errors ?? [];
    if (error) {
      const code = error.extensions?.code;
      if (code === 'UNAUTHENTICATED') throw failure('signedOut');
      if (code === 'BAD_CREDENTIALS' || code === 'TOO_MANY_ATTEMPTS' || code === 'FORBIDDEN' || code === 'BAD_REQUEST' || code === 'UPDATE_REQUIRED') {
        throw new PlatformFailure('refused', error.message, error.message);
      }
      throw failure('server');
    }
    if (!response.ok || !body.data) throw failure('server');
    return body.data;
  }

  function keep(auth: Auth) {
    access = { token: auth.accessToken, expiresAt: Date.parse(auth.expiresAt) };
    // Kept across reloads on purpose: a kiosk, a display or a rating screen is a dedicated device
    // account, not a person. After a power cut or a reload in the night it must come back on its own,
    // with nobody there to type a password; the refresh token is that device's standing credential
    // (revoked on the platform like any other, by disabling the device account).
    storage.setItem(keys.refresh, auth.refreshToken);
    storage.setItem(keys.user, JSON.stringify(auth.user));
  }

  function forget() {
    access = null;
    storage.removeItem(keys.refresh);
    storage.removeItem(keys.user);
    for (const l of listeners) l();
  }

  /** A fresh access token when the one held expires within half a minute (or none is held yet). */
  async function token(): Promise<string> {
    if (access && access.expiresAt - transport.now() > 30_000) return access.token;
    refreshing ??= (async () => {
      const refreshToken = storage.getItem(keys.refresh);
      if (!refreshToken) throw failure('signedOut');
      try {
        const { refresh } = await request<{ refresh: Auth }>(`mutation Refresh($t: String!) { refresh(refreshToken: $t) { ${AUTH_FIELDS} } }`, { t: refreshToken }, null);
        keep(refresh);
      } catch (error) {
        if (error instanceof PlatformFailure && error.kind === 'signedOut') forget();
        throw error;
      }
    })().finally(() => (refreshing = null));
    await refreshing;
    if (!access) throw failure('signedOut');
    return access.token;
  }

  /** A signed-in request; an access token refused as expired is renewed once and the request repeated. */
  async function query<T>(text: string, variables: Record<string, unknown> = {}): Promise<T> {
    try {
      return await request<T>(text, variables, await token());
    } catch (error) {
      if (!(error instanceof PlatformFailure) || error.kind !== 'signedOut' || !storage.getItem(keys.refresh)) throw error;
      access = null;
      return request<T>(text, variables, await token());
    }
  }

  function outbox(): Outbox {
    const kept = readJson<Outbox>(keys.outbox);
    return kept && typeof kept.clientId === 'string' && Number.isInteger(kept.last) && Array.isArray(kept.pending)
      ? kept
      : { clientId: uuid(), last: 0, pending: [] };
  }
  const saveOutbox = (o: Outbox) => storage.setItem(keys.outbox, JSON.stringify(o));
  /** Answers heard, by key, for the page that is waiting on them. */
  const answers = new Map<string, MutationResult>();

  /**
   * Numbers a mutation and stores it before anything is sent, so a reload or a lost answer resends
   * the same id and key (the platform then answers ALREADY_APPLIED with the stored result).
   */
  function enqueue(name: string, args: unknown): string {
    const box = outbox();
    const key = uuid();
    saveOutbox({ ...box, last: box.last + 1, pending: [...box.pending, { clientId: box.clientId, mutationId: box.last + 1, key, name, args }] });
    return key;
  }

  async function sendAll(): Promise<void> {
    const box = outbox();
    if (box.pending.length === 0) return;
    const { push } = await query<{ push: { results: MutationResult[] } }>(PUSH, {
      clientId: box.clientId,
      mutations: box.pending.map((m) => ({ mutationId: m.mutationId, key: m.key, name: m.name, args: m.args })),
    });
    const heard = new Set<string>();
    for (const result of push.results) {
      const m = box.pending.find((p) => p.mutationId === result.mutationId);
      if (!m || result.status === 'OUT_OF_ORDER') continue;
      answers.set(m.key, result);
      heard.add(m.key);
    }
    const rest = box.pending.filter((m) => !heard.has(m.key));
    if (rest.length > 0 && push.results.some((r) => r.status === 'OUT_OF_ORDER') && heard.size === 0) {
      // The platform has not seen this counter (a restored or copied browser profile): a gap applies
      // nothing, so the same changes go again, numbered from 1 under a new installation id.
      const clientId = uuid();
      saveOutbox({ clientId, last: rest.length, pending: rest.map((m, i) => ({ ...m, clientId, mutationId: i + 1 })) });
      return sendAll();
    }
    saveOutbox({ ...outbox(), pending: outbox().pending.filter((m) => !heard.has(m.key)) });
    if (rest.length > 0) return sendAll();
  }

  /** Sends everything waiting, in order, one push at a time. */
  function flush(): Promise<void> {
    const next = sending.then(sendAll, sendAll);
    sending = next.catch(() => undefined);
    return next;
  }

  /** The answer to a queued mutation, flushing until it has one (failures throw; call again to retry). */
  async function answer(key: string): Promise<MutationResult> {
    const known = answers.get(key);
    if (known) return known;
    await flush();
    const heard = answers.get(key);
    if (!heard) throw failure('server');
    return heard;
  }

  /** Pushes one intent and waits for its answer. */
  const push = (name: string, args: unknown) => answer(enqueue(name, args));

  return {
    get user(): DeviceUser | null {
      return storage.getItem(keys.refresh) ? readJson<DeviceUser>(keys.user) : null;
    },
    async signIn(username: string, password: string): Promise<DeviceUser> {
      const { login } = await request<{ login: Auth }>(`mutation Login($u: String!, $p: String!) { login(username: $u, password: $p) { ${AUTH_FIELDS} } }`, { u: username, p: password }, null);
      keep(login);
      for (const l of listeners) l();
      return login.user;
    },
    signOut: forget,
    /** Called when the device signs out (its refresh token is no longer accepted). */
    onChange(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    query,
    token,
    enqueue,
    answer,
    flush,
    push,
    get hasPending() {
      return outbox().pending.length > 0;
    },
  };
}

export type Device = ReturnType<typeof createDevice>;

export function browserDevice(namespace: string): Device {
  return createDevice(namespace, { fetch: (...a) => fetch(...a), storage: localStorage, now: () => Date.now(), timeoutMs: 10_000 });
}

/** Keeps trying `run` with capped, jittered backoff until it succeeds or `signal` aborts; failures are reported. */
export async function retrying<T>(run: () => Promise<T>, onFailure: (error: PlatformFailure) => void, signal?: AbortSignal): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const f = error instanceof PlatformFailure ? error : new PlatformFailure('server', ...failures.server);
      onFailure(f);
      if (f.kind === 'signedOut' || f.kind === 'refused' || signal?.aborted) throw f;
      const wait = Math.min(15_000, 1000 * 2 ** attempt) * (0.5 + Math.random() / 2);
      await new Promise<void>((r) => {
        const timer = setTimeout(r, wait);
        signal?.addEventListener('abort', () => (clearTimeout(timer), r()), { once: true });
      });
      if (signal?.aborted) throw f;
    }
  }
}
