import type { Size, TabletRange } from './coordinates';
import { HID_IMAGE_BLOCK_SIZE, type ImageEncoding } from './protocol';

export const WACOM_VENDOR_ID = 0x056a;

/** 10-bit pressure on every STU (see the sources below the interface). */
export const STU_MAX_PRESSURE = 1023;

/**
 * What we know of an STU model before asking it. The pad's own Capability report wins when it can be
 * read; this table is the fallback, and the only source for what Capability does not say (time count
 * and sequence support, image block size).
 */
export interface PadModel {
  productId: number;
  name: string;
  lcd: Size;
  /** Null where no public source gave the figure: such a pad must answer Capability. */
  tablet: TabletRange | null;
  maxPressure: number;
  /** Best last: the colour depths the LCD accepts. */
  encodings: readonly ImageEncoding[];
  imageBlockSize: number;
  /** Sends PenDataTimeCountSequence reports once asked to. */
  timeCountSequence: boolean;
}

const MONO: readonly ImageEncoding[] = ['1bit'];
const COLOUR_16: readonly ImageEncoding[] = ['1bit', '16bit'];
const COLOUR_24: readonly ImageEncoding[] = ['1bit', '16bit', '24bit'];

/**
 * Sources: product IDs from the STU SDK's getUsbDevices.hpp (ProductId_500 … ProductId_541); LCD sizes
 * from Wacom-Developer/stu-sdk-samples README.md; colour depths from ProtocolHelper.cpp's
 * simulateEncodingFlag(); time count/sequence support from Protocol.hpp's compatibility column for
 * ReportId_PenDataTimeCountSequence (430, 530, 540; the 430V and 541 are variants of those two) and the
 * SDK samples that switch it on for the 430/530/540. Maximum pressure 1023 for all: the SDK's ink
 * threshold range is 0x000–0x3FF and DennisWacom/InkPlatform lists 1024 levels for every STU. Tablet
 * ranges: 10800 × 6480 for the 800 × 480 530/540/541 (13.5 tablet units per pixel, the STU-540 figure
 * in pabloko/Wacom-STU-WebHID); 9600 × 6000 for the 430/430V is an estimate not confirmed on a device.
 * Every model is sent 253-byte blocks, the SDK's default over HID. The STU-541 is listed so it is
 * recognised, but Wacom documents it as talking over an encrypted channel, which nothing here speaks.
 */
export const STU_MODELS: readonly PadModel[] = [
  model(0x00a1, 'STU-500', { width: 640, height: 480 }, null, MONO, false),
  model(0x00a2, 'STU-300', { width: 396, height: 100 }, null, MONO, false),
  model(0x00a3, 'STU-520', { width: 800, height: 480 }, null, COLOUR_16, false),
  model(0x00a4, 'STU-430', { width: 320, height: 200 }, { maxX: 9600, maxY: 6000 }, MONO, true),
  model(0x00a5, 'STU-530', { width: 800, height: 480 }, { maxX: 10800, maxY: 6480 }, COLOUR_24, true),
  model(0x00a6, 'STU-430V', { width: 320, height: 200 }, { maxX: 9600, maxY: 6000 }, MONO, true),
  model(0x00a8, 'STU-540', { width: 800, height: 480 }, { maxX: 10800, maxY: 6480 }, COLOUR_24, true),
  model(0x00a9, 'STU-541', { width: 800, height: 480 }, { maxX: 10800, maxY: 6480 }, COLOUR_24, true),
];

function model(
  productId: number,
  name: string,
  lcd: Size,
  tablet: TabletRange | null,
  encodings: readonly ImageEncoding[],
  timeCountSequence: boolean,
): PadModel {
  return { productId, name, lcd, tablet, maxPressure: STU_MAX_PRESSURE, encodings, imageBlockSize: HID_IMAGE_BLOCK_SIZE, timeCountSequence };
}

export function modelByProductId(productId: number): PadModel | null {
  return STU_MODELS.find((m) => m.productId === productId) ?? null;
}

/**
 * The Information report's model name first: it is what the firmware says it runs. The USB product ID
 * when the name is missing (some STU-430s reportedly do not answer Information, see
 * eros23/Wacom-STU-430-WebHID) or not in the table.
 */
export function identifyModel(modelName: string | null, productId: number): PadModel | null {
  const name = modelName?.trim().toUpperCase();
  return STU_MODELS.find((m) => m.name === name) ?? modelByProductId(productId);
}
