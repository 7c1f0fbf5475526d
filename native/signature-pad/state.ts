import { CaptureRecorder, type SignatureCapture } from './capture';
import { SignaturePadError } from './errors';
import type { PadProfile } from './identify';
import { encodeImage, splitIntoBlocks, type Raster } from './image';
import { InputQueue } from './input-queue';
import { promptLayout } from './layout';
import {
  clearScreenReport,
  describeResult,
  endImageDataReport,
  FeatureLength,
  imageDataBlockReport,
  inkingModeReport,
  parseInputReport,
  parseStatus,
  ReportId,
  softResetReport,
  startImageDataReport,
  timeCountSequenceReport,
  type ImageEncoding,
  type Status,
} from './protocol';
import { SequenceCheck } from './sequence';
import { TapDetector } from './taps';
import type { PadTransport } from './transport';

export interface PadTiming {
  pollIntervalMs: number;
  /** How long the pad may take to become Ready before the clerk is told it does not answer. */
  readyTimeoutMs: number;
  /** How long the pad may sit in Image status before the upload in progress is taken for abandoned. */
  stuckImageMs: number;
  sleep: (ms: number) => Promise<void>;
  /** Monotonic nanoseconds. */
  now: () => bigint;
  wallClock: () => Date;
}

export const DEFAULT_TIMING: PadTiming = {
  pollIntervalMs: 50,
  // A pad just plugged in shows its boot image for a few seconds before it is Ready.
  readyTimeoutMs: 10_000,
  // Well above the 600 ms the STU-520 spends in Image status after a ClearScreen (Protocol.hpp).
  stuckImageMs: 2_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => process.hrtime.bigint(),
  wallClock: () => new Date(),
};

export interface CaptureRequest {
  /** The LCD-sized prompt with the OK / Clear / Cancel buttons where promptLayout() puts them. */
  prompt: Raster;
  /** Send the prompt in colour where the pad has colour; otherwise 1-bit, which uploads fastest. */
  colour?: boolean;
  /** Cancels from the desk: the clerk gave up, or the client signs on the screen instead. */
  signal?: AbortSignal;
}

/** Input reports the capture did not use; a count a reviewer can weigh, not an error. */
export interface ReportCounts {
  /** Garbage, short or unhandled reports. */
  invalid: number;
  /** Duplicates or late arrivals by sequence number. */
  outOfOrder: number;
  /** Sequence numbers that never arrived. */
  missing: number;
}

export type CaptureOutcome =
  | { outcome: 'signed'; capture: SignatureCapture; reports: ReportCounts }
  | { outcome: 'cancelled'; by: 'signer' | 'desk' };

const capturing = new WeakSet<PadTransport>();

/**
 * One signature on one pad: draw the prompt, switch ink on, record the pen until the signer taps OK
 * (with something written) or Cancel, or the desk aborts; Clear starts over. The pad is left with ink
 * off and a blank screen. The transport stays open for the caller to close.
 */
export async function captureSignature(
  transport: PadTransport,
  pad: PadProfile,
  request: CaptureRequest,
  timing: Partial<PadTiming> = {},
): Promise<CaptureOutcome> {
  if (capturing.has(transport)) throw new SignaturePadError('busy');
  capturing.add(transport);
  try {
    return await new CaptureSession(transport, pad, request, { ...DEFAULT_TIMING, ...timing }).run();
  } finally {
    capturing.delete(transport);
  }
}

class DeskCancelled extends Error {}

class CaptureSession {
  private readonly queue: InputQueue;
  private readonly encoding: ImageEncoding;
  private readonly image: Uint8Array;
  /** Reports that arrived before the current prompt was up are pen movements over the old screen. */
  private acceptAfterNs = 0n;

  constructor(
    private readonly transport: PadTransport,
    private readonly pad: PadProfile,
    private readonly request: CaptureRequest,
    private readonly timing: PadTiming,
  ) {
    this.queue = new InputQueue(timing.now);
    this.encoding = chooseEncoding(pad, request.colour ?? false);
    this.image = encodeImage(request.prompt, pad.lcd, this.encoding);
  }

  async run(): Promise<CaptureOutcome> {
    const { signal } = this.request;
    if (signal?.aborted) return { outcome: 'cancelled', by: 'desk' };
    const onAbort = () => this.queue.push({ kind: 'abort' });
    signal?.addEventListener('abort', onAbort, { once: true });
    const unsubscribe = this.transport.onInput(this.queue.listener);
    try {
      let outcome: CaptureOutcome;
      try {
        outcome = await this.capture();
      } catch (error) {
        if (!(error instanceof DeskCancelled)) throw error;
        outcome = { outcome: 'cancelled', by: 'desk' };
      }
      await this.leaveBlank();
      return outcome;
    } catch (error) {
      await this.leaveBlank();
      throw error;
    } finally {
      unsubscribe();
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private async prepare(): Promise<void> {
    await this.send(inkingModeReport(false));
    await this.writePrompt();
    if (this.pad.timeCountSequence) {
      try {
        await this.send(timeCountSequenceReport());
      } catch {
        // A firmware without the option keeps sending plain PenData, which is decoded all the same.
      }
    }
    await this.startInking();
  }

  private async capture(): Promise<CaptureOutcome> {
    await this.prepare();
    const recorder = new CaptureRecorder(this.pad, this.timing.wallClock(), this.acceptAfterNs);
    const taps = new TapDetector(promptLayout(this.pad));
    const sequence = new SequenceCheck();
    let invalid = 0;
    let outOfOrder = 0;
    for (;;) {
      const event = await this.queue.next();
      if (event.kind === 'abort') return { outcome: 'cancelled', by: 'desk' };
      if (event.kind === 'error') throw event.error;
      if (event.receivedAtNs < this.acceptAfterNs) continue;
      const report = parseInputReport(event.bytes);
      if (report.kind === 'invalid') {
        invalid++;
        continue;
      }
      if (!sequence.accept(report.sequence)) {
        outOfOrder++;
        continue;
      }
      const sample = recorder.sample(report, event.receivedAtNs);
      const tap = taps.feed({ x: sample.lcdX, y: sample.lcdY }, report.tip);
      if (!tap.onButton) recorder.record(sample);
      if (tap.tapped === 'cancel') return { outcome: 'cancelled', by: 'signer' };
      if (tap.tapped === 'ok' && recorder.hasInk) {
        return {
          outcome: 'signed',
          capture: recorder.finish(this.timing.wallClock()),
          reports: { invalid, outOfOrder, missing: sequence.missing },
        };
      }
      if (tap.tapped === 'clear') {
        recorder.clear();
        // Writing the prompt again replaces every pixel, the ink included: no separate ClearScreen needed.
        await this.send(inkingModeReport(false));
        await this.writePrompt();
        await this.startInking();
      }
    }
  }

  private async startInking(): Promise<void> {
    // Stamped before the command: the first strokes may arrive while it is still on its way back.
    this.acceptAfterNs = this.timing.now();
    await this.send(inkingModeReport(true));
  }

  /** ProtocolHelper::writeImage's sequence: Ready, StartImageData, the blocks, EndImageData, then the result. */
  private async writePrompt(): Promise<void> {
    await this.waitReady();
    await this.send(startImageDataReport(this.encoding));
    for (const block of splitIntoBlocks(this.image, this.pad.imageBlockSize)) {
      await this.send(imageDataBlockReport(block, this.pad.imageBlockSize));
    }
    await this.send(endImageDataReport(false));
    const status = await this.waitReady();
    if (status.lastResult !== 0) {
      throw new SignaturePadError('protocol', { cause: new Error(`the pad refused the prompt image: ${describeResult(status.lastResult)}`) });
    }
  }

  /**
   * Polls Status until Ready. An upload left half-done (by another program, or by us before a crash)
   * keeps the pad in Image status for good: first it is abandoned, then, if the pad still sits there,
   * soft-reset.
   */
  private async waitReady(): Promise<Status> {
    const { pollIntervalMs, readyTimeoutMs, stuckImageMs } = this.timing;
    const maxPolls = Math.ceil(readyTimeoutMs / pollIntervalMs);
    const stuckPolls = Math.max(1, Math.ceil(stuckImageMs / pollIntervalMs));
    let imagePolls = 0;
    let recoveries = 0;
    for (let poll = 0; ; poll++) {
      if (this.request.signal?.aborted) throw new DeskCancelled();
      const status = parseStatus(await this.transport.getFeature(ReportId.Status, FeatureLength.Status));
      if (status.kind === 'status' && status.state === 'ready') return status;
      imagePolls = status.kind === 'status' && status.state === 'image' ? imagePolls + 1 : 0;
      if (imagePolls >= stuckPolls) {
        imagePolls = 0;
        await this.send(recoveries++ === 0 ? endImageDataReport(true) : softResetReport());
      }
      if (poll >= maxPolls) {
        const last = status.kind === 'status' ? status.state : status.reason;
        throw new SignaturePadError('timeout', { cause: new Error(`not Ready after ${readyTimeoutMs} ms, last status: ${last}`) });
      }
      await this.timing.sleep(pollIntervalMs);
    }
  }

  /** Ink off and a blank screen, as Wacom's samples leave the pad; a pad already gone has nothing to leave. */
  private async leaveBlank(): Promise<void> {
    try {
      await this.send(inkingModeReport(false));
      await this.send(clearScreenReport());
    } catch {
      // The outcome (or the error that brought us here) is what the caller needs, not this.
    }
  }

  private send(bytes: Uint8Array): Promise<void> {
    return this.transport.sendFeature(bytes);
  }
}

function chooseEncoding(pad: PadProfile, colour: boolean): ImageEncoding {
  if (colour && pad.encodings.includes('24bit')) return '24bit';
  if (colour && pad.encodings.includes('16bit')) return '16bit';
  return '1bit';
}
