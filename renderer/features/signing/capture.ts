import { MAX_SIGNATURE_SAMPLES, MIN_SIGNATURE_SAMPLES, type ScreenSample, type ScreenSignature } from '../../../preload/contract';

type PointerKind = ScreenSample[4];

/** What a pointer event says about one position, in the page's coordinates and time. */
export interface PointerReading {
  clientX: number;
  clientY: number;
  pressure: number;
  pointerType: string;
  /** The event's time on the performance.now() clock: when it happened, not when it was handled. */
  timeStamp: number;
}

export interface AreaRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

const clamp = (n: number) => Math.min(1, Math.max(0, n));
/** Ten-thousandths of the area are finer than any screen; fewer digits keep a long signature within one message. */
const round = (n: number, places: number) => Number(n.toFixed(places));
const kinds: readonly string[] = ['mouse', 'pen', 'touch'];

/**
 * Collects the samples of one signature on the screen as the contract carries them: positions
 * normalised over the signing area, time in microseconds from the first sample, never running back.
 */
export class SignatureRecorder {
  private samples: ScreenSample[] = [];
  private origin: number | null = null;
  private size = { width: 1, height: 1 };

  /** Records one reading; `tip` is whether the pen or finger touches. False once the signature is full. */
  add(reading: PointerReading, area: AreaRect, tip: boolean): boolean {
    if (this.full || area.width <= 0 || area.height <= 0) return false;
    this.origin ??= reading.timeStamp;
    const previous = this.samples.at(-1)?.[3] ?? 0;
    const micros = Math.max(previous, Math.round((reading.timeStamp - this.origin) * 1000));
    // An unknown pointer (a future kind) is treated as the one with the least to tell: a mouse.
    const kind = (kinds.includes(reading.pointerType) ? reading.pointerType : 'mouse') as PointerKind;
    this.samples.push([
      round(clamp((reading.clientX - area.left) / area.width), 4),
      round(clamp((reading.clientY - area.top) / area.height), 4),
      tip ? round(clamp(reading.pressure), 3) : 0,
      micros,
      kind,
      tip,
    ]);
    this.size = { width: round(area.width, 2), height: round(area.height, 2) };
    return true;
  }

  get full(): boolean {
    return this.samples.length >= MAX_SIGNATURE_SAMPLES;
  }

  /** Samples with ink: a tap or a slip has too few to count as a signature. */
  get inked(): number {
    return this.samples.filter((s) => s[5]).length;
  }

  get signed(): boolean {
    return this.inked >= MIN_SIGNATURE_SAMPLES;
  }

  get all(): readonly ScreenSample[] {
    return this.samples;
  }

  clear(): void {
    this.samples = [];
    this.origin = null;
  }

  capture(): ScreenSignature {
    return { samples: [...this.samples], area: { ...this.size } };
  }
}

/** The hex SHA-256 the core compares with the PDF it made: the client signs exactly what was shown. */
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
