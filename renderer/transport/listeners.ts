import { isEventName, type EventName, type EventPayload } from '../../preload/contract';

/** Event listeners by name, shared by both transports; unknown event names are dropped. */
export function createListeners() {
  const byEvent = new Map<EventName, Set<(payload: unknown) => void>>();
  return {
    on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): () => void {
      const set = byEvent.get(event) ?? new Set();
      byEvent.set(event, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    emit(event: string, payload: unknown): void {
      if (!isEventName(event)) return;
      for (const listener of byEvent.get(event) ?? []) listener(payload);
    },
  };
}
