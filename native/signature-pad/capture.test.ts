import { describe, expect, it } from 'vitest';
import { CaptureRecorder, strokes, type PenSample, type SignatureCapture } from './capture';
import { tabletToLcd } from './coordinates';
import type { PadProfile } from './identify';
import { promptLayout } from './layout';
import type { PenReport } from './protocol';
import { SequenceCheck } from './sequence';
import { TapDetector } from './taps';

const STU_540: PadProfile = {
  model: 'STU-540',
  productId: 0xa8,
  lcd: { width: 800, height: 480 },
  tablet: { maxX: 10800, maxY: 6480, maxPressure: 1023 },
  encodings: ['1bit', '16bit', '24bit'],
  imageBlockSize: 253,
  timeCountSequence: true,
  firmware: '1.03',
  uid: 7,
  uid2: 'A1B2C3D4E5',
};

function pen(x: number, y: number, tip: boolean, pressure = 0): PenReport {
  return { kind: 'pen', inRange: true, tip, pressure, x, y, timeCount: 40, sequence: 3 };
}

describe('tablet to LCD coordinates', () => {
  it('scales by the ratio of the screen to the tablet range', () => {
    expect(tabletToLcd({ x: 5400, y: 3240 }, STU_540.tablet, STU_540.lcd)).toEqual({ x: 400, y: 240 });
    expect(tabletToLcd({ x: 10800, y: 0 }, STU_540.tablet, STU_540.lcd)).toEqual({ x: 800, y: 0 });
    expect(tabletToLcd({ x: 27, y: 27 }, STU_540.tablet, STU_540.lcd)).toEqual({ x: 2, y: 2 });
  });
});

describe('CaptureRecorder', () => {
  it('places a sample on the screen and in host microseconds since the start', () => {
    const recorder = new CaptureRecorder(STU_540, new Date('2026-11-23T12:05:00Z'), 5_000_000n);
    expect(recorder.sample(pen(5400, 3240, true, 512), 5_250_500n)).toEqual({
      x: 5400,
      y: 3240,
      lcdX: 400,
      lcdY: 240,
      pressure: 512,
      inRange: true,
      tip: true,
      timeCount: 40,
      sequence: 3,
      hostMicros: 250,
    });
  });

  it('finishes into plain data that survives JSON, with the device it came from', () => {
    const recorder = new CaptureRecorder(STU_540, new Date('2026-11-23T12:05:00Z'), 0n);
    recorder.record(recorder.sample(pen(100, 100, true, 300), 1_000n));
    const capture = recorder.finish(new Date('2026-11-23T12:05:07.250Z'));
    expect(JSON.parse(JSON.stringify(capture))).toEqual(capture);
    expect(capture).toMatchObject({
      device: { model: 'STU-540', productId: 0xa8, firmware: '1.03', uid: 7, uid2: 'A1B2C3D4E5', tablet: { maxX: 10800, maxY: 6480, maxPressure: 1023 } },
      lcd: { width: 800, height: 480 },
      startedAt: '2026-11-23T12:05:00.000Z',
      finishedAt: '2026-11-23T12:05:07.250Z',
    });
  });

  it('has ink only once the tip touched, and none after clear', () => {
    const recorder = new CaptureRecorder(STU_540, new Date(), 0n);
    recorder.record(recorder.sample(pen(100, 100, false), 1n));
    expect(recorder.hasInk).toBe(false);
    recorder.record(recorder.sample(pen(100, 100, true, 200), 2n));
    expect(recorder.hasInk).toBe(true);
    recorder.clear();
    expect(recorder.hasInk).toBe(false);
    expect(recorder.finish(new Date()).samples).toEqual([]);
  });
});

describe('strokes', () => {
  function sample(lcdX: number, tip: boolean, pressure = 0, inRange = true): PenSample {
    return { x: 0, y: 0, lcdX, lcdY: 10, pressure, inRange, tip, timeCount: null, sequence: null, hostMicros: 0 };
  }

  const capture = (samples: PenSample[], device: SignatureCapture['device']): SignatureCapture => ({
    device,
    lcd: { width: 800, height: 480 },
    startedAt: '',
    finishedAt: '',
    samples,
  });

  it('splits the samples into polylines at every lift, leaving hovering out', () => {
    const result = strokes(
      capture([sample(1, false), sample(2, true, 1023), sample(3, true, 511.5), sample(4, false), sample(5, true, 0), sample(6, true, 0, false)], {
        model: 'STU-540',
        productId: 0xa8,
        firmware: null,
        uid: null,
        uid2: null,
        tablet: STU_540.tablet,
      }),
    );
    expect(result).toEqual([
      [
        { x: 2, y: 10, pressure: 1 },
        { x: 3, y: 10, pressure: 0.5 },
      ],
      [{ x: 5, y: 10, pressure: 0 }],
    ]);
  });

  it('takes the pressure of a capture without a device as already normalised', () => {
    expect(strokes(capture([sample(1, true, 0.25)], null))).toEqual([[{ x: 1, y: 10, pressure: 0.25 }]]);
  });
});

describe('SequenceCheck', () => {
  it('accepts numbers counting up, across the 16-bit wrap', () => {
    const check = new SequenceCheck();
    expect([0xfffe, 0xffff, 0, 1].map((n) => check.accept(n))).toEqual([true, true, true, true]);
    expect(check.missing).toBe(0);
  });

  it('refuses duplicates and late reports, and counts the numbers skipped', () => {
    const check = new SequenceCheck();
    expect([10, 10, 9, 13, 11, 14].map((n) => check.accept(n))).toEqual([true, false, false, true, false, true]);
    expect(check.missing).toBe(2);
  });

  it('accepts every report of a pad without sequence numbers', () => {
    const check = new SequenceCheck();
    expect(check.accept(null) && check.accept(null)).toBe(true);
  });
});

describe('TapDetector', () => {
  const layout = promptLayout(STU_540);
  const ok = { x: 100, y: 450 };
  const clear = { x: 400, y: 450 };
  const signing = { x: 400, y: 200 };

  it('reports a tap when the pen goes down and up inside one button', () => {
    const taps = new TapDetector(layout);
    expect(taps.feed(ok, false)).toEqual({ onButton: false, tapped: null });
    expect(taps.feed(ok, true)).toEqual({ onButton: true, tapped: null });
    expect(taps.feed({ x: 104, y: 452 }, true)).toEqual({ onButton: true, tapped: null });
    expect(taps.feed({ x: 104, y: 452 }, false)).toEqual({ onButton: true, tapped: 'ok' });
  });

  it('cancels a press that slides off its button before the lift', () => {
    const taps = new TapDetector(layout);
    taps.feed(ok, true);
    taps.feed(clear, true);
    expect(taps.feed(clear, false)).toEqual({ onButton: true, tapped: null });
  });

  it('never presses a button with a stroke that started in the signing area', () => {
    const taps = new TapDetector(layout);
    expect(taps.feed(signing, true)).toEqual({ onButton: false, tapped: null });
    expect(taps.feed(ok, true)).toEqual({ onButton: false, tapped: null });
    expect(taps.feed(ok, false)).toEqual({ onButton: false, tapped: null });
  });
});
