import { randomUUID } from 'node:crypto';
import { GraphQLClient } from 'graphql-request';
import type { CaseData, InvoiceData } from '../entities';
import { decide, type BackOfficeView } from './decide';

/**
 * Plays the owner institutions' back-office systems. Each one is an ordinary integration client of
 * the platform's public API: it signs in with its own account, takes submitted applications from
 * `submissions`, follows its institution's cases and invoices through `pull`, and reports status and
 * payments through `push` with its own gap-free mutation numbers, exactly as a real connector would.
 */
export interface SimulationOptions {
  url: string;
  accounts: { username: string; password: string }[];
  /** How long a simulated back office takes per step; the demo uses minutes, tests milliseconds. */
  paceMs: number;
  tickMs: number;
  now?: () => Date;
  onError?: (account: string, error: unknown) => void;
}

const LOGIN = `mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }`;
const SUBMISSIONS = `{ submissions(first: 50) { case { id caseNumber } } }`;
const PULL = `query ($c: Int!, $id: ID) { pull(checkpoint: $c, limit: 1000, clientId: $id) { changes { entity id deleted data } checkpoint hasMore acks { lastMutationId } } }`;
const PUSH = `mutation ($id: ID!, $m: [MutationInput!]!) { push(clientId: $id, mutations: $m) { results { mutationId status reason } } }`;

interface Pending {
  mutationId: number;
  key: string;
  name: string;
  args: unknown;
}

function backOffice(options: SimulationOptions, account: { username: string; password: string }) {
  const clientId = `backoffice-${account.username}`;
  const view: BackOfficeView = { cases: new Map(), invoices: new Map(), fees: new Map() };
  let client: GraphQLClient | null = null;
  let checkpoint = 0;
  let lastMutationId: number | null = null;
  // A batch whose answer was lost is sent again as it was, so the platform recognises it.
  let pending: Pending[] = [];

  async function signIn(): Promise<GraphQLClient> {
    const anonymous = new GraphQLClient(`${options.url}/graphql`);
    const { login } = await anonymous.request<{ login: { accessToken: string } }>(LOGIN, { u: account.username, p: account.password });
    return new GraphQLClient(`${options.url}/graphql`, { headers: { authorization: `Bearer ${login.accessToken}` } });
  }

  async function pull(gql: GraphQLClient) {
    for (;;) {
      const { pull: page } = await gql.request<{ pull: { changes: { entity: string; id: string; deleted: boolean; data: Record<string, unknown> }[]; checkpoint: number; hasMore: boolean; acks: { lastMutationId: number }[] } }>(
        PULL,
        { c: checkpoint, id: clientId },
      );
      for (const change of page.changes) {
        if (change.entity === 'service') view.fees.set(change.id, (change.data.fee as { kind: 'free' | 'fee' | 'state_duty' }).kind);
        else if (change.entity === 'case') {
          if (change.deleted) view.cases.delete(change.id);
          else view.cases.set(change.id, change.data as unknown as CaseData);
        } else if (change.entity === 'invoice') {
          if (change.deleted) view.invoices.delete(change.id);
          else view.invoices.set(change.id, change.data as unknown as InvoiceData);
        }
      }
      checkpoint = page.checkpoint;
      lastMutationId ??= page.acks[0]?.lastMutationId ?? 0;
      if (!page.hasMore) return;
    }
  }

  async function send(gql: GraphQLClient, batch: Pending[]) {
    pending = batch;
    await gql.request(PUSH, { id: clientId, m: batch.map(({ mutationId, key, name, args }) => ({ mutationId, key, name, args })) });
    pending = [];
  }

  return async function tick(): Promise<void> {
    try {
      client ??= await signIn();
      if (pending.length > 0) await send(client, pending);
      await pull(client);
      const now = options.now?.() ?? new Date();
      const { submissions } = await client.request<{ submissions: { case: { id: string; caseNumber: string } }[] }>(SUBMISSIONS);
      const decisions = [
        ...submissions.map((s) => ({ name: 'backoffice.accept', args: { id: s.case.id, reference: `${account.username.split('.')[1]?.toUpperCase()}-${s.case.caseNumber.replace(/\s/gu, '-')}` } })),
        ...decide(view, now, options.paceMs),
      ];
      if (decisions.length === 0) return;
      let next = lastMutationId ?? 0;
      const batch = decisions.slice(0, 200).map((d) => ({ mutationId: ++next, key: randomUUID(), name: d.name, args: d.args }));
      lastMutationId = next;
      await send(client, batch);
    } catch (error) {
      // Signed out after a platform restart or a token expiry: sign in again on the next tick.
      client = null;
      options.onError?.(account.username, error);
    }
  };
}

export function startBackOfficeSimulation(options: SimulationOptions) {
  const offices = options.accounts.map((a) => backOffice(options, a));
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = running.then(() => Promise.all(offices.map((office) => office())));
    return running.then(() => undefined);
  };
  const timer = setInterval(() => void tick(), options.tickMs);
  timer.unref();
  return {
    /** Runs one round now: tests drive the simulation step by step. */
    tick,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
