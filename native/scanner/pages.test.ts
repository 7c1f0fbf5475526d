import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeJpeg } from './image';
import { isBlank, pagesToPdf } from './pages';
import { SaneBackend } from './sane';
import { syntheticPage } from './synthetic-page';
import { requireScanimage, saneConfig, type SaneConfig } from './test-support';
import type { ColourMode, ScannedPage } from './types';

/** A4 at 75 dpi. */
const WIDTH = 620;
const HEIGHT = 877;

function jpegPage(index: number, colourMode: ColourMode, blank = false): ScannedPage {
  const bytes = encodeJpeg(syntheticPage({ index, width: WIDTH, height: HEIGHT, colourMode, blank }), 85, 75);
  return { index, mediaType: 'image/jpeg', bytes, width: WIDTH, height: HEIGHT, resolution: 75 };
}

/** PNG as a scanner writes it: 8-bit RGB for colour, 8-bit grey otherwise. */
function pngPage(index: number, colourMode: ColourMode, blank = false): ScannedPage {
  const { data } = syntheticPage({ index, width: WIDTH, height: HEIGHT, colourMode, blank });
  const colour = colourMode === 'colour';
  const bytes = new Uint8Array(PNG.sync.write(Object.assign(new PNG({ width: WIDTH, height: HEIGHT }), { data: Buffer.from(data) }), { colorType: colour ? 2 : 0, inputHasAlpha: true }));
  return { index, mediaType: 'image/png', bytes, width: WIDTH, height: HEIGHT, resolution: 75 };
}

const dir = mkdtempSync(path.join(tmpdir(), 'lete-scan-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The images in a PDF, in the order they were embedded, with their filter. */
function imagesOf(pdf: PDFDocument): { filter: string; contents: Uint8Array }[] {
  return pdf.context
    .enumerateIndirectObjects()
    .map(([, object]) => object)
    .filter((object): object is PDFRawStream => object instanceof PDFRawStream && object.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'))
    .map((stream) => ({ filter: String(stream.dict.get(PDFName.of('Filter'))), contents: stream.contents }));
}

describe('blank page detection', () => {
  it('sees a dusty blank sheet as blank and a page with a heading and text as not', () => {
    expect(isBlank(jpegPage(0, 'grey', true))).toBe(true);
    expect(isBlank(jpegPage(0, 'grey'))).toBe(false);
    expect(isBlank(pngPage(4, 'lineart', true))).toBe(true);
    expect(isBlank(pngPage(4, 'lineart'))).toBe(false);
  });

  it('lets the caller be stricter about what counts as blank', () => {
    expect(isBlank(jpegPage(0, 'colour'), 0.5)).toBe(true);
  });
});

describe('blank page detection on pages from a real scanimage', () => {
  let config: SaneConfig;
  beforeAll(() => {
    requireScanimage();
    config = saneConfig(['test']);
  });
  afterAll(() => config.remove());

  async function scanned(picture: string): Promise<ScannedPage> {
    const sane = new SaneBackend({ env: config.env, extraOptions: { 'test-picture': picture } });
    const [page] = await sane.scan('test:0', { source: 'flatbed', colourMode: 'grey', resolution: 75 }, { onPage: () => {} });
    return page!;
  }

  it('sees the white test picture as blank and the grid as not', async () => {
    expect(isBlank(await scanned('Solid white'))).toBe(true);
    expect(isBlank(await scanned('Grid'))).toBe(false);
  });
});

describe('scanned pages to PDF', () => {
  it('makes one PDF page per scan at its paper size, turned as asked, with the settings in its metadata; qpdf finds no fault', async () => {
    const pages = [jpegPage(0, 'colour'), jpegPage(1, 'grey'), pngPage(2, 'colour'), pngPage(3, 'grey')];
    const settings = { source: 'feeder', colourMode: 'grey', resolution: 75 } as const;
    const result = await pagesToPdf(pages, { rotations: [0, 90, -90, 180], settings, title: 'Iesniegums' });

    expect(result).toMatchObject({
      pageCount: 4,
      subject: '4 lapas; no padevēja, pelēktoņu, 75 dpi',
      keywords: ['pages=4', 'source=feeder', 'colour=grey', 'resolution=75'],
    });
    const pdf = await PDFDocument.load(result.bytes);
    expect(pdf.getTitle()).toBe('Iesniegums');
    expect(pdf.getSubject()).toBe(result.subject);
    expect(pdf.getKeywords()).toBe('pages=4 source=feeder colour=grey resolution=75');
    expect(pdf.getPages().map((page) => page.getRotation().angle)).toEqual([0, 90, 270, 180]);
    for (const page of pdf.getPages()) {
      // 620 × 877 pixels at 75 dpi is A4: 595.2 × 841.9 points.
      expect(page.getWidth()).toBeCloseTo(595.2, 1);
      expect(page.getHeight()).toBeCloseTo(841.92, 1);
    }

    const file = path.join(dir, 'scan.pdf');
    writeFileSync(file, result.bytes);
    expect(() => execFileSync('qpdf', ['--check', file], { stdio: 'pipe' })).not.toThrow();
  });

  it('puts JPEG pages in unchanged, turns a colour PNG into JPEG and keeps a grey PNG lossless', async () => {
    const pages = [jpegPage(0, 'colour'), pngPage(1, 'colour'), pngPage(2, 'grey')];
    const images = imagesOf(await PDFDocument.load((await pagesToPdf(pages)).bytes));
    expect(images.map((image) => image.filter)).toEqual(['/DCTDecode', '/DCTDecode', '/FlateDecode']);
    expect(Buffer.from(images[0]!.contents).equals(Buffer.from(pages[0]!.bytes))).toBe(true);
  });

  it('names a single page in the singular', async () => {
    expect((await pagesToPdf([jpegPage(0, 'grey')])).subject).toBe('1 lapa');
  });

  it('turns pages by quarter turns only', async () => {
    await expect(pagesToPdf([jpegPage(0, 'grey')], { rotations: [45] })).rejects.toThrow(RangeError);
  });
});
