import type { EventName, EventPayload } from '../preload/contract';

export type EventListener = <K extends EventName>(event: K, payload: EventPayload<K>) => void;

/** Core → renderer pushes. Transports subscribe once and forward to their windows or sockets. */
export interface EventBus {
  emit<K extends EventName>(event: K, payload: EventPayload<K>): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      for (const listener of listeners) listener(event, payload);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
