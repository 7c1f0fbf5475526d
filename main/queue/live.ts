import { randomUUID } from 'node:crypto';
import { AppError } from '../../preload/contract';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { SyncError, type PlatformClient } from '../sync/platform-client';

export const QUEUE_OFFLINE_MESSAGE = 'Rinda šobrīd nav pieejama: nav savienojuma ar platformu. Klientus bez talona apkalpojiet kā parasti; rinda atsāksies, kad savienojums atjaunosies.';

interface Pending {
  mutation_id: number;
  key: string;
  name: string;
  args: string;
}

export interface LiveDeps {
  clock: Clock;
  /** The signed-in platform client while the link is up, or null. */
  remote: () => PlatformClient | null;
  /** This installation's id; the queue channel is a client of its own beside the outbox's. */
  installationId: string;
  /** Sends the outbox first (a ticket finished offline must reach the platform before the next call) and pulls what changed. */
  syncNow: () => Promise<void>;
}

/**
 * Queue actions that need the platform's answer at once: call next, recall, start, no-show, transfer,
 * check-in and booking. They are pushed on a channel of their own (a second client id) one at a time,
 * so they never wait behind the outbox and never fire later by surprise: with no link the clerk is
 * told so and nothing is queued. An action whose answer was lost on the way is kept and sent again with
 * the same number and key before anything else; the platform answers a repeat with the first answer.
 */
export function createLiveChannel(db: Db, deps: LiveDeps) {
  const clientId = `${deps.installationId}:rinda`;
  const pending = db.prepare<[], Pending>(`SELECT mutation_id, key, name, args FROM queue_live_pending ORDER BY mutation_id LIMIT 1`);
  const last = db.prepare<[], { value: string }>(`SELECT value FROM settings WHERE key = 'queue_live_last_mutation_id'`);
  const setLast = db.prepare(`INSERT INTO settings (key, value) VALUES ('queue_live_last_mutation_id', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  const keep = db.prepare(`INSERT INTO queue_live_pending (mutation_id, key, name, args, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`);
  const forget = db.prepare(`DELETE FROM queue_live_pending WHERE mutation_id = ?`);
  // Never sent: the platform still expects this number, so the next action takes it.
  const unsend = db.transaction((mutationId: number) => {
    forget.run(mutationId);
    setLast.run(String(mutationId - 1));
  });
  const record = db.transaction((name: string, args: object, userId: string): Pending => {
    const mutationId = Number(last.get()?.value ?? 0) + 1;
    const entry = { mutation_id: mutationId, key: randomUUID(), name, args: JSON.stringify(args) };
    keep.run(mutationId, entry.key, name, entry.args, userId, deps.clock.now().toISOString());
    setLast.run(String(mutationId));
    return entry;
  });
  let chain: Promise<unknown> = Promise.resolve();

  async function push(remote: PlatformClient, entry: Pending) {
    try {
      const [answer] = await remote.push(clientId, [{ mutationId: entry.mutation_id, key: entry.key, name: entry.name, args: JSON.parse(entry.args) as unknown, baseVersions: {} }]);
      if (!answer) throw new SyncError('server', 'Platforma neatbildēja uz rindas darbību.');
      // Answered, whatever the answer: it is never sent again.
      forget.run(entry.mutation_id);
      return answer;
    } catch (error) {
      if (error instanceof SyncError && error.neverSent) unsend(entry.mutation_id);
      if (error instanceof SyncError && error.kind === 'offline') throw new AppError('TRANSPORT', QUEUE_OFFLINE_MESSAGE);
      if (error instanceof SyncError) throw new AppError('TRANSPORT', `Platforma rindas darbību nepieņēma: ${error.message}`);
      throw error;
    }
  }

  async function send(name: string, args: object, userId: string): Promise<unknown> {
    // The sync first: it tells whether the link is back, and sends a ticket finished offline before this.
    await deps.syncNow();
    const remote = deps.remote();
    if (!remote) throw new AppError('TRANSPORT', QUEUE_OFFLINE_MESSAGE);
    // An action whose answer was lost goes first. If it was this same action (the clerk pressed again),
    // its answer is the answer; otherwise what it did arrives with the pull and the new action goes on.
    const earlier = pending.get();
    if (earlier) {
      const answer = await push(remote, earlier);
      if (earlier.name === name && (answer.status === 'APPLIED' || answer.status === 'ALREADY_APPLIED')) {
        await deps.syncNow();
        return answer.result ?? null;
      }
    }
    const answer = await push(remote, record(name, args, userId));
    if (answer.status === 'REJECTED' || answer.status === 'CONFLICT') throw new AppError('CONFLICT', answer.reason ?? 'Platforma šo rindas darbību noraidīja.');
    if (answer.status === 'OUT_OF_ORDER') throw new AppError('TRANSPORT', 'Platforma gaida agrāku rindas darbību; ziņojiet IT atbalstam.');
    await deps.syncNow();
    return answer.result ?? null;
  }

  return {
    clientId,
    /** One action at a time: a second click waits for the first answer instead of racing it. */
    send(name: string, args: object, userId: string): Promise<unknown> {
      const next = chain.then(
        () => send(name, args, userId),
        () => send(name, args, userId),
      );
      chain = next.catch(() => undefined);
      return next;
    },
    /** Whether an action's answer is still unknown (shown to the clerk, resent with the next action). */
    unanswered: () => pending.get() !== undefined,
  };
}

export type LiveChannel = ReturnType<typeof createLiveChannel>;
