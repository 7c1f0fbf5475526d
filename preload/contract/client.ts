import type { CallInput, CallName, CallOutput } from './calls';
import type { Result } from './errors';
import type { EventName, EventPayload } from './events';

/**
 * The shape the renderer sees, whatever the transport. `invoke` never rejects: a failure of the core,
 * of validation or of the transport comes back as `{ ok: false, error }`.
 */
export interface LeteClient {
  invoke<K extends CallName>(call: K, input: CallInput<K>): Promise<Result<CallOutput<K>>>;
  on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): () => void;
}

/** What preload/electron.ts exposes on `window.lete` (untyped by design: the contract types it). */
export interface LeteBridge {
  invoke(call: string, input: unknown): Promise<unknown>;
  on(listener: (event: string, payload: unknown) => void): () => void;
}
