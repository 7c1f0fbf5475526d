import { z } from 'zod';
import { strokes, type SignatureCapture } from '../../native/signature-pad';
import { AppError, MAX_SIGNATURE_SAMPLES, MIN_SIGNATURE_SAMPLES, type ScreenSignature } from '../../preload/contract';
import { issuesOf } from '../rpc/router';

/** The signer's declared intent, kept in the record (the PDF itself says what is signed). */
export const SIGNING_REASON = 'Pieteikuma parakstīšana';

export const RECORD_FORMAT = 'lete.signature-record/1';

const Iso = z.iso.datetime({ offset: true });

/**
 * A pad's `PenSample` plus the pointer that made it. A screen capture has no tablet of its own, so its
 * tablet is the unit square: x, y and pressure are 0…1 over the signing area, and lcdX/lcdY are the
 * CSS pixels where the client saw the ink.
 */
const Sample = z
  .object({
    x: z.number().min(0),
    y: z.number().min(0),
    lcdX: z.number().min(0),
    lcdY: z.number().min(0),
    pressure: z.number().min(0),
    inRange: z.boolean(),
    tip: z.boolean(),
    /** The device's own clock; a screen has none. */
    timeCount: z.number().int().min(0).max(65_535).nullable(),
    sequence: z.number().int().min(0).nullable(),
    /** Microseconds since the capture's first sample, on the host's monotonic clock. */
    hostMicros: z.number().int().min(0),
    pointer: z.enum(['mouse', 'pen', 'touch']),
  })
  .strict();

/** The pad as `native/signature-pad` identifies it: model, serial (uid, uid2) and firmware. */
const Device = z
  .object({
    model: z.string().min(1),
    productId: z.number().int(),
    firmware: z.string().nullable(),
    uid: z.number().int().nullable(),
    uid2: z.string().nullable(),
    tablet: z.object({ maxX: z.number().int().positive(), maxY: z.number().int().positive(), maxPressure: z.number().int().positive() }).strict(),
  })
  .strict();

const Capture = z
  .object({
    device: Device.nullable(),
    lcd: z.object({ width: z.number().positive(), height: z.number().positive() }).strict(),
    startedAt: Iso,
    finishedAt: Iso,
    samples: z.array(Sample).max(MAX_SIGNATURE_SAMPLES),
  })
  .strict();

/**
 * The signature as evidence: every sample as captured, who operated the desk, who signed, why, and
 * the SHA-256 of the exact PDF the client was shown. The capture has the shape of the pad library's
 * `SignatureCapture`, so a pad's capture goes in unchanged with `source: 'pad'`.
 */
export const SignatureRecord = z
  .object({
    format: z.literal(RECORD_FORMAT),
    source: z.enum(['screen', 'pad']),
    capture: Capture,
    operator: z.object({ userId: z.string().min(1), displayName: z.string() }).strict(),
    /** `case`: the case's client's name; `typed`: as the clerk typed it. */
    signer: z.object({ name: z.string().trim().min(1).max(200), from: z.enum(['case', 'typed']) }).strict(),
    reason: z.string().min(1),
    document: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/u), caseId: z.string().min(1) }).strict(),
    signedAt: Iso,
  })
  .strict()
  .superRefine((record, ctx) => {
    const { device, lcd, samples } = record.capture;
    if ((record.source === 'screen') !== (device === null)) {
      ctx.addIssue({ code: 'custom', path: ['capture', 'device'], message: 'a screen capture has no device, a pad capture has one' });
    }
    const max = device ? device.tablet : { maxX: 1, maxY: 1, maxPressure: 1 };
    samples.forEach((s, i) => {
      const outside = s.x > max.maxX || s.y > max.maxY || s.pressure > max.maxPressure || s.lcdX > lcd.width || s.lcdY > lcd.height;
      if (outside) ctx.addIssue({ code: 'custom', path: ['capture', 'samples', i], message: 'outside the signing area' });
      const previous = samples[i - 1];
      if (previous && s.hostMicros < previous.hostMicros) ctx.addIssue({ code: 'custom', path: ['capture', 'samples', i, 'hostMicros'], message: 'time runs backwards' });
    });
  });
export type SignatureRecord = z.infer<typeof SignatureRecord>;

/** Proves at compile time that a record's capture is what the pad library produces and draws. */
export const captureOf = (record: SignatureRecord): SignatureCapture => record.capture;

/** A record from any source, checked; garbage is refused before anything is stored. */
export function parseRecord(value: unknown): SignatureRecord {
  const parsed = SignatureRecord.safeParse(value);
  if (!parsed.success) {
    throw new AppError('INVALID_INPUT', 'Paraksta dati nav derīgi: notīriet paraksta laukumu un lūdziet klientu parakstīties vēlreiz.', { issues: issuesOf(parsed.error) });
  }
  return parsed.data;
}

/** How many samples have ink, i.e. were taken with the pen or finger down. */
function inkedSamples(record: SignatureRecord): number {
  return strokes(captureOf(record)).reduce((sum, stroke) => sum + stroke.length, 0);
}

/** Who signed what, on whose desk, and when: the same for a screen and a pad. */
interface Signing {
  operator: { userId: string; displayName: string };
  signer: { name: string; from: 'case' | 'typed' };
  document: { sha256: string; caseId: string };
  signedAt: Date;
}

/** A checked record around a capture; a capture with too little ink is refused with `empty`'s words. */
function recordOf(source: SignatureRecord['source'], capture: unknown, signing: Signing, empty: string): SignatureRecord {
  const record = parseRecord({
    format: RECORD_FORMAT,
    source,
    capture,
    operator: signing.operator,
    signer: signing.signer,
    reason: SIGNING_REASON,
    document: signing.document,
    signedAt: signing.signedAt.toISOString(),
  });
  if (inkedSamples(record) < MIN_SIGNATURE_SAMPLES) throw new AppError('INVALID_INPUT', empty, { issues: [{ path: 'capture.samples', message: 'empty' }] });
  return record;
}

export interface ScreenRecordInput extends Signing {
  capture: ScreenSignature;
}

/**
 * The record of a signature drawn on the screen. The browser's clock starts at the first sample and
 * is not wall time, so the start is placed the capture's length before the moment of signing.
 */
export function screenRecord(input: ScreenRecordInput): SignatureRecord {
  const { samples, area } = input.capture;
  const lastMicros = samples.at(-1)?.[3] ?? 0;
  return recordOf(
    'screen',
    {
      device: null,
      lcd: { width: area.width, height: area.height },
      startedAt: new Date(input.signedAt.getTime() - Math.ceil(lastMicros / 1000)).toISOString(),
      finishedAt: input.signedAt.toISOString(),
      samples: samples.map(([x, y, pressure, micros, pointer, tip]) => ({
        x,
        y,
        lcdX: x * area.width,
        lcdY: y * area.height,
        pressure,
        inRange: true,
        tip,
        timeCount: null,
        sequence: null,
        hostMicros: micros,
        pointer,
      })),
    },
    input,
    'Paraksts ir tukšs: lūdziet klientu parakstīties paraksta laukumā un tad apstipriniet.',
  );
}

export interface PadRecordInput extends Signing {
  capture: SignatureCapture;
}

/** The record of a signature written on a pad: the pad library's capture as it came, every sample by pen. */
export function padRecord(input: PadRecordInput): SignatureRecord {
  return recordOf(
    'pad',
    { ...input.capture, samples: input.capture.samples.map((s) => ({ ...s, pointer: 'pen' })) },
    input,
    'Paraksts uz planšetes ir tukšs: lūdziet klientu parakstīties un nospiest ✓.',
  );
}
