import { z } from 'zod';
import { Locale, SyncStatus } from './domain';

/** Every core → renderer push. Payloads carry no personal data: a screen refetches through a call. */
export const events = {
  'status.changed': SyncStatus,
  'consultations.changed': z.object({ id: z.uuid() }),
  /** A case, its invoices or its attachments changed, here or by a pull (the owner's back office moved it). */
  'cases.changed': z.object({ id: z.uuid() }),
  'clients.changed': z.object({ id: z.uuid() }),
  /** Articles or call scripts arrived or changed: open knowledge screens re-read what they show. */
  'kb.changed': z.object({}),
  /** Pages arrived, or the scan ended, in a scanning session this desk runs. */
  'scanner.progress': z.object({ sessionId: z.uuid() }),
  /** A signature pad or scanner was plugged in or out. */
  'devices.changed': z.object({}),
  /** Tickets, queues, appointments or worktime changed, here or by a pull: queue screens re-read. */
  'queue.changed': z.object({}),
  /** Tickets, worktime, ratings, queues or alert settings arrived: the supervisor's live view re-reads at once. */
  'supervision.changed': z.object({}),
  'session.changed': z.object({ signedIn: z.boolean() }),
  'preferences.localeChanged': z.object({ locale: Locale }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = z.output<Events[K]>;

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
