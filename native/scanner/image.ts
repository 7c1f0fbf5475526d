import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

export interface ImageInfo {
  mediaType: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
  /** Dots per inch written in the file (JFIF density, PNG pHYs), or null when it does not say. */
  resolution: number | null;
  /** Three colour channels, as opposed to one grey (or a PNG palette). */
  colour: boolean;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function u16(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
}

function u32(bytes: Uint8Array, at: number): number {
  return u16(bytes, at) * 0x10000 + u16(bytes, at + 2);
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

function isPng(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((byte, i) => bytes[i] === byte);
}

function isJpeg(bytes: Uint8Array): boolean {
  return bytes[0] === 0xff && bytes[1] === 0xd8;
}

/** Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function jpegInfo(bytes: Uint8Array): ImageInfo {
  let resolution: number | null = null;
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) break;
    const marker = bytes[at + 1] ?? 0;
    // Fill bytes before a marker.
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    const length = u16(bytes, at + 2);
    const body = at + 4;
    if (marker === 0xe0 && ascii(bytes, body, 5) === 'JFIF\0') {
      const units = bytes[body + 7];
      const density = u16(bytes, body + 8);
      if (units === 1 && density > 0) resolution = density;
      if (units === 2 && density > 0) resolution = Math.round(density * 2.54);
    }
    if (isStartOfFrame(marker)) {
      return { mediaType: 'image/jpeg', width: u16(bytes, body + 3), height: u16(bytes, body + 1), resolution, colour: (bytes[body + 5] ?? 1) >= 3 };
    }
    at += 2 + length;
  }
  throw new Error('JPEG without a frame header');
}

function pngInfo(bytes: Uint8Array): ImageInfo {
  const width = u32(bytes, 16);
  const height = u32(bytes, 20);
  const colourType = bytes[25];
  let resolution: number | null = null;
  let at = 8;
  while (at + 8 <= bytes.length) {
    const length = u32(bytes, at);
    const type = ascii(bytes, at + 4, 4);
    if (type === 'IDAT' || type === 'IEND') break;
    // pHYs in pixels per metre (unit 1).
    if (type === 'pHYs' && bytes[at + 16] === 1) resolution = Math.round(u32(bytes, at + 8) * 0.0254);
    at += 12 + length;
  }
  return { mediaType: 'image/png', width, height, resolution, colour: colourType === 2 || colourType === 6 };
}

/** Size and resolution from the headers alone, without decoding the pixels. */
export function imageInfo(bytes: Uint8Array): ImageInfo {
  if (isJpeg(bytes)) return jpegInfo(bytes);
  if (isPng(bytes)) return pngInfo(bytes);
  throw new Error('Neither JPEG nor PNG');
}

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel. */
  data: Uint8Array;
}

export function decodePixels(bytes: Uint8Array): Pixels {
  if (isJpeg(bytes)) {
    const { width, height, data } = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
    return { width, height, data };
  }
  if (isPng(bytes)) {
    const { width, height, data } = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { width, height, data };
  }
  throw new Error('Neither JPEG nor PNG');
}

/**
 * Baseline JPEG of RGBA pixels. jpeg-js writes a JFIF header with no units; writing the real
 * density in it lets any viewer (and our own imageInfo) work out the paper size.
 */
export function encodeJpeg(pixels: Pixels, quality: number, resolution: number): Uint8Array {
  const bytes = new Uint8Array(jpeg.encode({ width: pixels.width, height: pixels.height, data: pixels.data }, quality).data);
  if (ascii(bytes, 6, 5) === 'JFIF\0') {
    const density = Math.min(Math.round(resolution), 0xffff);
    bytes[13] = 1;
    bytes.set([density >> 8, density & 0xff, density >> 8, density & 0xff], 14);
  }
  return bytes;
}
