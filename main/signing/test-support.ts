import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFStream, PDFString, PDFHexString } from 'pdf-lib';
import type { Point } from '../../native/signature-pad';
import type { ScreenSample } from '../../preload/contract';

/** Throws with qpdf's own words when the file has structural errors or warnings. */
export function qpdfCheck(bytes: Uint8Array): void {
  const dir = mkdtempSync(join(tmpdir(), 'lete-qpdf-'));
  try {
    writeFileSync(join(dir, 'checked.pdf'), bytes);
    execFileSync('qpdf', ['--check', join(dir, 'checked.pdf')], { stdio: 'pipe' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function streamText(stream: PDFStream): string {
  const bytes = stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : stream.getContents();
  return Buffer.from(bytes).toString('latin1');
}

/** A file embedded in the PDF, found as viewers find it: the catalog's /Names /EmbeddedFiles tree. */
export async function embeddedFile(pdf: Uint8Array, name: string): Promise<Uint8Array | null> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const tree = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  const names = tree?.lookupMaybe(PDFName.of('Names'), PDFArray);
  if (!names) return null;
  for (let i = 0; i + 1 < names.size(); i += 2) {
    const key = names.lookup(i);
    const text = key instanceof PDFString || key instanceof PDFHexString ? key.decodeText() : null;
    if (text !== name) continue;
    const file = names.lookup(i + 1, PDFDict).lookup(PDFName.of('EF'), PDFDict).lookup(PDFName.of('F'), PDFStream);
    return file instanceof PDFRawStream ? decodePDFRawStream(file).decode() : file.getContents();
  }
  return null;
}

async function pageStreams(pdf: Uint8Array, page: number): Promise<string[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const contents = doc.getPage(page).node.Contents();
  const items = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
  return items.map((item) => streamText(doc.context.lookup(item, PDFStream)));
}

/**
 * Every point the signing drew on `page`: path operators (`x y m`, `x y l`) in the content streams the
 * signed PDF has and the unsigned one had not.
 */
export async function drawnPoints(unsigned: Uint8Array, signed: Uint8Array, page: number): Promise<Point[]> {
  const before = new Set(await pageStreams(unsigned, page));
  const added = (await pageStreams(signed, page)).filter((text) => !before.has(text));
  return [...added.join('\n').matchAll(/(-?\d+(?:\.\d+)?) (-?\d+(?:\.\d+)?) [ml]\b/gu)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
}

/**
 * A signature as the screen would record it: a few handwriting-like strokes across the area, each a
 * run of samples with the pen down closed by one where it lifts.
 */
export function syntheticSignature(strokes = 3, perStroke = 24): ScreenSample[] {
  const samples: ScreenSample[] = [];
  let micros = 0;
  for (let s = 0; s < strokes; s++) {
    for (let i = 0; i <= perStroke; i++) {
      const t = i / perStroke;
      const x = 0.1 + 0.8 * ((s + t) / strokes);
      const y = 0.5 + 0.3 * Math.sin(t * Math.PI * 2 + s) * (s % 2 === 0 ? 1 : 0.6);
      samples.push([round(x), round(y), i === perStroke ? 0 : 0.5, micros, 'pen', i !== perStroke]);
      micros += 8_000;
    }
    micros += 150_000;
  }
  return samples;
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;
