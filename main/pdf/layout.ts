import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { PdfFonts } from './fonts';

/** A4 in points: what the centres' printers hold. */
const PAGE_SIZE: [number, number] = [595.28, 841.89];
const MARGIN = 56;
/** Kept free at the bottom of every page for the footer, so body text never runs into it. */
const FOOTER_BAND = 28;
const LINE_SPACING = 1.35;
export const COLUMN_GAP = 12;

const INK = rgb(0, 0, 0);
const MUTED = rgb(0.33, 0.33, 0.33);
const RULE = rgb(0.6, 0.6, 0.6);

const BODY_SIZE = 10;

/** Where something was placed: page index from 0, PDF user-space points from the bottom-left corner. */
export interface Box {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Cell {
  text: string;
  /** Points; a row's cells are laid left to right with a fixed gap between them. */
  width: number;
  bold?: boolean;
  muted?: boolean;
  align?: 'left' | 'right';
}

export interface SheetMeta {
  title: string;
  author: string;
  subject: string;
  /** ISO timestamp: the documents carry this instead of "now", so the same input gives the same bytes. */
  at: string;
  /** Printed at the foot of every page with the page number: a loose page still says what it belongs to. */
  footer: string;
}

/**
 * Input comes from form fields and databases: tabs, carriage returns and control characters would
 * otherwise reach the content stream as glyphs the font does not have. NFC keeps "ā" one glyph
 * when it arrives decomposed, so wrapping cannot split a letter from its macron.
 */
function clean(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/gu, '\n')
    .replace(/\t/gu, ' ')
    .replace(/(?!\n)[\p{Cc}\p{Cf}]/gu, '');
}

/**
 * Greedy wrapping by the font's real advance widths. pdf-lib draws glyphs by advance width without
 * kerning, so a line's width is the sum of its words' widths and widths can be added, not re-measured.
 * A word wider than the column (an IBAN, a URL, a pasted code) is cut wherever it has to be rather
 * than drawn past the margin.
 */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const measure = (s: string) => font.widthOfTextAtSize(s, size);
  const space = measure(' ');
  const lines: string[] = [];
  for (const paragraph of clean(text).split('\n')) {
    let line = '';
    let lineWidth = 0;
    for (const word of paragraph.split(' ').filter((w) => w !== '')) {
      const wordWidth = measure(word);
      if (line !== '' && lineWidth + space + wordWidth <= width) {
        line += ` ${word}`;
        lineWidth += space + wordWidth;
        continue;
      }
      if (line !== '') lines.push(line);
      [line, lineWidth] = wordWidth <= width ? [word, wordWidth] : cutWord(word, measure, width, lines);
    }
    lines.push(line);
  }
  return lines;
}

/** Pushes the full-width pieces of an over-long word to `lines`; returns the remainder to continue the line with. */
function cutWord(word: string, measure: (s: string) => number, width: number, lines: string[]): [string, number] {
  let piece = '';
  let pieceWidth = 0;
  for (const char of word) {
    const charWidth = measure(char);
    if (piece !== '' && pieceWidth + charWidth > width) {
      lines.push(piece);
      piece = '';
      pieceWidth = 0;
    }
    piece += char;
    pieceWidth += charWidth;
  }
  return [piece, pieceWidth];
}

/**
 * A top-to-bottom writer over A4 pages. Every line is placed through `keepTogether`, so content of
 * any length continues on a new page instead of being drawn off the bottom.
 */
export class Sheet {
  private page: PDFPage;
  private y: number;

  private constructor(
    readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
    private readonly footer: string,
  ) {
    this.page = doc.addPage(PAGE_SIZE);
    this.y = PAGE_SIZE[1] - MARGIN;
  }

  static async create(fonts: PdfFonts, meta: SheetMeta): Promise<Sheet> {
    // updateMetadata: false stops pdf-lib stamping its own name and the wall-clock time into the file.
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.registerFontkit(fontkit);
    // Subsetting keeps a one-page form at tens of kilobytes instead of carrying both DejaVu files (1.4 MB).
    const regular = await doc.embedFont(fonts.regular, { subset: true });
    const bold = await doc.embedFont(fonts.bold, { subset: true });
    const at = new Date(meta.at);
    if (Number.isNaN(at.getTime())) throw new RangeError(`Not a date: ${meta.at}`);
    doc.setTitle(meta.title, { showInWindowTitleBar: true });
    doc.setAuthor(meta.author);
    doc.setSubject(meta.subject);
    doc.setCreator('Lete');
    doc.setProducer('Lete');
    // Screen readers and hyphenation in viewers pick the language from the catalog's /Lang.
    doc.setLanguage('lv-LV');
    doc.setCreationDate(at);
    doc.setModificationDate(at);
    return new Sheet(doc, regular, bold, meta.footer);
  }

  /** Width between the margins, for callers sizing columns. */
  get width(): number {
    return PAGE_SIZE[0] - 2 * MARGIN;
  }

  private get pageIndex(): number {
    return this.doc.getPageCount() - 1;
  }

  private font(bold: boolean | undefined): PDFFont {
    return bold ? this.bold : this.regular;
  }

  /** Starts a new page unless `height` more points fit above the footer band. */
  keepTogether(height: number): void {
    if (this.y - height >= MARGIN + FOOTER_BAND) return;
    this.page = this.doc.addPage(PAGE_SIZE);
    this.y = PAGE_SIZE[1] - MARGIN;
  }

  gap(points: number): void {
    this.y -= points;
  }

  /** Draws one line of cells at the current position; the caller has already wrapped them. */
  private line(cells: readonly { text: string; cell: Cell }[], size: number): void {
    const height = size * LINE_SPACING;
    this.keepTogether(height);
    const baseline = this.y - size;
    let x = MARGIN;
    for (const { text, cell } of cells) {
      if (text !== '') {
        const font = this.font(cell.bold);
        const offset = cell.align === 'right' ? cell.width - font.widthOfTextAtSize(text, size) : 0;
        this.page.drawText(text, { x: x + offset, y: baseline, size, font, color: cell.muted ? MUTED : INK });
      }
      x += cell.width + COLUMN_GAP;
    }
    this.y -= height;
  }

  /**
   * Cells side by side, each wrapped to its own width. A row taller than what is left of the page
   * continues on the next one rather than jumping whole, so a single huge value cannot loop forever.
   */
  row(cells: readonly Cell[], size = BODY_SIZE): void {
    const wrapped = cells.map((cell) => wrapText(cell.text, this.font(cell.bold), size, cell.width));
    const count = Math.max(1, ...wrapped.map((lines) => lines.length));
    for (let i = 0; i < count; i++) {
      this.line(
        cells.map((cell, c) => ({ cell, text: wrapped[c]?.[i] ?? '' })),
        size,
      );
    }
    this.gap(size * 0.3);
  }

  /** The label: value pair every document is mostly made of. */
  field(label: string, value: string): void {
    const labelWidth = 150;
    this.row([
      { text: label, width: labelWidth, muted: true },
      { text: value, width: this.width - labelWidth - COLUMN_GAP },
    ]);
  }

  paragraph(text: string, options: { bold?: boolean; size?: number; muted?: boolean } = {}): void {
    this.row([{ text, width: this.width, bold: options.bold, muted: options.muted }], options.size);
  }

  title(text: string, subtitle: string): void {
    this.paragraph(text, { bold: true, size: 16 });
    this.paragraph(subtitle, { bold: true, size: 12 });
    this.rule();
  }

  /** A section heading is never left alone at the foot of a page: room for it and two lines below. */
  heading(text: string): void {
    this.gap(6);
    this.keepTogether(12 * LINE_SPACING + 2 * BODY_SIZE * LINE_SPACING);
    this.paragraph(text, { bold: true, size: 12 });
  }

  rule(): void {
    this.gap(2);
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: PAGE_SIZE[0] - MARGIN, y: this.y }, thickness: 0.5, color: RULE });
    this.gap(8);
  }

  /**
   * A labelled empty frame (for a handwritten or stamped signature) with an optional caption under
   * it, all kept on one page: a signature box split from its label or its signer's name is useless.
   */
  frame(label: string, width: number, height: number, caption?: string): Box {
    const captionSize = 9;
    const lines = (size: number) => size * LINE_SPACING * 1.3;
    this.keepTogether(lines(BODY_SIZE) + height + 4 + (caption ? lines(captionSize) : 0));
    this.paragraph(label, { bold: true });
    const box: Box = { page: this.pageIndex, x: MARGIN, y: this.y - height, width, height };
    this.page.drawRectangle({ x: box.x, y: box.y, width, height, borderColor: INK, borderWidth: 0.75 });
    this.y = box.y - 4;
    if (caption) this.paragraph(caption, { muted: true, size: captionSize });
    return box;
  }

  /** Footers need the page count, so they are drawn last; then the file is written. */
  async save(): Promise<Uint8Array> {
    const pages = this.doc.getPages();
    const size = 8;
    pages.forEach((page, i) => {
      const y = MARGIN - FOOTER_BAND / 2;
      const number = `Lapa ${i + 1} no ${pages.length}`;
      const footer = wrapText(this.footer, this.regular, size, this.width - 80)[0] ?? '';
      page.drawText(footer, { x: MARGIN, y, size, font: this.regular, color: MUTED });
      page.drawText(number, { x: PAGE_SIZE[0] - MARGIN - this.regular.widthOfTextAtSize(number, size), y, size, font: this.regular, color: MUTED });
    });
    // Field appearances are drawn by us; letting pdf-lib refresh them would embed an unused Helvetica.
    return this.doc.save({ updateFieldAppearances: false });
  }
}
