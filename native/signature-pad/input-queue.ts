import type { SignaturePadError } from './errors';
import type { PadInputListener } from './transport';

export type InputEvent =
  | { kind: 'report'; bytes: Uint8Array; receivedAtNs: bigint }
  | { kind: 'error'; error: SignaturePadError }
  | { kind: 'abort' };

/**
 * Turns the transport's callbacks into events the capture loop awaits one at a time, so a report that
 * arrives while the loop is busy (re-drawing the prompt after Clear) waits its turn instead of racing.
 * Reports are stamped on arrival, not when the loop gets to them.
 */
export class InputQueue {
  private readonly events: InputEvent[] = [];
  private waiting: ((event: InputEvent) => void) | null = null;

  constructor(private readonly now: () => bigint) {}

  readonly listener: PadInputListener = {
    report: (bytes) => this.push({ kind: 'report', bytes, receivedAtNs: this.now() }),
    error: (error) => this.push({ kind: 'error', error }),
  };

  push(event: InputEvent): void {
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = null;
      waiting(event);
    } else {
      this.events.push(event);
    }
  }

  next(): Promise<InputEvent> {
    const event = this.events.shift();
    if (event) return Promise.resolve(event);
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }
}
