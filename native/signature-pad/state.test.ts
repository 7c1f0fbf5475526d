import { describe, expect, it } from 'vitest';
import { SignaturePadError } from './errors';
import { identifyPad, type PadProfile } from './identify';
import type { Raster } from './image';
import { captureSignature, type CaptureOutcome, type PadTiming } from './state';
import { FakePad, PadStatus, penReport, type FakePadOptions } from './test-support/fake-pad';

const OK = [100, 450] as const;
const CLEAR = [400, 450] as const;
const CANCEL = [700, 450] as const;

/** Polls without waiting and a clock that ticks 1 µs per reading: the tests count polls, never time. */
function timing(overrides: Partial<PadTiming> = {}): Partial<PadTiming> {
  let ns = 0n;
  return {
    pollIntervalMs: 10,
    readyTimeoutMs: 100,
    stuckImageMs: 30,
    sleep: () => Promise.resolve(),
    now: () => (ns += 1_000n),
    wallClock: () => new Date('2026-11-23T12:05:00Z'),
    ...overrides,
  };
}

function blankPrompt(profile: PadProfile): Raster {
  const { width, height } = profile.lcd;
  return { width, height, format: 'rgba', data: new Uint8Array(width * height * 4).fill(255) };
}

async function setUp(options: FakePadOptions = {}, productId = 0xa8) {
  const pad = new FakePad(options);
  const profile = await identifyPad(pad, productId);
  return { pad, profile };
}

/** Starts a capture and resolves once the pad has ink on, i.e. the signer can write; `outcome` settles when the capture ends. */
async function start(pad: FakePad, profile: PadProfile, extra: { colour?: boolean; signal?: AbortSignal } = {}) {
  const live = pad.nextInking(true);
  const outcome = captureSignature(pad, profile, { prompt: blankPrompt(profile), ...extra }, timing());
  await Promise.race([live, outcome]);
  return { outcome };
}

function signed(outcome: CaptureOutcome) {
  if (outcome.outcome !== 'signed') throw new Error(`expected a signature, got ${JSON.stringify(outcome)}`);
  return outcome;
}

/** The commands a session sent, image blocks left out. */
function commands(pad: FakePad): string[] {
  return pad.sent.filter((r) => r[0] !== 0x26).map((r) => Array.from(r, (b) => b.toString(16).padStart(2, '0')).join(' '));
}

describe('a signature on a pad', () => {
  it('uploads the prompt, records the pen with time count and sequence, and finishes on OK', async () => {
    const { pad, profile } = await setUp();
    const { outcome } = await start(pad, profile);
    pad.stroke([
      [100, 100],
      [150, 120],
      [200, 110],
    ]);
    pad.tap(...OK);
    const { capture, reports } = signed(await outcome);

    expect(pad.uploads).toHaveLength(1);
    expect(pad.uploads[0]?.encodingMode).toBe(0x00);
    expect(pad.uploads[0]?.bytes.length).toBe(48_000);
    expect(pad.uploads[0]?.bytes.every((b) => b === 0xff)).toBe(true);
    expect(pad.sentWithId(0x26)).toHaveLength(190);
    expect(pad.sentWithId(0x26).every((r) => r.length === 256)).toBe(true);
    expect(commands(pad)).toEqual(['21 00', '25 00', '27 00', '32 03', '21 01', '21 00', '20 00']);
    expect(pad.inking).toBe(false);

    const ink = capture.samples.filter((s) => s.tip);
    expect(ink.map((s) => [s.lcdX, s.lcdY])).toEqual([
      [100, 100],
      [150, 120],
      [200, 110],
    ]);
    expect(ink.map((s) => [s.x, s.y, s.pressure])).toEqual([
      [1350, 1350, 600],
      [2025, 1620, 600],
      [2700, 1485, 600],
    ]);
    // The tap on OK is a press, not part of the signature: only the hover before it is kept.
    expect(capture.samples).toHaveLength(6);
    expect(capture.samples.every((s) => s.timeCount !== null && s.sequence !== null)).toBe(true);
    const sequences = capture.samples.map((s) => s.sequence ?? 0);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    const micros = capture.samples.map((s) => s.hostMicros);
    expect(micros.every((m, i) => m > 0 && (i === 0 || m >= (micros[i - 1] ?? 0)))).toBe(true);
    expect(capture.device).toMatchObject({ model: 'STU-540', firmware: '1.03', uid2: 'A1B2C3D4E5' });
    expect(capture.lcd).toEqual({ width: 800, height: 480 });
    expect(reports).toEqual({ invalid: 0, outOfOrder: 0, missing: 0 });
  });

  it('starts over on Clear: the samples so far are dropped and the prompt is drawn again', async () => {
    const { pad, profile } = await setUp();
    const { outcome } = await start(pad, profile);
    pad.stroke([
      [300, 300],
      [320, 310],
    ]);
    const redrawn = pad.nextInking(true);
    pad.tap(...CLEAR);
    await redrawn;
    pad.stroke([
      [500, 100],
      [520, 140],
    ]);
    pad.tap(...OK);
    const { capture } = signed(await outcome);

    expect(pad.uploads).toHaveLength(2);
    expect(capture.samples.filter((s) => s.tip).map((s) => [s.lcdX, s.lcdY])).toEqual([
      [500, 100],
      [520, 140],
    ]);
  });

  it('ends as cancelled by the signer on Cancel, leaving the pad blank with ink off', async () => {
    const { pad, profile } = await setUp();
    const { outcome } = await start(pad, profile);
    pad.stroke([[300, 300]]);
    pad.tap(...CANCEL);
    expect(await outcome).toEqual({ outcome: 'cancelled', by: 'signer' });
    expect(commands(pad).slice(-2)).toEqual(['21 00', '20 00']);
  });

  it('takes OK on an empty pad for a slip and keeps waiting for the signature', async () => {
    const { pad, profile } = await setUp();
    const { outcome } = await start(pad, profile);
    pad.tap(...OK);
    pad.stroke([[300, 200]]);
    pad.tap(...OK);
    const { capture } = signed(await outcome);
    expect(capture.samples.filter((s) => s.tip)).toHaveLength(1);
  });

  it('decodes plain PenData from a pad that refuses time count and sequence, and from the table alone', async () => {
    const { pad, profile } = await setUp({ model: null, capability: null, uid2: null, timeCountSequence: false }, 0xa4);
    expect(profile.lcd).toEqual({ width: 320, height: 200 });
    const { outcome } = await start(pad, profile);
    pad.stroke([[160, 100]]);
    pad.tap(50, 190);
    const { capture } = signed(await outcome);
    expect(pad.uploads[0]?.bytes.length).toBe(40 * 200);
    expect(capture.samples.filter((s) => s.tip).map((s) => [s.x, s.y, s.lcdX, s.lcdY])).toEqual([[4800, 3000, 160, 100]]);
    expect(capture.samples.every((s) => s.timeCount === null && s.sequence === null)).toBe(true);
  });

  it('sends the prompt in the best colour the pad has when asked for colour', async () => {
    for (const [encodingFlag, mode, bytesPerPixel] of [
      [0x06, 0x02, 2],
      [0x0e, 0x04, 3],
    ] as const) {
      const { pad, profile } = await setUp({ capability: { tabletMaxX: 800, tabletMaxY: 480, maxPressure: 1023, lcdWidth: 80, lcdHeight: 48, encodingFlag } });
      const { outcome } = await start(pad, profile, { colour: true });
      pad.tap(70, 45);
      expect(await outcome).toEqual({ outcome: 'cancelled', by: 'signer' });
      expect(pad.uploads[0]).toMatchObject({ encodingMode: mode });
      expect(pad.uploads[0]?.bytes.length).toBe(80 * 48 * bytesPerPixel);
    }
  });
});

describe('cancelling from the desk', () => {
  it('ends a capture in progress as cancelled by the desk', async () => {
    const { pad, profile } = await setUp();
    const desk = new AbortController();
    const { outcome } = await start(pad, profile, { signal: desk.signal });
    pad.stroke([[300, 300]]);
    desk.abort();
    expect(await outcome).toEqual({ outcome: 'cancelled', by: 'desk' });
    expect(pad.inking).toBe(false);
  });

  it('does not touch the pad when cancelled before the start', async () => {
    const { pad, profile } = await setUp();
    const desk = new AbortController();
    desk.abort();
    expect(await captureSignature(pad, profile, { prompt: blankPrompt(profile), signal: desk.signal }, timing())).toEqual({
      outcome: 'cancelled',
      by: 'desk',
    });
    expect(pad.sent).toEqual([]);
  });

  it('stops waiting for a pad that is not ready yet', async () => {
    const { pad, profile } = await setUp({ initialStatus: PadStatus.ImageBoot, neverReady: true });
    const desk = new AbortController();
    let sleeps = 0;
    const outcome = captureSignature(pad, profile, { prompt: blankPrompt(profile), signal: desk.signal }, timing({
      readyTimeoutMs: 60_000,
      sleep: async () => {
        if (++sleeps === 3) desk.abort();
      },
    }));
    expect(await outcome).toEqual({ outcome: 'cancelled', by: 'desk' });
    expect(pad.statusReads).toBe(3);
  });
});

describe('a pad that is not ready', () => {
  it('abandons an image upload left stuck, then goes on', async () => {
    const { pad, profile } = await setUp({ initialStatus: PadStatus.Image });
    const { outcome } = await start(pad, profile);
    pad.tap(...CANCEL);
    expect(await outcome).toEqual({ outcome: 'cancelled', by: 'signer' });
    expect(commands(pad).slice(0, 3)).toEqual(['21 00', '27 01', '25 00']);
    expect(pad.sentWithId(0x04)).toEqual([]);
  });

  it('soft-resets a pad that stays in Image status after the abandon', async () => {
    const { pad, profile } = await setUp({ initialStatus: PadStatus.Image, ignoresAbandon: true });
    const { outcome } = await start(pad, profile);
    pad.tap(...CANCEL);
    expect(await outcome).toEqual({ outcome: 'cancelled', by: 'signer' });
    expect(commands(pad).slice(0, 4)).toEqual(['21 00', '27 01', '04 00', '25 00']);
  });

  it('gives up with a timeout after a bounded number of polls when the pad never becomes ready', async () => {
    const { pad, profile } = await setUp({ initialStatus: PadStatus.ImageBoot, neverReady: true });
    const attempt = captureSignature(pad, profile, { prompt: blankPrompt(profile) }, timing());
    await expect(attempt).rejects.toBeInstanceOf(SignaturePadError);
    await expect(attempt).rejects.toMatchObject({
      code: 'timeout',
      message: 'Parakstu planšete neatbild. Atvienojiet to, pievienojiet no jauna un mēģiniet vēlreiz vai ļaujiet klientam parakstīties ekrānā.',
    });
    expect(pad.statusReads).toBe(11);
    expect(pad.uploads).toEqual([]);
  });

  it('reports a prompt the pad refused as a protocol error', async () => {
    const { pad, profile } = await setUp({ imageResult: 0x10 });
    const attempt = captureSignature(pad, profile, { prompt: blankPrompt(profile) }, timing());
    await expect(attempt).rejects.toMatchObject({ code: 'protocol', cause: expect.objectContaining({ message: expect.stringContaining('graphics_wrong_encoding_type') }) });
  });
});

describe('what the pad sends', () => {
  it('counts and skips garbage, short, unknown and out-of-order reports, and counts lost sequence numbers', async () => {
    const { pad, profile } = await setUp();
    const { outcome } = await start(pad, profile);
    pad.emit([]);
    pad.emit([0x01, 0x90]);
    pad.emit([0x99, 1, 2, 3]);
    pad.emit([0x34, 0xff, 0xff]);
    const at = { x: 1350, y: 1350, pressure: 500, tip: true };
    pad.emit(penReport(at, { timeCount: 100, sequence: 10 }));
    pad.emit(penReport(at, { timeCount: 105, sequence: 10 }));
    pad.emit(penReport(at, { timeCount: 95, sequence: 9 }));
    pad.emit(penReport({ ...at, x: 1400 }, { timeCount: 115, sequence: 12 }));
    pad.emit(penReport({ ...at, tip: false, pressure: 0 }, { timeCount: 120, sequence: 13 }));
    pad.sequence = 13;
    pad.tap(...OK);
    const { capture, reports } = signed(await outcome);
    expect(reports).toEqual({ invalid: 4, outOfOrder: 2, missing: 1 });
    expect(capture.samples.slice(0, 3).map((s) => [s.sequence, s.timeCount, s.x])).toEqual([
      [10, 100, 1350],
      [12, 115, 1400],
      [13, 120, 1350],
    ]);
  });

  it('fails with unplugged when the pad goes away mid-signature', async () => {
    const { pad, profile } = await setUp();
    const { outcome } = await start(pad, profile);
    pad.stroke([[300, 300]]);
    pad.unplug();
    await expect(outcome).rejects.toMatchObject({ code: 'unplugged' });
  });
});

describe('one capture at a time', () => {
  it('refuses a second capture on a pad that is already capturing', async () => {
    const { pad, profile } = await setUp();
    const { outcome: first } = await start(pad, profile);
    await expect(captureSignature(pad, profile, { prompt: blankPrompt(profile) }, timing())).rejects.toMatchObject({ code: 'busy' });
    pad.tap(...CANCEL);
    await first;
    const { outcome: again } = await start(pad, profile);
    pad.tap(...CANCEL);
    expect(await again).toEqual({ outcome: 'cancelled', by: 'signer' });
  });
});
