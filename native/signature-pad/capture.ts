import { tabletToLcd, type Point, type Size } from './coordinates';
import type { PadProfile } from './identify';
import type { PenReport } from './protocol';

/** One pen report as the pad sent it, placed on the screen and in host time. */
export interface PenSample {
  /** Tablet units, 0 … device.tablet.maxX/maxY. */
  x: number;
  y: number;
  /** LCD pixels, fractional: where the signer saw the ink. */
  lcdX: number;
  lcdY: number;
  /** Tablet units, 0 … device.tablet.maxPressure. */
  pressure: number;
  inRange: boolean;
  tip: boolean;
  /** The pad's own millisecond counter (wraps at 65535); null on models that do not send it. */
  timeCount: number | null;
  sequence: number | null;
  /** Microseconds since the capture started, on the host's monotonic clock, taken when the report arrived. */
  hostMicros: number;
}

export interface CaptureDevice {
  model: string;
  productId: number;
  firmware: string | null;
  uid: number | null;
  uid2: string | null;
  tablet: { maxX: number; maxY: number; maxPressure: number };
}

/**
 * The signature as evidence: plain data that survives JSON. `device` is null for a signature drawn on
 * the desk's screen instead of a pad; who signed what, and the document's hash, the app adds.
 */
export interface SignatureCapture {
  device: CaptureDevice | null;
  lcd: Size;
  /** ISO timestamps, wall clock. */
  startedAt: string;
  finishedAt: string;
  samples: PenSample[];
}

/** Collects the samples of one capture; Clear starts the collection over. */
export class CaptureRecorder {
  private samples: PenSample[] = [];
  private readonly device: CaptureDevice;

  constructor(
    private readonly pad: PadProfile,
    private readonly startedAt: Date,
    /** process.hrtime.bigint() at the start, nanoseconds. */
    private readonly startedAtNs: bigint,
  ) {
    this.device = {
      model: pad.model,
      productId: pad.productId,
      firmware: pad.firmware,
      uid: pad.uid,
      uid2: pad.uid2,
      tablet: { ...pad.tablet },
    };
  }

  sample(report: PenReport, receivedAtNs: bigint): PenSample {
    const lcd = tabletToLcd(report, this.pad.tablet, this.pad.lcd);
    return {
      x: report.x,
      y: report.y,
      lcdX: lcd.x,
      lcdY: lcd.y,
      pressure: report.pressure,
      inRange: report.inRange,
      tip: report.tip,
      timeCount: report.timeCount,
      sequence: report.sequence,
      hostMicros: Number((receivedAtNs - this.startedAtNs) / 1000n),
    };
  }

  record(sample: PenSample): void {
    this.samples.push(sample);
  }

  clear(): void {
    this.samples = [];
  }

  /** Whether anything was written: OK on an empty pad is a slip, not a signature. */
  get hasInk(): boolean {
    return this.samples.some((s) => s.tip);
  }

  finish(finishedAt: Date): SignatureCapture {
    return {
      device: this.device,
      lcd: { ...this.pad.lcd },
      startedAt: this.startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      samples: this.samples,
    };
  }
}

export interface StrokePoint extends Point {
  /** 0 … 1 of the pad's range; as recorded when the capture has no device (already normalised). */
  pressure: number;
}

/** The signature as polylines in LCD pixels, one per pen-down, for drawing the signature image. */
export function strokes(capture: SignatureCapture): StrokePoint[][] {
  const maxPressure = capture.device?.tablet.maxPressure ?? 1;
  const result: StrokePoint[][] = [];
  let current: StrokePoint[] | null = null;
  for (const s of capture.samples) {
    if (!s.tip || !s.inRange) {
      current = null;
      continue;
    }
    if (!current) {
      current = [];
      result.push(current);
    }
    current.push({ x: s.lcdX, y: s.lcdY, pressure: Math.min(1, s.pressure / maxPressure) });
  }
  return result;
}
