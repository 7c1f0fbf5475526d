import { randomUUID } from 'node:crypto';
import type { Db } from '../db/connection';

export interface OutboxEntry {
  name: string;
  entityId: string;
  args: unknown;
  userId: string;
  at: Date;
}

/**
 * Appends a mutation with the next number of this installation's gap-free counter. Call it inside the
 * same transaction as the visible change, so the two are saved together or not at all.
 */
export function appendToOutbox(db: Db, entry: OutboxEntry): number {
  const next = db.prepare<[], { next: number }>(`SELECT coalesce(max(mutation_id), 0) + 1 AS next FROM outbox`).get();
  const last = db.prepare<[string], { value: string }>(`SELECT value FROM settings WHERE key = ?`).get('last_mutation_id');
  // Acknowledged rows leave the outbox, so the counter must also remember the highest number ever used.
  const mutationId = Math.max(next?.next ?? 1, Number(last?.value ?? 0) + 1);
  db.prepare(
    `INSERT INTO outbox (mutation_id, key, name, entity_id, args, created_at, user_id) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(mutationId, randomUUID(), entry.name, entry.entityId, JSON.stringify(entry.args), entry.at.toISOString(), entry.userId);
  db.prepare(
    `INSERT INTO settings (key, value) VALUES ('last_mutation_id', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  ).run(String(mutationId));
  return mutationId;
}
