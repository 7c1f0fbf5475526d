/**
 * Byte-level codec for Wacom STU signature pads (USB HID, vendor 0x056A); no I/O here.
 *
 * Source of the report IDs, layouts and codes: Wacom's STU SDK C++ sources (WacomGSS/STU/Protocol.hpp
 * for the IDs, enums and input report decoding, Protocol.cpp for the feature report byte layouts,
 * ProtocolHelper.cpp for the image upload sequence), cross-checked against the reverse-engineered
 * WebHID driver pabloko/Wacom-STU-WebHID (wacomstu540.js). Every report starts with its report ID, as
 * hidapi hands them over; the SDK's big-endian and little-endian fields are mixed and noted per field.
 */

export const ReportId = {
  PenData: 0x01,
  Status: 0x03,
  Reset: 0x04,
  Information: 0x08,
  Capability: 0x09,
  Uid: 0x0a,
  Uid2: 0x0b,
  ClearScreen: 0x20,
  InkingMode: 0x21,
  StartImageData: 0x25,
  ImageDataBlock: 0x26,
  EndImageData: 0x27,
  PenDataOptionMode: 0x32,
  PenDataTimeCountSequence: 0x34,
} as const;

/** Lengths of the feature reports we read, report ID included (Protocol.cpp's `std::array` sizes). */
export const FeatureLength = {
  Status: 5,
  Information: 17,
  Capability: 17,
  Uid: 5,
  Uid2: 11,
} as const;

/** The most image bytes one ImageDataBlock feature report carries over HID (ImageDataBlock::maxLengthHID). */
export const HID_IMAGE_BLOCK_SIZE = 253;
/** The SDK's largest block (2560-byte report, serial and STU-540 only); a bigger one is a bug of ours. */
const MAX_IMAGE_BLOCK_SIZE = 2557;

const STATUS_NAMES = {
  0x00: 'ready',
  0x01: 'image',
  0x02: 'capture',
  0x03: 'calculation',
  0x04: 'image_boot',
  0x05: 'rom_busy',
  0xff: 'system_reset',
} as const;

export type PadState = (typeof STATUS_NAMES)[keyof typeof STATUS_NAMES] | 'unknown';

/** Status.lastResultCode values (Protocol::ErrorCode); anything else is firmware-internal. */
const RESULT_NAMES: Record<number, string> = {
  0x00: 'none',
  0x01: 'wrong_report_id',
  0x02: 'wrong_state',
  0x03: 'crc',
  0x04: 'bad_parameter',
  0x10: 'graphics_wrong_encoding_type',
  0x11: 'graphics_image_too_long',
  0x12: 'graphics_zlib_error',
  0x15: 'graphics_wrong_parameters',
};

export function describeResult(code: number): string {
  return RESULT_NAMES[code] ?? `internal_0x${code.toString(16).padStart(2, '0')}`;
}

export type ImageEncoding = '1bit' | '16bit' | '24bit';

/** StartImageData's encoding byte, uncompressed and sent as feature reports (not the "bulk" modes, which need an interrupt OUT pipe). */
const ENCODING_MODE: Record<ImageEncoding, number> = { '1bit': 0x00, '16bit': 0x02, '24bit': 0x04 };

/** Capability.encodingFlag bits; 0x01 (zlib) is not used here. */
const ENCODING_FLAG: Record<ImageEncoding, number> = { '1bit': 0x02, '16bit': 0x04, '24bit': 0x08 };

const PEN_DATA_OPTION_TIME_COUNT_SEQUENCE = 0x03;

export interface Invalid {
  kind: 'invalid';
  reason: string;
}

export interface Status {
  kind: 'status';
  state: PadState;
  code: number;
  /** The result of the last command the pad ran; 0 is success. */
  lastResult: number;
  statusWord: number;
}

export interface Information {
  kind: 'information';
  model: string;
  firmwareMajor: number;
  firmwareMinor: number;
  secureIc: boolean;
  secureIcVersion: string;
}

export interface Capability {
  kind: 'capability';
  tabletMaxX: number;
  tabletMaxY: number;
  tabletMaxPressure: number;
  lcdWidth: number;
  lcdHeight: number;
  /** 0 on the STU-300/500, which do not report it. */
  maxReportRate: number;
  /** Tablet units per inch; 0 on the STU-300/500. */
  resolution: number;
  /** Null when the pad leaves the flag empty (older firmware): the model table decides then. */
  encodings: ImageEncoding[] | null;
}

export interface PenReport {
  kind: 'pen';
  inRange: boolean;
  tip: boolean;
  /** 12-bit, in tablet units up to the pad's maximum pressure. */
  pressure: number;
  x: number;
  y: number;
  /** Milliseconds, wrapping at 0xFFFF; only PenDataTimeCountSequence reports carry it. */
  timeCount: number | null;
  sequence: number | null;
}

function invalid(reason: string): Invalid {
  return { kind: 'invalid', reason };
}

function malformed(bytes: Uint8Array, reportId: number, length: number): Invalid | null {
  if (bytes.length === 0) return invalid('empty report');
  if (bytes[0] !== reportId) return invalid(`expected report 0x${reportId.toString(16)}, got 0x${(bytes[0] ?? 0).toString(16)}`);
  if (bytes.length < length) return invalid(`report 0x${reportId.toString(16)} has ${bytes.length} bytes, needs ${length}`);
  return null;
}

function u16be(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
}

function u16le(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
}

/** A fixed-width, NUL-padded ASCII field; null when it holds anything but printable ASCII. */
function asciiField(bytes: Uint8Array, from: number, to: number): string | null {
  const field = bytes.subarray(from, to);
  const end = field.indexOf(0);
  const text = end < 0 ? field : field.subarray(0, end);
  if (text.some((b) => b < 0x20 || b > 0x7e)) return null;
  return String.fromCharCode(...text).trim();
}

export function parseStatus(bytes: Uint8Array): Status | Invalid {
  const bad = malformed(bytes, ReportId.Status, FeatureLength.Status);
  if (bad) return bad;
  const code = bytes[1] ?? 0;
  return {
    kind: 'status',
    state: STATUS_NAMES[code as keyof typeof STATUS_NAMES] ?? 'unknown',
    code,
    lastResult: bytes[2] ?? 0,
    // The one little-endian field of the status report (Protocol.cpp).
    statusWord: u16le(bytes, 3),
  };
}

export function parseInformation(bytes: Uint8Array): Information | Invalid {
  const bad = malformed(bytes, ReportId.Information, FeatureLength.Information);
  if (bad) return bad;
  const model = asciiField(bytes, 1, 10);
  if (!model) return invalid('model name is empty or not text');
  return {
    kind: 'information',
    model,
    firmwareMajor: bytes[10] ?? 0,
    firmwareMinor: bytes[11] ?? 0,
    secureIc: (bytes[12] ?? 0) !== 0,
    secureIcVersion: Array.from(bytes.subarray(13, 17)).join('.'),
  };
}

export function parseCapability(bytes: Uint8Array): Capability | Invalid {
  const bad = malformed(bytes, ReportId.Capability, FeatureLength.Capability);
  if (bad) return bad;
  const capability: Capability = {
    kind: 'capability',
    tabletMaxX: u16be(bytes, 1),
    tabletMaxY: u16be(bytes, 3),
    tabletMaxPressure: u16be(bytes, 5),
    lcdWidth: u16be(bytes, 7),
    lcdHeight: u16be(bytes, 9),
    maxReportRate: bytes[11] ?? 0,
    resolution: u16be(bytes, 12),
    encodings: encodingsFromFlag(bytes[14] ?? 0),
  };
  if (capability.tabletMaxX === 0 || capability.tabletMaxY === 0 || capability.lcdWidth === 0 || capability.lcdHeight === 0) {
    return invalid('capability has a zero tablet or screen size');
  }
  return capability;
}

function encodingsFromFlag(flag: number): ImageEncoding[] | null {
  const encodings = (Object.keys(ENCODING_FLAG) as ImageEncoding[]).filter((e) => (flag & ENCODING_FLAG[e]) !== 0);
  return encodings.length > 0 ? encodings : null;
}

/** The 32-bit unique ID an application may store in the pad (big-endian); 0 means none was set. */
export function parseUid(bytes: Uint8Array): number | Invalid {
  const bad = malformed(bytes, ReportId.Uid, FeatureLength.Uid);
  if (bad) return bad;
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(1);
}

/** The factory-set hardware ID of the STU-430/530/540 (10 ASCII characters). */
export function parseUid2(bytes: Uint8Array): string | Invalid {
  const bad = malformed(bytes, ReportId.Uid2, FeatureLength.Uid2);
  if (bad) return bad;
  const uid2 = asciiField(bytes, 1, 11);
  return uid2 ? uid2 : invalid('hardware ID is empty or not text');
}

/**
 * An input report: PenData (0x01, 6 data bytes) or PenDataTimeCountSequence (0x34, 10 data bytes).
 * Windows' HID stack pads input reports to the longest one the pad declares, so longer is accepted.
 */
export function parseInputReport(bytes: Uint8Array): PenReport | Invalid {
  const reportId = bytes[0];
  if (reportId === ReportId.PenData) {
    const bad = malformed(bytes, ReportId.PenData, 7);
    return bad ?? { ...penFields(bytes), timeCount: null, sequence: null };
  }
  if (reportId === ReportId.PenDataTimeCountSequence) {
    const bad = malformed(bytes, ReportId.PenDataTimeCountSequence, 11);
    return bad ?? { ...penFields(bytes), timeCount: u16be(bytes, 7), sequence: u16be(bytes, 9) };
  }
  return invalid(reportId === undefined ? 'empty report' : `unhandled input report 0x${reportId.toString(16)}`);
}

/**
 * Byte 1: bit 7 = rdy (in proximity), bits 6–4 = sw (touching), bits 3–0 = pressure high nibble; then
 * pressure low, x and y big-endian. The SDK's decoding, not the WebHID driver's, which reads rdy and sw
 * from bits 0 and 1.
 */
function penFields(bytes: Uint8Array): Omit<PenReport, 'timeCount' | 'sequence'> {
  const head = bytes[1] ?? 0;
  return {
    kind: 'pen',
    inRange: (head & 0x80) !== 0,
    tip: (head & 0x70) !== 0,
    pressure: ((head & 0x0f) << 8) | (bytes[2] ?? 0),
    x: u16be(bytes, 3),
    y: u16be(bytes, 5),
  };
}

export function clearScreenReport(): Uint8Array {
  return Uint8Array.of(ReportId.ClearScreen, 0x00);
}

export function inkingModeReport(on: boolean): Uint8Array {
  return Uint8Array.of(ReportId.InkingMode, on ? 0x01 : 0x00);
}

/** A soft reset: back to Ready with a white screen and default ink settings; the USB connection stays. */
export function softResetReport(): Uint8Array {
  return Uint8Array.of(ReportId.Reset, 0x00);
}

/** Asks the 430/530/540 for PenDataTimeCountSequence reports instead of plain PenData. */
export function timeCountSequenceReport(): Uint8Array {
  return Uint8Array.of(ReportId.PenDataOptionMode, PEN_DATA_OPTION_TIME_COUNT_SEQUENCE);
}

export function startImageDataReport(encoding: ImageEncoding): Uint8Array {
  return Uint8Array.of(ReportId.StartImageData, ENCODING_MODE[encoding]);
}

/** Report ID, 16-bit little-endian length, then the data zero-padded to the block size: the pad expects the full report every time. */
export function imageDataBlockReport(chunk: Uint8Array, blockSize: number): Uint8Array {
  if (blockSize > MAX_IMAGE_BLOCK_SIZE || chunk.length > blockSize) {
    throw new RangeError(`image block of ${chunk.length} bytes does not fit a ${blockSize}-byte block`);
  }
  const report = new Uint8Array(3 + blockSize);
  report[0] = ReportId.ImageDataBlock;
  report[1] = chunk.length & 0xff;
  report[2] = chunk.length >> 8;
  report.set(chunk, 3);
  return report;
}

/** `abandon` drops a half-sent image and returns the pad to Ready (EndImageDataFlag_Abandon). */
export function endImageDataReport(abandon: boolean): Uint8Array {
  return Uint8Array.of(ReportId.EndImageData, abandon ? 0x01 : 0x00);
}
