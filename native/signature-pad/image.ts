import type { Size } from './coordinates';
import type { ImageEncoding } from './protocol';

/**
 * A prompt drawn by the renderer (a canvas's ImageData is 'rgba'), exactly the pad's LCD size: the pad
 * has no scaler and the app lays the buttons out in LCD pixels.
 */
export interface Raster {
  width: number;
  height: number;
  format: 'rgba' | 'grey';
  data: Uint8Array | Uint8ClampedArray;
}

/** Below this luminance a pixel is ink on a 1-bit screen: anti-aliased text keeps its stems, loses its haze. */
const INK_THRESHOLD = 128;

/**
 * The pad's native image format, row by row from the top-left, as the STU SDK's flatten functions
 * (WacomGSS/STU/Win32/ProtocolHelper.cpp) produce it:
 * - 1bit: 1 bit per pixel, leftmost pixel in the most significant bit, 1 = white, 0 = ink; each row
 *   padded to whole bytes with white (the STU-300's 396 pixels take 50 bytes).
 * - 16bit: RGB 5-6-5, high byte first, no row padding.
 * - 24bit: blue, green, red bytes per pixel, no row padding.
 */
export function encodeImage(raster: Raster, lcd: Size, encoding: ImageEncoding): Uint8Array {
  const channels = raster.format === 'rgba' ? 4 : 1;
  if (raster.width !== lcd.width || raster.height !== lcd.height) {
    throw new RangeError(`prompt is ${raster.width}×${raster.height}, the pad's screen is ${lcd.width}×${lcd.height}`);
  }
  if (raster.data.length !== raster.width * raster.height * channels) {
    throw new RangeError(`prompt has ${raster.data.length} bytes, expected ${raster.width * raster.height * channels}`);
  }
  const pixel = pixelReader(raster);
  switch (encoding) {
    case '1bit':
      return encodeMonochrome(raster, pixel);
    case '16bit':
      return encodeColour(raster, 2, pixel, (out, at, [r, g, b]) => {
        const rgb565 = ((r >> 3) << 11) | ((g >> 2) << 5) | (b >> 3);
        out[at] = rgb565 >> 8;
        out[at + 1] = rgb565 & 0xff;
      });
    case '24bit':
      return encodeColour(raster, 3, pixel, (out, at, [r, g, b]) => {
        out[at] = b;
        out[at + 1] = g;
        out[at + 2] = r;
      });
  }
}

/** The image bytes cut into the pieces one ImageDataBlock report carries; the last one may be shorter. */
export function splitIntoBlocks(image: Uint8Array, blockSize: number): Uint8Array[] {
  const blocks: Uint8Array[] = [];
  for (let at = 0; at < image.length; at += blockSize) blocks.push(image.subarray(at, at + blockSize));
  return blocks;
}

type Rgb = [number, number, number];

/** Transparent pixels count as white: a canvas nobody painted a background on is blank paper, not black. */
function pixelReader(raster: Raster): (index: number) => Rgb {
  const { data } = raster;
  if (raster.format === 'grey') {
    return (index) => {
      const v = data[index] ?? 0;
      return [v, v, v];
    };
  }
  return (index) => {
    const at = index * 4;
    const alpha = data[at + 3] ?? 0;
    const over = (c: number) => Math.round((c * alpha + 255 * (255 - alpha)) / 255);
    return [over(data[at] ?? 0), over(data[at + 1] ?? 0), over(data[at + 2] ?? 0)];
  };
}

function encodeMonochrome(raster: Raster, pixel: (index: number) => Rgb): Uint8Array {
  const rowBytes = Math.ceil(raster.width / 8);
  const out = new Uint8Array(rowBytes * raster.height).fill(0xff);
  for (let y = 0; y < raster.height; y++) {
    for (let x = 0; x < raster.width; x++) {
      const [r, g, b] = pixel(y * raster.width + x);
      if ((r * 299 + g * 587 + b * 114) / 1000 < INK_THRESHOLD) {
        const at = y * rowBytes + (x >> 3);
        out[at] = (out[at] ?? 0) & ~(0x80 >> (x & 7));
      }
    }
  }
  return out;
}

function encodeColour(
  raster: Raster,
  bytesPerPixel: number,
  pixel: (index: number) => Rgb,
  write: (out: Uint8Array, at: number, rgb: Rgb) => void,
): Uint8Array {
  const count = raster.width * raster.height;
  const out = new Uint8Array(count * bytesPerPixel);
  for (let i = 0; i < count; i++) write(out, i * bytesPerPixel, pixel(i));
  return out;
}
