import type { LeteBridge, LeteClient, Result } from '../../preload/contract';
import { createListeners } from './listeners';

/** The contract over Electron IPC, through the preload's `window.lete` bridge. */
export function createBridgeClient(bridge: LeteBridge): LeteClient {
  const listeners = createListeners();
  bridge.on(listeners.emit);
  return {
    invoke: (call, input) => bridge.invoke(call, input ?? {}) as Promise<Result<never>>,
    on: listeners.on,
  };
}
