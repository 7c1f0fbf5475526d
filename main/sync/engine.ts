import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { Logger } from '../logger';
import { createApplier } from './apply';
import { SyncError, type PlatformClient, type PushResult } from './platform-client';

export type LinkState = 'online' | 'offline' | 'unauthorised' | 'server_error';

interface OutboxRow {
  mutation_id: number;
  key: string;
  name: string;
  entity_id: string;
  args: string;
}

export interface SyncEngineOptions {
  clock: Clock;
  logger: Logger;
  onChange(): void;
  /** Told which rows a pulled batch changed, so open screens can refresh them. */
  onPulled?(changes: { entity: string; id: string }[]): void;
  batchSize?: number;
  pollMs?: number;
  random?: () => number;
}

/** This installation's id for the platform's per-client mutation counter, made once and kept. */
export function installationId(db: Db): string {
  const row = db.prepare<[], { value: string }>(`SELECT value FROM settings WHERE key = 'client_id'`).get();
  if (row) return row.value;
  const id = randomUUID();
  db.prepare(`INSERT INTO settings (key, value) VALUES ('client_id', ?)`).run(id);
  return id;
}

/**
 * Push, then pull, in cycles: after a local write, on a timer, and with capped, fully jittered backoff
 * after a failure. A refused or conflicting change leaves the outbox for `sync_failures`, so one bad
 * change never holds up the rest.
 */
export function createSyncEngine(db: Db, client: PlatformClient, options: SyncEngineOptions) {
  const clientId = installationId(db);
  const apply = createApplier(db);
  const batchSize = options.batchSize ?? 100;
  const pollMs = options.pollMs ?? 15_000;
  const random = options.random ?? Math.random;
  const pending = db.prepare<[number], OutboxRow>(`SELECT mutation_id, key, name, entity_id, args FROM outbox ORDER BY mutation_id LIMIT ?`);
  const checkpoint = () => Number(db.prepare<[], { value: string }>(`SELECT value FROM settings WHERE key = 'checkpoint'`).get()?.value ?? 0);
  const recordFailure = db.prepare(
    `INSERT OR REPLACE INTO sync_failures (mutation_id, kind, name, entity_id, args, reason, server_state, fields, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const drop = db.prepare(`DELETE FROM outbox WHERE mutation_id = ?`);

  let state: LinkState = 'offline';
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = true;

  const settle = db.transaction((rows: OutboxRow[], results: PushResult[]) => {
    const at = options.clock.now().toISOString();
    for (const result of results) {
      const row = rows.find((r) => r.mutation_id === result.mutationId);
      if (!row) continue;
      if (result.status === 'REJECTED' || result.status === 'CONFLICT') {
        recordFailure.run(
          row.mutation_id,
          result.status === 'REJECTED' ? 'rejected' : 'conflict',
          row.name,
          row.entity_id,
          row.args,
          result.reason,
          result.conflict ? JSON.stringify(result.conflict.serverState) : null,
          result.conflict ? JSON.stringify(result.conflict.fields) : null,
          at,
        );
      }
      if (result.status !== 'OUT_OF_ORDER') drop.run(row.mutation_id);
    }
  });

  async function pushAll() {
    for (;;) {
      const rows = pending.all(batchSize);
      if (rows.length === 0) return;
      const results = await client.push(
        clientId,
        rows.map((r) => ({ mutationId: r.mutation_id, key: r.key, name: r.name, args: JSON.parse(r.args) as unknown })),
      );
      // The desk may have shut down while the answer travelled; the next start pushes again.
      if (stopped) return;
      settle(rows, results);
      // A gap means the platform expects an earlier number: the pull's acknowledgement settles it.
      if (results.some((r) => r.status === 'OUT_OF_ORDER')) return;
    }
  }

  async function pullAll() {
    for (;;) {
      const batch = await client.pull(checkpoint(), 500, clientId);
      if (stopped) return;
      apply(batch, clientId, options.clock.now());
      if (batch.changes.length > 0) options.onPulled?.(batch.changes.map((c) => ({ entity: c.entity, id: c.id })));
      if (!batch.hasMore) return;
    }
  }

  function setState(next: LinkState) {
    if (next === state || stopped) return;
    state = next;
    options.onChange();
  }

  async function cycle(): Promise<void> {
    if (!client.signedIn) {
      setState('unauthorised');
      return;
    }
    try {
      await pushAll();
      await pullAll();
      // A pull that acknowledged a gap may have freed the queue; one more push sends the rest.
      if (pending.all(1).length > 0) await pushAll();
      failures = 0;
      setState('online');
    } catch (error) {
      failures += 1;
      const kind = error instanceof SyncError ? error.kind : 'server';
      options.logger.error('sync.cycleFailed', { kind, failures });
      setState(kind === 'offline' ? 'offline' : kind === 'unauthorised' ? 'unauthorised' : 'server_error');
    } finally {
      if (!stopped) options.onChange();
    }
  }

  function schedule() {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    // Full jitter: desks that lost the network together do not all come back in the same second.
    const delay = failures === 0 ? pollMs : random() * Math.min(60_000, 1_000 * 2 ** failures);
    timer = setTimeout(() => void run(), delay);
  }

  async function run(): Promise<void> {
    if (stopped) return;
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await cycle();
      } while (again);
    })();
    try {
      await running;
    } finally {
      running = null;
      schedule();
    }
  }

  return {
    clientId,
    state: () => state,
    /** Runs a cycle now (after a local write, a poke, a reconnect) and resolves when it is done. */
    syncNow: run,
    start() {
      stopped = false;
      void run();
    },
    /** Stops scheduling; a cycle in flight drops its answer rather than touch a closing database. */
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;
