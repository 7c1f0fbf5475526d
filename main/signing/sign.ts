import { createHash } from 'node:crypto';
import fontkit from '@pdf-lib/fontkit';
import {
  AFRelationship,
  LineCapStyle,
  LineJoinStyle,
  PDFDocument,
  lineTo,
  moveTo,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setLineCap,
  setLineJoin,
  setLineWidth,
  setStrokingRgbColor,
  stroke,
  type PDFOperator,
} from 'pdf-lib';
import { strokes, type Point } from '../../native/signature-pad';
import { AppError } from '../../preload/contract';
import { signatureBox, type Box } from '../pdf/documents';
import type { PdfFonts } from '../pdf/fonts';
import { formatDateTime } from '../pdf/format';
import { placeStrokes, type Area } from './placement';
import { captureOf, type SignatureRecord } from './record';

/** The embedded file that carries the encrypted signature record. */
export const RECORD_FILE = 'paraksta-ieraksts.json.enc';

const INK_WIDTH = 1.2;
const CAPTION_SIZE = 6.5;
/** Kept clear inside the frame's border, so no ink touches it. */
const PADDING = 4;

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Two decimals of a point are a hundredth of a point: finer than any printer, and the stream stays small. */
const round = (n: number) => Math.round(n * 100) / 100;

/** Where the ink goes: the field less its padding and the caption line at its foot. */
function inkArea(box: Box): Area {
  const bottom = box.y + PADDING + CAPTION_SIZE + 2;
  return { x: box.x + PADDING + INK_WIDTH / 2, y: bottom, width: box.width - 2 * PADDING - INK_WIDTH, height: box.y + box.height - PADDING - INK_WIDTH / 2 - bottom };
}

/** One path per stroke, round caps and joins as a pen leaves them; a single touch becomes a dot. */
function inkOperators(placed: Point[][]): PDFOperator[] {
  const paths = placed.flatMap((points) => {
    const [first, ...rest] = points;
    if (!first) return [];
    const line = (rest.length > 0 ? rest : [first]).map((p) => lineTo(round(p.x), round(p.y)));
    return [moveTo(round(first.x), round(first.y)), ...line, stroke()];
  });
  return [
    pushGraphicsState(),
    // Dark blue ink, as a signature is expected to look, and apart from the black print around it.
    setStrokingRgbColor(0.05, 0.15, 0.45),
    setLineWidth(INK_WIDTH),
    setLineCap(LineCapStyle.Round),
    setLineJoin(LineJoinStyle.Round),
    ...paths,
    popGraphicsState(),
  ];
}

function captionOf(record: SignatureRecord): string {
  const how = record.source === 'screen' ? 'Parakstīts ekrānā' : 'Parakstīts ar paraksta planšeti';
  return `${how} ${formatDateTime(record.signedAt)}`;
}

export interface SigningParts {
  fonts: PdfFonts;
  /** The record, already sealed (protect.ts): it travels inside the PDF, readable only with the desk's key. */
  envelope: Uint8Array;
}

/**
 * The application PDF with the client's signature drawn in its signature field as vector strokes,
 * a caption saying how and when it was signed, and the sealed record embedded as a file. The same
 * PDF, record and envelope always give the same bytes. The signature field itself stays unsigned:
 * this is a handwritten signature on screen, not a cryptographic PDF signature.
 */
export async function signApplication(pdfBytes: Uint8Array, record: SignatureRecord, parts: SigningParts): Promise<Uint8Array> {
  if (sha256Hex(pdfBytes) !== record.document.sha256) {
    throw new AppError('CONFLICT', 'Klients parakstīja citu pieteikuma versiju, nekā tiek saglabāta: aizveriet parakstīšanu un atveriet to vēlreiz, lai klients paraksta to, ko redz.');
  }
  const box = await signatureBox(pdfBytes);
  if (!box) throw new AppError('CONFLICT', 'Pieteikumā nav klienta paraksta lauka: sagatavojiet pieteikuma PDF no jauna un mēģiniet vēlreiz.');

  const doc = await PDFDocument.load(pdfBytes, { updateMetadata: false });
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(parts.fonts.regular, { subset: true });
  const page = doc.getPage(box.page);
  // Whatever graphics state the application's own content leaves behind cannot move or recolour the ink.
  page.node.wrapContentStreams(doc.context.getPushGraphicsStateContentStream(), doc.context.getPopGraphicsStateContentStream());
  page.pushOperators(...inkOperators(placeStrokes(strokes(captureOf(record)), inkArea(box))));
  page.drawText(captionOf(record), { x: box.x + PADDING, y: box.y + PADDING, size: CAPTION_SIZE, font, color: rgb(0.33, 0.33, 0.33) });

  const signedAt = new Date(record.signedAt);
  await doc.attach(parts.envelope, RECORD_FILE, {
    mimeType: 'application/octet-stream',
    description: 'Klienta paraksta ieraksts (paraksta paraugi, parakstītājs, dokumenta SHA-256), šifrēts ar AES-256-GCM',
    creationDate: signedAt,
    modificationDate: signedAt,
    // The drawn signature is derived from this data.
    afRelationship: AFRelationship.Data,
  });
  doc.setModificationDate(signedAt);
  return doc.save({ updateFieldAppearances: false });
}
