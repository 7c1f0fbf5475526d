import { degrees, PDFDocument, type PDFImage } from 'pdf-lib';
import { decodePixels, encodeJpeg, imageInfo } from './image';
import type { ColourMode, ScannedPage, ScanSettings, ScanSource } from './types';

/** Below this luminance a pixel counts as ink rather than paper. */
const INK = 200;
/** Scanner lids and hole punches darken the edges of even a blank sheet. */
const MARGIN = 0.05;
/** Enough samples to see a line of text, few enough to be quick at 600 dpi. */
const SAMPLES_ACROSS = 400;

/**
 * Whether a page is empty paper (the back of a one-sided sheet through a duplex feeder): fewer
 * than `threshold` of its pixels, sampled on a grid inside the margins, are darker than paper.
 * Specks of dust stay below the default; a single short line of text does not.
 */
export function isBlank(page: Pick<ScannedPage, 'bytes'>, threshold = 0.003): boolean {
  const { width, height, data } = decodePixels(page.bytes);
  const step = Math.max(1, Math.floor(width / SAMPLES_ACROSS));
  let samples = 0;
  let ink = 0;
  for (let y = Math.floor(height * MARGIN); y < height * (1 - MARGIN); y += step) {
    for (let x = Math.floor(width * MARGIN); x < width * (1 - MARGIN); x += step) {
      const i = (y * width + x) * 4;
      const luminance = 0.299 * (data[i] ?? 255) + 0.587 * (data[i + 1] ?? 255) + 0.114 * (data[i + 2] ?? 255);
      samples++;
      if (luminance < INK) ink++;
    }
  }
  return samples === 0 || ink / samples < threshold;
}

export interface PdfOptions {
  /** Clockwise degrees per page (0, 90, 180, 270), by page position; missing ones are 0. */
  rotations?: readonly number[];
  /** How the pages were scanned, recorded in the PDF's subject and keywords. */
  settings?: ScanSettings;
  title?: string;
  /** The PDF's creation date; now by default. */
  at?: Date;
}

export interface ScannedPdf {
  bytes: Uint8Array;
  pageCount: number;
  subject: string;
  keywords: string[];
}

const SOURCE_LABELS: Record<ScanSource, string> = { flatbed: 'no stikla', feeder: 'no padevēja', duplex: 'no padevēja, abas puses' };
const COLOUR_LABELS: Record<ColourMode, string> = { colour: 'krāsains', grey: 'pelēktoņu', lineart: 'melnbalts' };

function pagesLabel(count: number): string {
  return `${count} ${count % 10 === 1 && count % 100 !== 11 ? 'lapa' : 'lapas'}`;
}

function rotationOf(rotations: readonly number[] | undefined, index: number): number {
  const rotation = (((rotations?.[index] ?? 0) % 360) + 360) % 360;
  if (rotation % 90 !== 0) throw new RangeError(`A page turns by quarter turns only, not ${rotation}°`);
  return rotation;
}

/**
 * A JPEG goes in as it is, bytes unchanged; a colour PNG (a scanner that only gives PNG) is turned
 * into a JPEG first, or a page of A4 colour would weigh megabytes; grey and line-art PNG stay
 * lossless so thin strokes survive.
 */
async function embed(pdf: PDFDocument, page: ScannedPage): Promise<PDFImage> {
  if (page.mediaType === 'image/jpeg') return pdf.embedJpg(page.bytes);
  if (imageInfo(page.bytes).colour) return pdf.embedJpg(encodeJpeg(decodePixels(page.bytes), 85, page.resolution));
  return pdf.embedPng(page.bytes);
}

/** One PDF of the scanned pages, each the paper size it was scanned at. */
export async function pagesToPdf(pages: readonly ScannedPage[], options: PdfOptions = {}): Promise<ScannedPdf> {
  const pdf = await PDFDocument.create();
  for (const [index, page] of pages.entries()) {
    const image = await embed(pdf, page);
    const width = (page.width / page.resolution) * 72;
    const height = (page.height / page.resolution) * 72;
    const pdfPage = pdf.addPage([width, height]);
    pdfPage.drawImage(image, { x: 0, y: 0, width, height });
    pdfPage.setRotation(degrees(rotationOf(options.rotations, index)));
  }

  const { settings } = options;
  const subject = settings
    ? `${pagesLabel(pages.length)}; ${SOURCE_LABELS[settings.source]}, ${COLOUR_LABELS[settings.colourMode]}, ${settings.resolution} dpi`
    : pagesLabel(pages.length);
  const keywords = [
    `pages=${pages.length}`,
    ...(settings ? [`source=${settings.source}`, `colour=${settings.colourMode}`, `resolution=${settings.resolution}`] : []),
  ];
  pdf.setTitle(options.title ?? 'Skenēts dokuments');
  pdf.setSubject(subject);
  pdf.setKeywords(keywords);
  pdf.setProducer('Lete');
  pdf.setCreator('Lete');
  const at = options.at ?? new Date();
  pdf.setCreationDate(at);
  pdf.setModificationDate(at);
  return { bytes: await pdf.save(), pageCount: pages.length, subject, keywords };
}
