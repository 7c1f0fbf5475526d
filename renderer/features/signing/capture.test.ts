import { describe, expect, it } from 'vitest';
import { MAX_SIGNATURE_SAMPLES, ScreenSignature } from '../../../preload/contract';
import { SignatureRecorder, sha256Hex } from './capture';

const area = { left: 100, top: 50, width: 400, height: 200 };
const at = (clientX: number, clientY: number, timeStamp: number, pointerType = 'pen', pressure = 0.42) => ({ clientX, clientY, timeStamp, pointerType, pressure });

describe('recording a signature on the screen', () => {
  it('normalises positions over the area, counts time from the first sample and lifts with zero pressure', () => {
    const recorder = new SignatureRecorder();
    recorder.add(at(100, 50, 1000.25), area, true);
    recorder.add(at(300, 150, 1016.5), area, true);
    recorder.add(at(500, 250, 1033), area, false);
    expect(recorder.capture()).toEqual({
      samples: [
        [0, 0, 0.42, 0, 'pen', true],
        [0.5, 0.5, 0.42, 16_250, 'pen', true],
        [1, 1, 0, 32_750, 'pen', false],
      ],
      area: { width: 400, height: 200 },
    });
    expect(ScreenSignature.safeParse(recorder.capture()).success).toBe(true);
  });

  it('keeps what the contract accepts: inside the area, time never running back, a known pointer type', () => {
    const recorder = new SignatureRecorder();
    recorder.add(at(50, 10, 2000, 'touch', 1.7), area, true);
    recorder.add(at(900, 900, 1990, 'stylus-of-the-future'), area, true);
    recorder.add(at(123.456789, 98.7654321, 2001), area, true);
    const [first, second, third] = recorder.capture().samples;
    expect(first).toEqual([0, 0, 1, 0, 'touch', true]);
    expect(second).toEqual([1, 1, 0.42, 0, 'mouse', true]);
    expect(third?.slice(0, 2)).toEqual([0.0586, 0.2438]);
    expect(ScreenSignature.safeParse(recorder.capture()).success).toBe(true);
  });

  it('counts ink, starts over on clear, and stops at the contract’s limit', () => {
    const recorder = new SignatureRecorder();
    for (let i = 0; i < 9; i++) recorder.add(at(200 + i, 100, i), area, true);
    recorder.add(at(210, 100, 10), area, false);
    expect([recorder.inked, recorder.signed]).toEqual([9, false]);
    recorder.add(at(220, 100, 20), area, true);
    expect([recorder.inked, recorder.signed]).toEqual([10, true]);
    recorder.clear();
    expect([recorder.all.length, recorder.signed]).toEqual([0, false]);
    // The longest signature at full precision: ten minutes of touch samples with four-digit positions.
    for (let i = 0; i < MAX_SIGNATURE_SAMPLES; i++) recorder.add(at(149.38, 247.54, i * 30, 'touch', 0.45678), area, true);
    expect(recorder.full).toBe(true);
    expect(recorder.add(at(200, 100, MAX_SIGNATURE_SAMPLES * 30), area, false)).toBe(false);
    expect(recorder.all).toHaveLength(MAX_SIGNATURE_SAMPLES);
    expect(recorder.all.at(-1)).toEqual([0.1234, 0.9877, 0.457, 599_970_000, 'touch', true]);
    // It still fits browser mode's 1 MiB message, with room for the rest of the call.
    expect(JSON.stringify(recorder.capture()).length).toBeLessThan(1_000_000);
  });

  it('hashes bytes as the core does', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
