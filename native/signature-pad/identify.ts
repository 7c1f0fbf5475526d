import type { Size, TabletRange } from './coordinates';
import { SignaturePadError } from './errors';
import { identifyModel, STU_MAX_PRESSURE } from './models';
import {
  FeatureLength,
  HID_IMAGE_BLOCK_SIZE,
  parseCapability,
  parseInformation,
  parseUid,
  parseUid2,
  ReportId,
  type Capability,
  type ImageEncoding,
  type Information,
  type Invalid,
} from './protocol';
import type { PadTransport } from './transport';

/** Everything a session needs to know about the pad in front of it, the pad's own answers first. */
export interface PadProfile {
  model: string;
  productId: number;
  lcd: Size;
  tablet: TabletRange & { maxPressure: number };
  encodings: readonly ImageEncoding[];
  imageBlockSize: number;
  timeCountSequence: boolean;
  firmware: string | null;
  /** The 32-bit ID an application may write into the pad; null when unreadable or never set (0). */
  uid: number | null;
  /** The factory hardware ID (STU-430/530/540); null on models without one. */
  uid2: string | null;
}

export interface PadReadings {
  information: Information | null;
  capability: Capability | null;
  uid: number | null;
  uid2: string | null;
}

export async function identifyPad(transport: PadTransport, productId: number): Promise<PadProfile> {
  const information = await readOptional(transport, ReportId.Information, FeatureLength.Information, parseInformation);
  const capability = await readOptional(transport, ReportId.Capability, FeatureLength.Capability, parseCapability);
  const uid = await readOptional(transport, ReportId.Uid, FeatureLength.Uid, parseUid);
  const uid2 = await readOptional(transport, ReportId.Uid2, FeatureLength.Uid2, parseUid2);
  return resolveProfile(productId, { information, capability, uid: uid || null, uid2 });
}

/**
 * Not every model answers every report (the STU-300/500 have no Uid2, some 430s reportedly no
 * Information): a pad that stalls or answers garbage here is identified from the model table instead.
 */
async function readOptional<T>(
  transport: PadTransport,
  reportId: number,
  length: number,
  parse: (bytes: Uint8Array) => T | Invalid,
): Promise<T | null> {
  let bytes: Uint8Array;
  try {
    bytes = await transport.getFeature(reportId, length);
  } catch {
    return null;
  }
  const parsed = parse(bytes);
  return isInvalid(parsed) ? null : parsed;
}

function isInvalid(value: unknown): value is Invalid {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'invalid';
}

export function resolveProfile(productId: number, readings: PadReadings): PadProfile {
  const { information, capability } = readings;
  const known = identifyModel(information?.model ?? null, productId);
  const lcd = capability ? { width: capability.lcdWidth, height: capability.lcdHeight } : known?.lcd;
  const range = capability ? { maxX: capability.tabletMaxX, maxY: capability.tabletMaxY } : known?.tablet;
  if (!lcd || !range) {
    // Without both sizes no pen position can be placed on the screen; guessing would misplace the buttons.
    throw new SignaturePadError('protocol', {
      cause: new Error(`STU product 0x${productId.toString(16)} answered no Capability and is not in the model table`),
    });
  }
  return {
    model: information?.model ?? known?.name ?? `STU 0x${productId.toString(16).padStart(4, '0')}`,
    productId,
    lcd,
    tablet: { ...range, maxPressure: capability?.tabletMaxPressure || (known?.maxPressure ?? STU_MAX_PRESSURE) },
    encodings: capability?.encodings ?? known?.encodings ?? ['1bit'],
    imageBlockSize: known?.imageBlockSize ?? HID_IMAGE_BLOCK_SIZE,
    timeCountSequence: known?.timeCountSequence ?? false,
    // Major.minor with the minor as two hex digits, the way Wacom's query tool prints it (1.03).
    firmware: information ? `${information.firmwareMajor}.${information.firmwareMinor.toString(16).padStart(2, '0')}` : null,
    uid: readings.uid,
    uid2: readings.uid2,
  };
}
