import type { SignaturePadError } from './errors';

export interface PadInputListener {
  report(bytes: Uint8Array): void;
  /** The pad went away while we were listening; no more reports will come. */
  error(error: SignaturePadError): void;
}

/**
 * The few HID operations a session needs, so the state machine runs against node-hid on a desk and
 * against an in-memory pad in tests. Reports include their report ID as the first byte.
 */
export interface PadTransport {
  getFeature(reportId: number, length: number): Promise<Uint8Array>;
  sendFeature(bytes: Uint8Array): Promise<void>;
  /** Returns the unsubscribe function. */
  onInput(listener: PadInputListener): () => void;
  close(): Promise<void>;
}
