import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { combineStats, type StatsDimension, type StatsPeriod, type StatsReport, type StatsRow } from '../../preload/contract/supervision';
import type { PdfFonts } from '../pdf/fonts';
import { formatDate, formatDateTime } from '../pdf/format';
import { wrapText } from '../pdf/layout';

export const dimensionLabel: Record<StatsDimension, string> = {
  service: 'Pakalpojums',
  institution: 'Iestāde',
  channel: 'Kanāls',
  clerk: 'Darbinieks',
  centre: 'Centrs',
  queue: 'Rinda',
};
const dimensionGenitive: Record<StatsDimension, string> = {
  service: 'pakalpojumiem',
  institution: 'iestādēm',
  channel: 'kanāliem',
  clerk: 'darbiniekiem',
  centre: 'centriem',
  queue: 'rindām',
};
const periodLabel: Record<StatsPeriod, string> = { day: 'pa dienām', week: 'pa nedēļām', month: 'pa mēnešiem' };

export const TOTAL_LABEL = 'Kopā';
export const TITLE = 'Apkalpošanas statistika';

/** 1,5 — Latvian writes a decimal comma, and Excel set to Latvian reads one. */
function decimal(value: number | null, digits: number): string {
  return value === null ? '' : value.toFixed(digits).replace('.', ',');
}
const minutes = (s: number | null) => decimal(s === null ? null : s / 60, 1);
const percent = (share: number | null) => decimal(share === null ? null : share * 100, 1);

/** 2026-11-23 → 23.11.2026 (without the document's ordinal dot, so Excel reads it as a date). */
function day(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

/** The report's rows in reading order: each period's keys by clients served, then its total; then the range's total. */
export function orderedRows(report: StatsReport): { row: StatsRow; total: 'period' | 'range' | null }[] {
  const out: { row: StatsRow; total: 'period' | 'range' | null }[] = [];
  const periods = [...new Set([...report.rows, ...report.totals].map((r) => r.period))].sort();
  for (const period of periods) {
    const rows = report.rows.filter((r) => r.period === period && r.key !== '*').sort((a, b) => b.served - a.served || a.label.localeCompare(b.label, 'lv'));
    for (const row of rows) out.push({ row, total: null });
    const total = report.totals.find((r) => r.period === period);
    if (total) out.push({ row: { ...total, label: TOTAL_LABEL }, total: 'period' });
  }
  out.push({ row: combineStats(report.totals, '*', `${TOTAL_LABEL} ${day(report.from)}–${day(report.to)}`, report.from), total: 'range' });
  return out;
}

export const csvHeaders = (by: StatsDimension) => [
  'Perioda sākums',
  dimensionLabel[by],
  'Kods',
  'Taloni',
  'Apkalpoti',
  'Neieradās',
  'Vidējā gaidīšana, min',
  'Vidējā apkalpošana, min',
  'Gaidīja mērķa laikā, %',
  'Lietas',
  'Konsultācijas',
  'Vērtējumi',
  'Vidējais vērtējums',
  'Apkalpošanas laiks, h',
];

/** A text cell that would start a spreadsheet formula is written as text. */
function text(value: string): string {
  return /^[=+\-@\t\r]/u.test(value) ? `'${value}` : value;
}

function quote(cell: string): string {
  return /[;"\r\n]/u.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/**
 * The history for Latvian Excel: UTF-8 with a byte order mark (or Excel guesses the ANSI code page and
 * breaks ā, š, ž), `;` between cells because the comma is the decimal sign, CRLF line ends.
 */
export function statisticsCsv(report: StatsReport): string {
  const lines = [csvHeaders(report.by)];
  for (const { row, total } of orderedRows(report)) {
    lines.push([
      total === 'range' ? '' : day(row.period),
      text(row.label),
      total ? '' : text(row.key),
      String(row.tickets),
      String(row.served),
      String(row.noShows),
      minutes(row.averageWaitSeconds),
      minutes(row.averageServiceSeconds),
      percent(row.withinTargetShare),
      String(row.cases),
      String(row.consultations),
      String(row.ratings),
      decimal(row.averageRating, 2),
      decimal(row.handlingSeconds / 3600, 1),
    ]);
  }
  return `\uFEFF${lines.map((cells) => cells.map(quote).join(';')).join('\r\n')}\r\n`;
}

/** Reads the CSV back into cells (quotes, `;`, CRLF), as a spreadsheet would. */
export function parseCsv(content: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = content.replace(/^\uFEFF/u, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && body[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** A4 landscape in points. */
const PAGE: [number, number] = [841.89, 595.28];
const MARGIN = 36;
const GAP = 6;
const SIZE = 8;
const LINE = SIZE * 1.3;
const INK = rgb(0, 0, 0);
const MUTED = rgb(0.33, 0.33, 0.33);
const RULE = rgb(0.6, 0.6, 0.6);
const BAND = rgb(0.93, 0.95, 0.97);

interface Column {
  title: string;
  width: number;
  align: 'left' | 'right';
  value: (row: StatsRow, total: 'period' | 'range' | null) => string;
}

function columns(by: StatsDimension): Column[] {
  const n = (width: number, f: (r: StatsRow) => string) => ({ width, align: 'right' as const, value: (r: StatsRow) => f(r) });
  return [
    { title: 'Perioda sākums', width: 56, align: 'left', value: (r, total) => (total === 'range' ? '' : formatDate(`${r.period}T12:00:00Z`)) },
    { title: dimensionLabel[by], width: 150, align: 'left', value: (r) => r.label },
    { title: 'Taloni', ...n(40, (r) => String(r.tickets)) },
    { title: 'Apkalpoti', ...n(46, (r) => String(r.served)) },
    { title: 'Neieradās', ...n(46, (r) => String(r.noShows)) },
    { title: 'Vid. gaidīšana, min', ...n(50, (r) => minutes(r.averageWaitSeconds)) },
    { title: 'Vid. apkalpošana, min', ...n(62, (r) => minutes(r.averageServiceSeconds)) },
    { title: 'Mērķa laikā, %', ...n(46, (r) => percent(r.withinTargetShare)) },
    { title: 'Lietas', ...n(36, (r) => String(r.cases)) },
    { title: 'Konsultācijas', ...n(62, (r) => String(r.consultations)) },
    { title: 'Vērtējumi', ...n(46, (r) => String(r.ratings)) },
    { title: 'Vid. vērtējums', ...n(50, (r) => decimal(r.averageRating, 2)) },
  ];
}

/**
 * The history as an A4 landscape table: title, centre, range, when it was made, the column heads
 * again on every page, and "Lapa n no m" at the foot; DejaVu Sans embedded for ā, č, ģ, ķ, ļ, ņ, š, ū, ž.
 */
export async function statisticsPdf(report: StatsReport, fonts: PdfFonts, generatedAt: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const regular = await doc.embedFont(fonts.regular, { subset: true });
  const bold = await doc.embedFont(fonts.bold, { subset: true });
  const at = new Date(generatedAt);
  const centre = report.centreName ?? 'visi pieejamie centri';
  const range = `${formatDate(`${report.from}T12:00:00Z`)}–${formatDate(`${report.to}T12:00:00Z`)}`;
  doc.setTitle(`${TITLE}: ${centre}, ${range}`, { showInWindowTitleBar: true });
  doc.setAuthor('Lete');
  doc.setSubject(TITLE);
  doc.setCreator('Lete');
  doc.setProducer('Lete');
  doc.setLanguage('lv-LV');
  doc.setCreationDate(at);
  doc.setModificationDate(at);

  const cols = columns(report.by);
  const tableWidth = cols.reduce((w, c) => w + c.width, 0) + GAP * (cols.length - 1);
  let page: PDFPage = doc.addPage(PAGE);
  let y = PAGE[1] - MARGIN;

  const draw = (s: string, x: number, size: number, font: PDFFont, color = INK) => page.drawText(s, { x, y: y - size, size, font, color });

  function cellsLine(values: string[], font: PDFFont, shade: boolean): void {
    const wrapped = values.map((v, i) => wrapText(v, font, SIZE, cols[i]!.width));
    const lines = Math.max(1, ...wrapped.map((w) => w.length));
    const height = lines * LINE + 3;
    if (shade) page.drawRectangle({ x: MARGIN - 2, y: y - height + 1, width: tableWidth + 4, height, color: BAND });
    let x = MARGIN;
    cols.forEach((col, i) => {
      (wrapped[i] ?? []).forEach((line, l) => {
        const offset = col.align === 'right' ? col.width - font.widthOfTextAtSize(line, SIZE) : 0;
        page.drawText(line, { x: x + offset, y: y - SIZE - l * LINE, size: SIZE, font, color: INK });
      });
      x += col.width + GAP;
    });
    y -= height;
  }

  function head(): void {
    cellsLine(
      cols.map((c) => c.title),
      bold,
      false,
    );
    page.drawLine({ start: { x: MARGIN, y: y + 1 }, end: { x: MARGIN + tableWidth, y: y + 1 }, thickness: 0.5, color: RULE });
    y -= 3;
  }

  draw(TITLE, MARGIN, 16, bold);
  y -= 22;
  for (const line of [
    `Centrs: ${centre}`,
    `Laika posms: ${range}, ${periodLabel[report.period]}, pa ${dimensionGenitive[report.by]}`,
    `Sagatavots: ${formatDateTime(generatedAt)}`,
  ]) {
    draw(line, MARGIN, 10, regular);
    y -= 14;
  }
  y -= 6;
  head();

  const rows = orderedRows(report);
  if (rows.length === 1 && report.totals.length === 0) {
    draw('Šajā laika posmā nav datu.', MARGIN, 10, regular, MUTED);
    y -= 14;
  }
  for (const { row, total } of rows) {
    const values = cols.map((c) => c.value(row, total));
    const font = total ? bold : regular;
    const lines = Math.max(1, ...values.map((v, i) => wrapText(v, font, SIZE, cols[i]!.width).length));
    if (y - (lines * LINE + 3) < MARGIN + 20) {
      page = doc.addPage(PAGE);
      y = PAGE[1] - MARGIN;
      head();
    }
    cellsLine(values, font, total !== null);
  }

  const pages = doc.getPages();
  const footer = `Lete · ${TITLE} · ${centre} · ${range}`;
  pages.forEach((p, i) => {
    const number = `Lapa ${i + 1} no ${pages.length}`;
    const fy = MARGIN / 2;
    p.drawText(wrapText(footer, regular, SIZE, PAGE[0] - 2 * MARGIN - 100)[0] ?? '', { x: MARGIN, y: fy, size: SIZE, font: regular, color: MUTED });
    p.drawText(number, { x: PAGE[0] - MARGIN - regular.widthOfTextAtSize(number, SIZE), y: fy, size: SIZE, font: regular, color: MUTED });
  });
  return doc.save();
}
