import { z } from 'zod';
import { ContractError } from './errors';

/**
 * The envelope both transports carry (Electron IPC and the browser-mode WebSocket). The call name and
 * input are validated by the router against `calls`; this only checks the envelope itself.
 */
export const RequestEnvelope = z.object({
  id: z.number().int().nonnegative(),
  call: z.string().max(100),
  input: z.unknown(),
});
export type RequestEnvelope = z.infer<typeof RequestEnvelope>;

export const ResponseEnvelope = z.union([
  z.object({ id: z.number().int().nonnegative(), ok: z.literal(true), data: z.unknown() }),
  z.object({ id: z.number().int().nonnegative().nullable(), ok: z.literal(false), error: ContractError }),
]);
export type ResponseEnvelope = z.infer<typeof ResponseEnvelope>;

export const EventEnvelope = z.object({ event: z.string(), payload: z.unknown() });
export type EventEnvelope = z.infer<typeof EventEnvelope>;

/** Names of the Electron IPC channels; the preload exposes nothing else. */
export const ipcChannels = { invoke: 'lete:invoke', event: 'lete:event' } as const;

/** The query parameter that carries the per-launch token in browser mode. */
export const webTokenParam = 'token';
