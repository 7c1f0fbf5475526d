import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The TrueType files the PDFs embed: pdf-lib's standard fonts have no glyphs for ā, č, ģ, ķ, ļ, ņ, š, ū, ž. */
export interface PdfFonts {
  regular: Uint8Array;
  bold: Uint8Array;
}

/** Reads DejaVu Sans from `dir` (the app's `assets/fonts`); read once and reuse, the files are large. */
export function loadFonts(dir: string): PdfFonts {
  return {
    regular: new Uint8Array(readFileSync(path.join(dir, 'DejaVuSans.ttf'))),
    bold: new Uint8Array(readFileSync(path.join(dir, 'DejaVuSans-Bold.ttf'))),
  };
}
