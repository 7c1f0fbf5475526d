import type { SyncStatus } from '../../preload/contract';
import type { Db } from '../db/connection';
import type { EventBus } from '../events';

/**
 * What the status bar shows. Until a platform address is configured the desk is honest about it:
 * `not_configured`, with every change counted as pending in the outbox.
 */
export function createStatusService(db: Db, events: EventBus) {
  const pending = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM outbox`);
  const setting = db.prepare<[string], { value: string }>(`SELECT value FROM settings WHERE key = ?`);
  const get = (): SyncStatus => ({
    connection: setting.get('platform_url') ? 'offline' : 'not_configured',
    pendingChanges: pending.get()?.n ?? 0,
    lastSyncAt: setting.get('last_sync_at')?.value ?? null,
  });
  return {
    get,
    changed: () => events.emit('status.changed', get()),
  };
}
