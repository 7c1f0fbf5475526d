import { SignaturePadError } from '../errors';
import { ReportId } from '../protocol';
import type { PadInputListener, PadTransport } from '../transport';

/** Status codes as the pad sends them (Protocol.hpp). */
export const PadStatus = { Ready: 0x00, Image: 0x01, ImageBoot: 0x04 } as const;

export interface FakePadOptions {
  /** Information's model name; null: the pad stalls the Information request. */
  model?: string | null;
  firmware?: [number, number];
  /** Null: the pad stalls the Capability request. */
  capability?: { tabletMaxX: number; tabletMaxY: number; maxPressure: number; lcdWidth: number; lcdHeight: number; encodingFlag: number } | null;
  uid?: number;
  /** Null: the pad has no Uid2 and stalls the request. */
  uid2?: string | null;
  /** Honours PenDataOptionMode 3 and then sends PenDataTimeCountSequence reports. */
  timeCountSequence?: boolean;
  initialStatus?: number;
  /** Stays in its initial status whatever it is sent. */
  neverReady?: boolean;
  /** Keeps sitting in Image status after EndImageData(abandon); only a reset frees it. */
  ignoresAbandon?: boolean;
  /** The result code the pad reports after an image is committed (0x10: wrong encoding type). */
  imageResult?: number;
}

export interface Upload {
  encodingMode: number;
  bytes: Uint8Array;
}

export interface PenInput {
  x: number;
  y: number;
  pressure?: number;
  tip?: boolean;
  inRange?: boolean;
}

/** An STU pad in memory: answers the feature reports a session reads, takes image uploads, sends the pen reports a test scripts. */
export class FakePad implements PadTransport {
  readonly sent: Uint8Array[] = [];
  readonly uploads: Upload[] = [];
  status: number;
  lastResult = 0;
  inking = true;
  optionMode = 0;
  timeCount = 0;
  sequence = 0;
  statusReads = 0;
  closed = false;
  private upload: { encodingMode: number; bytes: number[] } | null = null;
  private readonly listeners = new Set<PadInputListener>();
  private inkingWaiters: Array<{ on: boolean; resolve: () => void }> = [];
  private readonly options: Required<FakePadOptions>;

  constructor(options: FakePadOptions = {}) {
    this.options = {
      model: 'STU-540',
      firmware: [1, 3],
      capability: { tabletMaxX: 10800, tabletMaxY: 6480, maxPressure: 1023, lcdWidth: 800, lcdHeight: 480, encodingFlag: 0x0e },
      uid: 0x12345678,
      uid2: 'A1B2C3D4E5',
      timeCountSequence: true,
      initialStatus: PadStatus.Ready,
      neverReady: false,
      ignoresAbandon: false,
      imageResult: 0,
      ...options,
    };
    this.status = this.options.initialStatus;
  }

  async getFeature(reportId: number, length: number): Promise<Uint8Array> {
    const report = new Uint8Array(length);
    report[0] = reportId;
    const { model, firmware, capability, uid, uid2 } = this.options;
    switch (reportId) {
      case ReportId.Status:
        this.statusReads++;
        report.set([this.status, this.lastResult, 0, 0], 1);
        return report;
      case ReportId.Information:
        if (model === null) throw stall();
        report.set(ascii(model), 1);
        report.set([firmware[0], firmware[1], 0], 10);
        return report;
      case ReportId.Capability:
        if (capability === null) throw stall();
        report.set(
          [
            ...u16be(capability.tabletMaxX),
            ...u16be(capability.tabletMaxY),
            ...u16be(capability.maxPressure),
            ...u16be(capability.lcdWidth),
            ...u16be(capability.lcdHeight),
            200,
            ...u16be(2540),
            capability.encodingFlag,
          ],
          1,
        );
        return report;
      case ReportId.Uid:
        report.set([uid >>> 24, (uid >> 16) & 0xff, (uid >> 8) & 0xff, uid & 0xff], 1);
        return report;
      case ReportId.Uid2:
        if (uid2 === null) throw stall();
        report.set(ascii(uid2), 1);
        return report;
      default:
        throw stall();
    }
  }

  async sendFeature(bytes: Uint8Array): Promise<void> {
    this.sent.push(bytes.slice());
    const [reportId, value = 0] = bytes;
    switch (reportId) {
      case ReportId.InkingMode:
        this.inking = value === 1;
        for (const waiter of this.inkingWaiters.filter((w) => w.on === this.inking)) waiter.resolve();
        this.inkingWaiters = this.inkingWaiters.filter((w) => w.on !== this.inking);
        return;
      case ReportId.ClearScreen:
        return;
      case ReportId.StartImageData:
        if (this.status !== PadStatus.Ready) {
          this.lastResult = 0x02;
          return;
        }
        this.upload = { encodingMode: value, bytes: [] };
        this.setStatus(PadStatus.Image);
        return;
      case ReportId.ImageDataBlock: {
        const length = (bytes[1] ?? 0) | ((bytes[2] ?? 0) << 8);
        this.upload?.bytes.push(...bytes.subarray(3, 3 + length));
        return;
      }
      case ReportId.EndImageData:
        if (value === 1) {
          this.upload = null;
          if (!this.options.ignoresAbandon) this.setStatus(PadStatus.Ready);
          return;
        }
        if (this.upload) this.uploads.push({ encodingMode: this.upload.encodingMode, bytes: Uint8Array.from(this.upload.bytes) });
        this.upload = null;
        this.lastResult = this.options.imageResult;
        this.setStatus(PadStatus.Ready);
        return;
      case ReportId.Reset:
        this.upload = null;
        this.inking = true;
        this.optionMode = 0;
        this.setStatus(PadStatus.Ready);
        return;
      case ReportId.PenDataOptionMode:
        if (!this.options.timeCountSequence) throw stall();
        this.optionMode = value;
        return;
      default:
        throw stall();
    }
  }

  onInput(listener: PadInputListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** Resolves the next time inking is switched to `on`. */
  nextInking(on: boolean): Promise<void> {
    return new Promise((resolve) => this.inkingWaiters.push({ on, resolve }));
  }

  sentWithId(reportId: number): Uint8Array[] {
    return this.sent.filter((r) => r[0] === reportId);
  }

  emit(bytes: Uint8Array | number[]): void {
    const report = Uint8Array.from(bytes);
    for (const listener of this.listeners) listener.report(report);
  }

  /** One pen report in the format the pad is in: PenDataTimeCountSequence once asked for it, PenData otherwise. */
  pen(input: PenInput): void {
    this.timeCount = (this.timeCount + 5) & 0xffff;
    this.sequence = (this.sequence + 1) & 0xffff;
    this.emit(
      this.optionMode === 3
        ? penReport(input, { timeCount: this.timeCount, sequence: this.sequence })
        : penReport(input),
    );
  }

  /** A pen-down stroke through LCD points, with a hover before and a lift after. */
  stroke(lcdPoints: Array<[number, number]>, pressure = 600): void {
    const [first] = lcdPoints;
    const last = lcdPoints.at(-1);
    if (!first || !last) return;
    this.pen({ ...this.toTablet(first), pressure: 0, tip: false });
    for (const point of lcdPoints) this.pen({ ...this.toTablet(point), pressure, tip: true });
    this.pen({ ...this.toTablet(last), pressure: 0, tip: false });
  }

  tap(lcdX: number, lcdY: number): void {
    this.stroke([[lcdX, lcdY]], 300);
  }

  unplug(): void {
    for (const listener of this.listeners) listener.error(new SignaturePadError('unplugged'));
  }

  private toTablet([x, y]: [number, number]): { x: number; y: number } {
    const capability = this.options.capability ?? { tabletMaxX: 9600, tabletMaxY: 6000, lcdWidth: 320, lcdHeight: 200 };
    return {
      x: Math.round((x * capability.tabletMaxX) / capability.lcdWidth),
      y: Math.round((y * capability.tabletMaxY) / capability.lcdHeight),
    };
  }

  private setStatus(status: number): void {
    if (!this.options.neverReady) this.status = status;
  }
}

/** A PenData report, or PenDataTimeCountSequence with `counters`: the layout of Protocol.hpp's decodeReport_unsafe. */
export function penReport(input: PenInput, counters?: { timeCount: number; sequence: number }): Uint8Array {
  const { x, y, pressure = 0, tip = false, inRange = true } = input;
  const head = (inRange ? 0x80 : 0) | (tip ? 0x10 : 0) | ((pressure >> 8) & 0x0f);
  const fields = [head, pressure & 0xff, ...u16be(x), ...u16be(y)];
  return counters
    ? Uint8Array.from([ReportId.PenDataTimeCountSequence, ...fields, ...u16be(counters.timeCount), ...u16be(counters.sequence)])
    : Uint8Array.from([ReportId.PenData, ...fields]);
}

function u16be(value: number): [number, number] {
  return [(value >> 8) & 0xff, value & 0xff];
}

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

/** What node-hid rejects with when a pad does not support a report: the USB control transfer stalls. */
function stall(): Error {
  return new Error('HID feature report stalled');
}
