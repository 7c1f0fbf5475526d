import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clearScreenReport,
  endImageDataReport,
  imageDataBlockReport,
  inkingModeReport,
  parseCapability,
  parseInformation,
  parseInputReport,
  parseStatus,
  parseUid,
  parseUid2,
  softResetReport,
  startImageDataReport,
  timeCountSequenceReport,
} from './protocol';

describe('pen reports', () => {
  it('decodes PenData: rdy and sw bits, 12-bit pressure split over two bytes, big-endian x and y', () => {
    expect(parseInputReport(Uint8Array.of(0x01, 0b1001_0011, 0x45, 0x12, 0x34, 0x0a, 0xbc))).toEqual({
      kind: 'pen',
      inRange: true,
      tip: true,
      pressure: 0x345,
      x: 0x1234,
      y: 0x0abc,
      timeCount: null,
      sequence: null,
    });
  });

  it('reads a hovering pen as in range without the tip, and a pen leaving as neither', () => {
    expect(parseInputReport(Uint8Array.of(0x01, 0x80, 0, 0, 10, 0, 20))).toMatchObject({ inRange: true, tip: false, pressure: 0 });
    expect(parseInputReport(Uint8Array.of(0x01, 0x00, 0, 0, 10, 0, 20))).toMatchObject({ inRange: false, tip: false });
  });

  it('decodes the time count and sequence number of PenDataTimeCountSequence', () => {
    const report = Uint8Array.of(0x34, 0x93, 0xff, 0x2a, 0x30, 0x19, 0x50, 0xff, 0xfe, 0x01, 0x02);
    expect(parseInputReport(report)).toEqual({
      kind: 'pen',
      inRange: true,
      tip: true,
      pressure: 0x3ff,
      x: 10800,
      y: 6480,
      timeCount: 0xfffe,
      sequence: 0x0102,
    });
  });

  it('accepts reports padded beyond their length, as Windows delivers them', () => {
    expect(parseInputReport(Uint8Array.of(0x01, 0x90, 0x01, 0, 5, 0, 6, 0, 0, 0, 0))).toMatchObject({ kind: 'pen', x: 5, y: 6 });
  });

  it('returns invalid for empty, short and unhandled reports', () => {
    expect(parseInputReport(new Uint8Array())).toEqual({ kind: 'invalid', reason: 'empty report' });
    expect(parseInputReport(Uint8Array.of(0x01, 0x90, 0x01))).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('needs 7') });
    expect(parseInputReport(Uint8Array.of(0x34, 0x90, 0x01, 0, 5, 0, 6))).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('needs 11') });
    // Encrypted pen data (0x10) needs a session key we never set up.
    expect(parseInputReport(Uint8Array.of(0x10, 1, 2, 3, 4))).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('0x10') });
  });

  it('never throws, whatever bytes arrive', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        for (const parse of [parseInputReport, parseStatus, parseInformation, parseCapability, parseUid, parseUid2]) parse(bytes);
      }),
      { seed: 20261123, numRuns: 2000 },
    );
  });
});

describe('feature reports read from the pad', () => {
  it('parses Status with its little-endian status word', () => {
    expect(parseStatus(Uint8Array.of(0x03, 0x01, 0x02, 0x34, 0x12))).toEqual({ kind: 'status', state: 'image', code: 1, lastResult: 2, statusWord: 0x1234 });
    expect(parseStatus(Uint8Array.of(0x03, 0x00, 0, 0, 0))).toMatchObject({ state: 'ready' });
    expect(parseStatus(Uint8Array.of(0x03, 0xff, 0, 0, 0))).toMatchObject({ state: 'system_reset' });
    expect(parseStatus(Uint8Array.of(0x03, 0x42, 0, 0, 0))).toMatchObject({ state: 'unknown', code: 0x42 });
  });

  it('refuses a status report with the wrong ID or too few bytes', () => {
    expect(parseStatus(Uint8Array.of(0x08, 0, 0, 0, 0))).toMatchObject({ kind: 'invalid' });
    expect(parseStatus(Uint8Array.of(0x03, 0))).toMatchObject({ kind: 'invalid' });
  });

  it('parses Information: a NUL-padded 9-character model name, firmware and the secure IC', () => {
    const report = Uint8Array.of(0x08, ...ascii('STU-540'), 0, 0, 0x01, 0x03, 0x01, 2, 0, 1, 4);
    expect(parseInformation(report)).toEqual({
      kind: 'information',
      model: 'STU-540',
      firmwareMajor: 1,
      firmwareMinor: 3,
      secureIc: true,
      secureIcVersion: '2.0.1.4',
    });
  });

  it('refuses an Information report whose model name is not text', () => {
    expect(parseInformation(Uint8Array.of(0x08, 0x53, 0x07, 0x99, 0, 0, 0, 0, 0, 0, 1, 3, 0, 0, 0, 0, 0))).toMatchObject({ kind: 'invalid' });
    expect(parseInformation(new Uint8Array(17).fill(0).map((v, i) => (i === 0 ? 0x08 : v)))).toMatchObject({ kind: 'invalid' });
  });

  it('parses Capability: big-endian sizes and the encoding flags', () => {
    const report = Uint8Array.of(0x09, 0x2a, 0x30, 0x19, 0x50, 0x03, 0xff, 0x03, 0x20, 0x01, 0xe0, 200, 0x09, 0xec, 0x0f, 0, 0);
    expect(parseCapability(report)).toEqual({
      kind: 'capability',
      tabletMaxX: 10800,
      tabletMaxY: 6480,
      tabletMaxPressure: 1023,
      lcdWidth: 800,
      lcdHeight: 480,
      maxReportRate: 200,
      resolution: 2540,
      encodings: ['1bit', '16bit', '24bit'],
    });
  });

  it('leaves the encodings to the model table when an older pad leaves the flag empty', () => {
    const report = Uint8Array.of(0x09, 0x25, 0x80, 0x17, 0x70, 0x03, 0xff, 0x01, 0x40, 0x00, 0xc8, 0, 0, 0, 0, 0, 0);
    expect(parseCapability(report)).toMatchObject({ lcdWidth: 320, lcdHeight: 200, encodings: null });
  });

  it('refuses a Capability report with a zero size: no pen position could be mapped with it', () => {
    expect(parseCapability(Uint8Array.of(0x09, 0, 0, 0x19, 0x50, 0x03, 0xff, 0x03, 0x20, 0x01, 0xe0, 0, 0, 0, 0, 0, 0))).toMatchObject({ kind: 'invalid' });
  });

  it('parses the 32-bit Uid and the 10-character hardware ID', () => {
    expect(parseUid(Uint8Array.of(0x0a, 0xde, 0xad, 0xbe, 0xef))).toBe(0xdeadbeef);
    expect(parseUid2(Uint8Array.of(0x0b, ...ascii('A1B2C3D4E5')))).toBe('A1B2C3D4E5');
    expect(parseUid2(Uint8Array.of(0x0b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))).toMatchObject({ kind: 'invalid' });
  });
});

describe('feature reports sent to the pad', () => {
  it('builds the one-byte commands with their report IDs', () => {
    expect([...clearScreenReport()]).toEqual([0x20, 0x00]);
    expect([...inkingModeReport(true)]).toEqual([0x21, 0x01]);
    expect([...inkingModeReport(false)]).toEqual([0x21, 0x00]);
    expect([...softResetReport()]).toEqual([0x04, 0x00]);
    expect([...timeCountSequenceReport()]).toEqual([0x32, 0x03]);
  });

  it('starts an image in the uncompressed encoding asked for', () => {
    expect([...startImageDataReport('1bit')]).toEqual([0x25, 0x00]);
    expect([...startImageDataReport('16bit')]).toEqual([0x25, 0x02]);
    expect([...startImageDataReport('24bit')]).toEqual([0x25, 0x04]);
  });

  it('ends an image by committing it, or by abandoning it', () => {
    expect([...endImageDataReport(false)]).toEqual([0x27, 0x00]);
    expect([...endImageDataReport(true)]).toEqual([0x27, 0x01]);
  });

  it('sends an image block as a full 256-byte report with a little-endian length', () => {
    const report = imageDataBlockReport(Uint8Array.of(9, 8, 7), 253);
    expect(report.length).toBe(256);
    expect([...report.subarray(0, 6)]).toEqual([0x26, 3, 0, 9, 8, 7]);
    expect(report.subarray(6).every((b) => b === 0)).toBe(true);
    expect([...imageDataBlockReport(new Uint8Array(300), 2557).subarray(0, 3)]).toEqual([0x26, 0x2c, 0x01]);
  });

  it('refuses a block larger than the block size', () => {
    expect(() => imageDataBlockReport(new Uint8Array(254), 253)).toThrow(RangeError);
  });
});

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}
