import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { Logger } from '../logger';
import { SyncError, type PlatformClient, type PushResult } from './platform-client';
import type { LocalStore, OutboxRow } from './store';

export type LinkState = 'online' | 'offline' | 'unauthorised' | 'server_error' | 'update_required';

/** How far the first download has come, and a guess at how long it still takes. */
export interface BootstrapProgress {
  done: number;
  total: number;
  etaSeconds: number | null;
}

export interface SyncEngineOptions {
  clock: Clock;
  logger: Logger;
  onChange(): void;
  /** Told which rows a pulled batch changed, so open screens can refresh them. */
  onPulled?(changes: { entity: string; id: string; data: Record<string, unknown> | null }[]): void;
  batchSize?: number;
  pullLimit?: number;
  pollMs?: number;
  random?: () => number;
  /** Monotonic milliseconds, for the download estimate. */
  monotonic?: () => number;
  /** Work that needs the platform's confirmed state first (document content); its failures wait for the next cycle. */
  afterSync?: () => Promise<void>;
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
 * Push, then pull, in cycles: after a local write, on a poke, on a timer, and with capped, fully
 * jittered backoff after a failure. The outbox is only ever emptied by the platform's answer: an
 * applied change stays (marked) until a pull brings its result, a refused or conflicting one moves to
 * `sync_failures` so it never holds up the rest, and a failure of any other kind leaves it untouched.
 */
export function createSyncEngine(db: Db, client: PlatformClient, store: LocalStore, options: SyncEngineOptions) {
  const clientId = installationId(db);
  const batchSize = options.batchSize ?? 100;
  const pullLimit = options.pullLimit ?? 500;
  const pollMs = options.pollMs ?? 15_000;
  const random = options.random ?? Math.random;
  const monotonic = options.monotonic ?? (() => performance.now());
  const unsent = db.prepare<[number], OutboxRow>(
    `SELECT mutation_id, key, name, entity, entity_id, args, base_versions FROM outbox WHERE applied = 0 ORDER BY mutation_id LIMIT ?`,
  );
  const setting = db.prepare<[string], { value: string }>(`SELECT value FROM settings WHERE key = ?`);
  const setSetting = db.prepare(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  const checkpoint = () => Number(setting.get('checkpoint')?.value ?? 0);
  const recordFailure = db.prepare(
    `INSERT OR REPLACE INTO sync_failures (mutation_id, kind, name, entity, entity_id, args, reason, server_state, fields, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const markApplied = db.prepare(`UPDATE outbox SET applied = 1 WHERE mutation_id = ?`);
  const drop = db.prepare(`DELETE FROM outbox WHERE mutation_id = ?`);

  let state: LinkState = 'offline';
  let failures = 0;
  let bootstrap: BootstrapProgress | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = true;

  const settle = db.transaction((rows: OutboxRow[], results: PushResult[]) => {
    const at = options.clock.now().toISOString();
    for (const result of results) {
      const row = rows.find((r) => r.mutation_id === result.mutationId);
      if (!row) continue;
      if (result.status === 'APPLIED' || result.status === 'ALREADY_APPLIED') {
        markApplied.run(row.mutation_id);
        store.answered(row.mutation_id, result.version ?? null);
      } else if (result.status === 'REJECTED' || result.status === 'CONFLICT') {
        recordFailure.run(
          row.mutation_id,
          result.status === 'REJECTED' ? 'rejected' : 'conflict',
          row.name,
          row.entity,
          row.entity_id,
          row.args,
          result.reason ?? null,
          result.conflict ? JSON.stringify(result.conflict.serverState) : null,
          result.conflict ? JSON.stringify(result.conflict.fields) : null,
          at,
        );
        drop.run(row.mutation_id);
        store.answered(row.mutation_id, null);
        // The clerk's edit is off the screen now; it waits in the outbox view with the reason.
        store.rebuild(row.entity, row.entity_id);
      }
    }
  });

  /** The unsent entries that can go now: an edit waiting for an earlier answer of ours goes next time. */
  function sendable(): { row: OutboxRow; baseVersions: Record<string, number> }[] {
    const batch: { row: OutboxRow; baseVersions: Record<string, number> }[] = [];
    for (const row of unsent.all(batchSize)) {
      const baseVersions = store.sendableBase(row);
      if (!baseVersions) break;
      batch.push({ row, baseVersions });
    }
    return batch;
  }

  async function pushAll() {
    for (;;) {
      const batch = sendable();
      if (batch.length === 0) return;
      const results = await client.push(
        clientId,
        batch.map(({ row, baseVersions }) => ({ mutationId: row.mutation_id, key: row.key, name: row.name, args: JSON.parse(row.args) as unknown, baseVersions })),
      );
      // The desk may have shut down while the answer travelled; the next start pushes again.
      if (stopped) return;
      settle(
        batch.map((b) => b.row),
        results,
      );
      if (results.some((r) => r.status === 'OUT_OF_ORDER')) {
        // The platform expects a number we no longer hold: it was restored from an older backup.
        throw new SyncError('server', 'Platforma gaida agrāku izmaiņu, nekā darba vietā ir saglabāta. Izmaiņas paliek darba vietā; ziņojiet IT atbalstam.');
      }
    }
  }

  async function pullAll() {
    const firstDownload = setting.get('bootstrapped')?.value !== '1';
    const from = checkpoint();
    const started = monotonic();
    for (;;) {
      const batch = await client.pull(checkpoint(), pullLimit, clientId);
      if (stopped) return;
      store.applyPulled(
        {
          changes: batch.changes.map((c) => ({ ...c, fieldVersions: (c.fieldVersions ?? null) as Record<string, unknown> | null })),
          checkpoint: batch.checkpoint,
          lastMutationId: batch.acks.find((a) => a.clientId === clientId)?.lastMutationId ?? null,
          final: !batch.hasMore,
        },
        options.clock.now(),
      );
      if (batch.changes.length > 0) options.onPulled?.(batch.changes.map((c) => ({ entity: c.entity, id: c.id, data: c.data })));
      if (!batch.hasMore) {
        if (firstDownload) setSetting.run('bootstrapped', '1');
        if (bootstrap) {
          bootstrap = null;
          options.onChange();
        }
        return;
      }
      if (firstDownload) {
        // Seq numbers stand in for rows: close enough for a progress bar, and free to compute.
        const done = batch.checkpoint - from;
        const total = Math.max(done, batch.head - from);
        const elapsed = (monotonic() - started) / 1000;
        bootstrap = { done, total, etaSeconds: done > 0 && elapsed > 0 ? Math.ceil(((total - done) * elapsed) / done) : null };
        options.onChange();
      }
    }
  }

  function setState(next: LinkState) {
    if (next === state || stopped) return;
    state = next;
    options.onChange();
  }

  async function cycle(): Promise<void> {
    if (!client.signedIn) {
      // Still trying to sign in through an outage is not a wrong password.
      const failure = client.signInFailure();
      setState(failure === 'offline' ? 'offline' : failure === 'server' ? 'server_error' : 'unauthorised');
      return;
    }
    try {
      await pushAll();
      await pullAll();
      // The pull may have freed edits that waited for an earlier answer; send them too.
      if (sendable().length > 0) await pushAll();
      failures = 0;
      setState('online');
      await options.afterSync?.().catch((error: unknown) => options.logger.error('sync.afterSyncFailed', { kind: error instanceof SyncError ? error.kind : 'server' }));
    } catch (error) {
      failures += 1;
      const kind = error instanceof SyncError ? error.kind : 'server';
      options.logger.error('sync.cycleFailed', { kind, failures });
      setState(kind === 'offline' ? 'offline' : kind === 'unauthorised' ? 'unauthorised' : kind === 'update_required' ? 'update_required' : 'server_error');
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
    bootstrap: () => bootstrap,
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
