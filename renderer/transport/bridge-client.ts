import { isEventName, type EventName, type EventPayload, type LeteBridge, type LeteClient, type Result } from '../../preload/contract';

/** The contract over Electron IPC, through the preload's `window.lete` bridge. */
export function createBridgeClient(bridge: LeteBridge): LeteClient {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  bridge.on((event, payload) => {
    if (!isEventName(event)) return;
    for (const listener of listeners.get(event) ?? []) listener(payload);
  });
  return {
    invoke: (call, input) => bridge.invoke(call, input ?? {}) as Promise<Result<never>>,
    on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
  };
}
