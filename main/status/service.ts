import type { SyncStatus } from '../../preload/contract';
import type { Db } from '../db/connection';
import type { EventBus } from '../events';

/**
 * What the status bar shows: the link to the platform as the sync engine last found it (or
 * `not_configured` when the desk has no platform), and how many changes wait in the outbox.
 */
export function createStatusService(db: Db, events: EventBus, link?: { state(): SyncStatus['connection']; bootstrap(): SyncStatus['bootstrap'] }) {
  // Applied but not yet pulled back is no longer waiting on the network.
  const pending = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM outbox WHERE applied = 0`);
  const failed = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM sync_failures WHERE resolved_at IS NULL`);
  const setting = db.prepare<[string], { value: string }>(`SELECT value FROM settings WHERE key = ?`);
  const get = (): SyncStatus => ({
    connection: link ? link.state() : 'not_configured',
    bootstrap: link?.bootstrap() ?? null,
    pendingChanges: pending.get()?.n ?? 0,
    failedChanges: failed.get()?.n ?? 0,
    lastSyncAt: setting.get('last_sync_at')?.value ?? null,
  });
  return {
    get,
    changed: () => events.emit('status.changed', get()),
  };
}
