import type { Pixels } from './image';
import type { ColourMode } from './types';

export interface SyntheticPageOptions {
  /** 0-based; page n shows n + 1 bars, so pages can be told apart at a glance and in tests. */
  index: number;
  width: number;
  height: number;
  colourMode: ColourMode;
  /** Only paper: the back of a one-sided sheet, for blank-page detection. */
  blank?: boolean;
}

type Rgb = readonly [number, number, number];

const HEADER: Rgb = [31, 78, 154];
const INK: Rgb = [40, 40, 40];
const TEXT: Rgb = [90, 90, 90];

/** Deterministic, so the same page always encodes to the same bytes. */
function random(seed: number): () => number {
  let state = (seed * 2654435761) >>> 0 || 1;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 0x100000000;
  };
}

function inMode([r, g, b]: Rgb, mode: ColourMode): Rgb {
  if (mode === 'colour') return [r, g, b];
  const grey = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
  if (mode === 'grey') return [grey, grey, grey];
  const bit = grey < 160 ? 0 : 255;
  return [bit, bit, bit];
}

/**
 * A page as a scanner would return it: white paper with a few specks of dust, and unless blank a
 * coloured heading, the page's number as bars and lines of "text".
 */
export function syntheticPage(options: SyntheticPageOptions): Pixels {
  const { width, height, colourMode } = options;
  const data = new Uint8Array(width * height * 4).fill(255);
  const fill = (x0: number, y0: number, x1: number, y1: number, colour: Rgb) => {
    const [r, g, b] = inMode(colour, colourMode);
    const left = Math.max(0, Math.round(x0 * width));
    const right = Math.min(width, Math.round(x1 * width));
    for (let y = Math.max(0, Math.round(y0 * height)); y < Math.min(height, Math.round(y1 * height)); y++) {
      for (let i = (y * width + left) * 4; i < (y * width + right) * 4; i += 4) {
        data[i] = r;
        data[i + 1] = g;
        data[i + 2] = b;
      }
    }
  };

  const next = random(options.index + 1);
  // Dust: a real blank sheet is never perfectly white, so blank detection must tolerate it.
  for (let speck = 0; speck < (width * height) / 5000; speck++) {
    const x = Math.floor(next() * width);
    const y = Math.floor(next() * height);
    const shade = colourMode === 'lineart' ? 0 : 60 + Math.floor(next() * 120);
    data.set([shade, shade, shade], (y * width + x) * 4);
  }
  if (options.blank) return { width, height, data };

  fill(0.08, 0.04, 0.92, 0.09, HEADER);
  for (let bar = 0; bar <= options.index; bar++) {
    const x = 0.08 + bar * 0.045;
    if (x + 0.025 > 0.92) break;
    fill(x, 0.13, x + 0.025, 0.25, INK);
  }
  for (let y = 0.3; y < 0.9; y += 0.03) fill(0.08, y, 0.08 + 0.5 * next() + 0.34, y + 0.012, TEXT);
  return { width, height, data };
}
