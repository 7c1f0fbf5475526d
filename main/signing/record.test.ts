import { describe, expect, it } from 'vitest';
import { strokes, type SignatureCapture } from '../../native/signature-pad';
import type { ScreenSample } from '../../preload/contract';
import { captureOf, parseRecord, RECORD_FORMAT, screenRecord, SIGNING_REASON, type ScreenRecordInput } from './record';
import { syntheticSignature } from './test-support';

const sha256 = 'a'.repeat(64);
const input = (samples: ScreenSample[]): ScreenRecordInput => ({
  capture: { samples, area: { width: 600, height: 200 } },
  operator: { userId: 'user-klerks', displayName: 'Anna Bērziņa' },
  signer: { name: 'Jānis Ozoliņš', from: 'case' },
  document: { sha256, caseId: 'case-1' },
  signedAt: new Date('2026-11-23T12:05:00Z'),
});

describe('signature record', () => {
  it('records a screen signature in the pad library’s capture shape, with who, why and what was signed', () => {
    const samples = syntheticSignature();
    const record = screenRecord(input(samples));
    expect(record).toMatchObject({
      format: RECORD_FORMAT,
      source: 'screen',
      operator: { userId: 'user-klerks', displayName: 'Anna Bērziņa' },
      signer: { name: 'Jānis Ozoliņš', from: 'case' },
      reason: SIGNING_REASON,
      document: { sha256, caseId: 'case-1' },
      signedAt: '2026-11-23T12:05:00.000Z',
    });
    const capture: SignatureCapture = captureOf(record);
    expect(capture.device).toBeNull();
    expect(capture.lcd).toEqual({ width: 600, height: 200 });
    // The capture lasted as long as its samples say, and ended when it was signed.
    const lastMicros = samples.at(-1)?.[3] ?? 0;
    expect(Date.parse(capture.finishedAt) - Date.parse(capture.startedAt)).toBe(Math.ceil(lastMicros / 1000));
    expect(record.capture.samples).toHaveLength(samples.length);
    expect(record.capture.samples[1]).toEqual({
      x: samples[1]?.[0],
      y: samples[1]?.[1],
      lcdX: (samples[1]?.[0] ?? 0) * 600,
      lcdY: (samples[1]?.[1] ?? 0) * 200,
      pressure: 0.5,
      inRange: true,
      tip: true,
      timeCount: null,
      sequence: null,
      hostMicros: samples[1]?.[3],
      pointer: 'pen',
    });
    // The pad library draws it as it draws a pad's: three strokes, each ended where the pen lifted.
    expect(strokes(capture).map((s) => s.length)).toEqual([24, 24, 24]);
  });

  it('takes a pad’s capture as it is, with the pad’s identity', () => {
    const record = screenRecord(input(syntheticSignature()));
    const pad = {
      ...record,
      source: 'pad',
      capture: {
        ...record.capture,
        device: { model: 'STU-540', productId: 0xa8, firmware: '2.03', uid: 123456, uid2: 'A1B2C3', tablet: { maxX: 9600, maxY: 6000, maxPressure: 1023 } },
        lcd: { width: 800, height: 480 },
        samples: record.capture.samples.map((s, i) => ({ ...s, x: s.x * 9600, y: s.y * 6000, lcdX: s.x * 800, lcdY: s.y * 480, pressure: s.pressure * 1023, timeCount: i, sequence: i })),
      },
    };
    expect(parseRecord(pad).capture.device?.model).toBe('STU-540');
    expect(() => parseRecord({ ...pad, source: 'screen' })).toThrow(/Paraksta dati nav derīgi/u);
  });

  it('refuses an empty signature: a tap is not a signature', () => {
    const tap: ScreenSample[] = [
      [0.5, 0.5, 0.5, 0, 'mouse', true],
      [0.5, 0.5, 0, 4_000, 'mouse', false],
    ];
    expect(() => screenRecord(input(tap))).toThrow(/Paraksts ir tukšs/u);
    expect(() => screenRecord(input([]))).toThrow(/Paraksts ir tukšs/u);
  });

  it('refuses garbage with a Latvian message and the place it was found', () => {
    const backwards = syntheticSignature();
    const [x, y, pressure, , pointer, tip] = backwards[5] ?? [0, 0, 0, 0, 'pen', true];
    backwards[5] = [x, y, pressure, 1, pointer, tip];
    let error: unknown;
    try {
      screenRecord(input(backwards));
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/^Paraksta dati nav derīgi/u), issues: [{ path: 'capture.samples.5.hostMicros' }] });
    expect(() => screenRecord({ ...input(syntheticSignature()), signer: { name: '   ', from: 'typed' } })).toThrow(/Paraksta dati nav derīgi/u);
    expect(() => parseRecord({ ...screenRecord(input(syntheticSignature())), extra: 'field' })).toThrow(/Paraksta dati nav derīgi/u);
  });
});
