import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { extractText } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../db/test-support';
import { applicationPdf, signatureBox, type Box } from '../pdf/documents';
import { loadFonts } from '../pdf/fonts';
import { recordProtector } from './protect';
import { screenRecord, type SignatureRecord } from './record';
import { RECORD_FILE, sha256Hex, signApplication } from './sign';
import { drawnPoints, embeddedFile, qpdfCheck, syntheticSignature } from './test-support';

const fonts = loadFonts(path.resolve(import.meta.dirname, '../../assets/fonts'));

let unsigned: Uint8Array;
let box: Box;
beforeAll(async () => {
  unsigned = await applicationPdf(fonts, {
    at: '2026-11-23T12:05:00Z',
    caseNumber: '1001 000123',
    service: { code: '1001', name: 'Pases izsniegšana' },
    ownerName: 'Pilsonības un migrācijas lietu pārvalde',
    centreName: 'Rīgas centrs',
    clerkName: 'Anna Bērziņa',
    channel: 'klātienē',
    client: { name: 'Jānis Ozoliņš', personalCode: '010190-10001', phone: null, email: null },
    fields: [{ label: 'Dokuments', value: 'pase' }],
    attachments: [],
    authorisation: 'Klients pilnvaro klientu apkalpošanas centra speciālistu iesniegt šo pieteikumu.',
  });
  const found = await signatureBox(unsigned);
  if (!found) throw new Error('the application has no signature field');
  box = found;
});

const recordFor = (pdf: Uint8Array): SignatureRecord =>
  screenRecord({
    capture: { samples: syntheticSignature(), area: { width: 640, height: 220 } },
    operator: { userId: 'user-klerks', displayName: 'Anna Bērziņa' },
    signer: { name: 'Jānis Ozoliņš', from: 'case' },
    document: { sha256: sha256Hex(pdf), caseId: 'case-1' },
    // 12:07 UTC is 14:07 in Riga.
    signedAt: new Date('2026-11-23T12:07:30Z'),
  });

describe('signing the application PDF', () => {
  const tempDir = useTempDir('lete-sign-');

  it('draws the signature inside the field, captions it in Riga time, embeds the sealed record, and passes qpdf', async () => {
    const protector = recordProtector(tempDir());
    const record = recordFor(unsigned);
    const signed = await signApplication(unsigned, record, { fonts, envelope: protector.seal(record) });
    qpdfCheck(signed);

    const points = await drawnPoints(unsigned, signed, box.page);
    expect(points.length).toBeGreaterThanOrEqual(record.capture.samples.filter((s) => s.tip).length);
    for (const p of points) {
      expect(p.x).toBeGreaterThan(box.x);
      expect(p.x).toBeLessThan(box.x + box.width);
      expect(p.y).toBeGreaterThan(box.y);
      expect(p.y).toBeLessThan(box.y + box.height);
    }
    const { text } = await extractText(signed.slice(), { mergePages: true });
    expect(text).toContain('Parakstīts ekrānā 23.11.2026. 14:07');
    // The application itself is untouched.
    expect(text).toContain('Jānis Ozoliņš');
    expect(text).toContain('1001 000123');

    const envelope = await embeddedFile(signed, RECORD_FILE);
    expect(envelope).not.toBeNull();
    if (envelope) expect(protector.open(envelope)).toEqual(record);

    const doc = await PDFDocument.load(signed, { updateMetadata: false });
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-11-23T12:05:00.000Z');
    expect(doc.getModificationDate()?.toISOString()).toBe('2026-11-23T12:07:30.000Z');
    expect(await signatureBox(signed)).toEqual(box);
  });

  it('gives the same bytes for the same PDF, record and envelope', async () => {
    const protector = recordProtector(tempDir());
    const record = recordFor(unsigned);
    const envelope = protector.seal(record);
    const [a, b] = await Promise.all([signApplication(unsigned, record, { fonts, envelope }), signApplication(unsigned, record, { fonts, envelope })]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('refuses a PDF other than the one the client was shown', async () => {
    const record = recordFor(unsigned);
    const other = new Uint8Array(unsigned);
    other[other.length - 3] = 0x20;
    await expect(signApplication(other, record, { fonts, envelope: recordProtector(tempDir()).seal(record) })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/citu pieteikuma versiju/u),
    });
  });
});
