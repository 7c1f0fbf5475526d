import { describe, expect, it } from 'vitest';
import { encodeImage, splitIntoBlocks, type Raster } from './image';

const WHITE = 255;
const BLACK = 0;

function grey(width: number, height: number, ink: Array<[number, number]>): Raster {
  const data = new Uint8Array(width * height).fill(WHITE);
  for (const [x, y] of ink) data[y * width + x] = BLACK;
  return { width, height, format: 'grey', data };
}

function rgba(pixels: Array<[number, number, number, number]>): Raster {
  return { width: pixels.length, height: 1, format: 'rgba', data: Uint8Array.from(pixels.flat()) };
}

describe('1-bit encoding', () => {
  it('packs the leftmost pixel into the top bit, 0 for ink, and pads each row to a byte with white', () => {
    // 10 × 2: row 0 has ink at x = 0, 7 and 8; row 1 at x = 9.
    const image = encodeImage(grey(10, 2, [[0, 0], [7, 0], [8, 0], [9, 1]]), { width: 10, height: 2 }, '1bit');
    expect([...image]).toEqual([0b0111_1110, 0b0111_1111, 0b1111_1111, 0b1011_1111]);
  });

  it('takes 50 bytes a row on the STU-300’s 396-pixel screen', () => {
    expect(encodeImage(grey(396, 100, []), { width: 396, height: 100 }, '1bit').length).toBe(5000);
  });

  it('treats dark colours as ink and transparent pixels as white paper', () => {
    const image = encodeImage(rgba([[200, 0, 0, 255], [0, 0, 0, 0], [255, 255, 255, 255], [20, 20, 20, 255]]), { width: 4, height: 1 }, '1bit');
    expect(image[0]).toBe(0b0110_1111);
  });
});

describe('colour encodings', () => {
  const primaries = rgba([[255, 0, 0, 255], [0, 255, 0, 255], [0, 0, 255, 255]]);

  it('writes RGB 5-6-5 high byte first', () => {
    expect([...encodeImage(primaries, { width: 3, height: 1 }, '16bit')]).toEqual([0xf8, 0x00, 0x07, 0xe0, 0x00, 0x1f]);
  });

  it('writes 24-bit pixels blue first', () => {
    expect([...encodeImage(rgba([[1, 2, 3, 255]]), { width: 1, height: 1 }, '24bit')]).toEqual([3, 2, 1]);
  });
});

describe('prompt size', () => {
  it('refuses a prompt that is not the size of the screen', () => {
    expect(() => encodeImage(grey(320, 200, []), { width: 800, height: 480 }, '1bit')).toThrow(RangeError);
    expect(() => encodeImage({ width: 2, height: 2, format: 'rgba', data: new Uint8Array(4) }, { width: 2, height: 2 }, '1bit')).toThrow(RangeError);
  });
});

describe('image blocks', () => {
  it('cuts an 800 × 480 1-bit prompt into 190 blocks of 253 bytes, the last one shorter, and loses nothing', () => {
    const image = Uint8Array.from({ length: 48_000 }, (_, i) => i % 251);
    const blocks = splitIntoBlocks(image, 253);
    expect(blocks).toHaveLength(190);
    expect(blocks.slice(0, -1).every((b) => b.length === 253)).toBe(true);
    expect(blocks.at(-1)?.length).toBe(48_000 - 189 * 253);
    expect(Buffer.concat(blocks).equals(Buffer.from(image))).toBe(true);
  });

  it('sends an image of exactly one block as one block', () => {
    expect(splitIntoBlocks(new Uint8Array(253), 253)).toHaveLength(1);
  });
});
