import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import { extractText, extractTextItems } from 'unpdf';
import { afterAll, describe, expect, it } from 'vitest';
import { applicationPdf, invoicePdf, receiptPdf, signatureBox, SIGNATURE_FIELD, type ApplicationPdfInput, type InvoicePdfInput, type ReceiptPdfInput } from './documents';
import { loadFonts } from './fonts';

const fonts = loadFonts(path.resolve(import.meta.dirname, '../../assets/fonts'));
const sentence = 'Ābeču grāmatā ģērbies čīkstošs ķēniņš ļauni šņāc un žēlojas ūdenī';
const clientName = 'Ģirts Čakste-Šņore';
const serviceName = 'Ārvalstīs izsniegta dokumenta legalizācija';

const application: ApplicationPdfInput = {
  at: '2026-11-23T12:05:00Z',
  caseNumber: '1001 000123',
  service: { code: 'VID-17', name: serviceName },
  ownerName: 'Valsts ieņēmumu dienests',
  centreName: 'Ķekavas valsts un pašvaldības vienotais klientu apkalpošanas centrs',
  clerkName: 'Līga Bērziņa',
  channel: 'klātienē',
  client: { name: clientName, personalCode: '010190-12345', phone: null, email: null },
  fields: [
    { label: 'Iesnieguma pamatojums', value: sentence },
    { label: 'Vai vēlaties saņemt atbildi e-pastā?', value: 'jā' },
  ],
  attachments: [
    { name: 'pase.pdf', pages: 2 },
    { name: 'izziņa.jpg', pages: null },
  ],
  authorisation: 'Klients pilnvaro klientu apkalpošanas centra speciālistu iesniegt šo pieteikumu pakalpojuma sniedzējam klienta vārdā.',
};

const receipt: ReceiptPdfInput = {
  at: '2026-11-23T12:06:00Z',
  caseNumber: '1001 000123',
  service: { code: 'VID-17', name: serviceName },
  ownerName: 'Valsts ieņēmumu dienests',
  submittedAt: '2026-11-23T12:05:00Z',
  dueAt: '2026-12-07T21:59:59Z',
  status: 'Iesniegts',
  centreName: 'Ķekavas centrs',
  clerkName: 'Līga Bērziņa',
  clientName,
  howToFollow: `Lietas virzību varat uzzināt jebkurā centrā, norādot lietas numuru. ${sentence}.`,
};

const invoice: InvoicePdfInput = {
  at: '2026-11-23T12:07:00Z',
  number: '1001 000123/1',
  issuedAt: '2026-11-23T12:07:00Z',
  dueAt: '2026-12-07T12:07:00Z',
  payer: { name: clientName, personalCode: '010190-12345' },
  payee: { name: 'Valsts ieņēmumu dienests', iban: 'LV33TREL1060000300000', registrationNumber: '90000069281' },
  serviceName,
  kind: 'state_duty',
  timing: 'prepayment',
  amountCents: 1250,
  reference: 'RF18539007547034',
  centreName: 'Ķekavas centrs',
};

const dir = mkdtempSync(path.join(tmpdir(), 'lete-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** qpdf exits non-zero on structural errors and 3 on warnings; both fail here. */
function qpdfCheck(bytes: Uint8Array, name: string): void {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  expect(() => execFileSync('qpdf', ['--check', file], { stdio: 'pipe' })).not.toThrow();
}

/** A wrapped line turns a space into a line break, so compare text with runs of whitespace as one space. */
async function textOf(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const { totalPages, text } = await extractText(new Uint8Array(bytes), { mergePages: true });
  return { pages: totalPages, text: text.replace(/\s+/gu, ' ') };
}

/** Printers lose the outer 5 mm or so: every piece of text must lie well inside the sheet. */
async function expectTextInsidePages(bytes: Uint8Array): Promise<void> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const { items } = await extractTextItems(new Uint8Array(bytes));
  const edge = 28;
  items.forEach((pageItems, i) => {
    const { width, height } = doc.getPage(i).getSize();
    for (const item of pageItems.filter((it) => it.str.trim() !== '')) {
      expect(item.x, item.str).toBeGreaterThanOrEqual(edge);
      expect(item.x + item.width, item.str).toBeLessThanOrEqual(width - edge);
      expect(item.y, item.str).toBeGreaterThanOrEqual(edge);
      expect(item.y + item.height, item.str).toBeLessThanOrEqual(height - edge);
    }
  });
}

describe('application form', () => {
  it('is a valid PDF whose Latvian text extracts exactly', async () => {
    const bytes = await applicationPdf(fonts, application);
    qpdfCheck(bytes, 'application.pdf');
    const { pages, text } = await textOf(bytes);
    expect(pages).toBe(1);
    for (const expected of ['Pakalpojuma pieteikums', '1001 000123', serviceName, clientName, '010190-12345', sentence, 'Klienta paraksts', '23.11.2026. 14:05', 'pase.pdf']) {
      expect(text).toContain(expected);
    }
  });

  it('carries a signature field whose box lies inside the page', async () => {
    const bytes = await applicationPdf(fonts, application);
    const doc = await PDFDocument.load(bytes);
    const fields = doc.getForm().acroForm.getAllFields();
    const signature = fields.find(([field]) => field.getFullyQualifiedName() === SIGNATURE_FIELD);
    expect(signature?.[0].dict.get(PDFName.of('FT'))).toBe(PDFName.of('Sig'));

    const box = await signatureBox(bytes);
    expect(box).not.toBeNull();
    if (!box) return;
    const { width, height } = doc.getPage(box.page).getSize();
    expect(box.width).toBeGreaterThan(100);
    expect(box.height).toBeGreaterThan(40);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(width);
    expect(box.y + box.height).toBeLessThanOrEqual(height);
  });

  it('has no signature box in a PDF without the field', async () => {
    expect(await signatureBox(await receiptPdf(fonts, receipt))).toBeNull();
  });

  it('names an anonymous client as such', async () => {
    const { text } = await textOf(await applicationPdf(fonts, { ...application, client: null }));
    expect(text).toContain('Anonīms');
  });

  it('shows a partly identified client by phone and e-mail', async () => {
    const client = { name: null, personalCode: null, phone: '+37120000000', email: 'klients@example.lv' };
    const { text } = await textOf(await applicationPdf(fonts, { ...application, client }));
    expect(text).toContain('+37120000000');
    expect(text).toContain('klients@example.lv');
  });

  it('continues a long form on further pages without losing any value', async () => {
    const fields = Array.from({ length: 40 }, (_, i) => ({
      label: `Lauks ${i + 1}`,
      value: `Vērtība ${i + 1}: ${sentence}.\nOtrā rinda ar garu tekstu, kas jāaplauž pēc platuma — ${'ļoti '.repeat(20)}gara.\nTrešā rinda ${i + 1}`,
    }));
    const bytes = await applicationPdf(fonts, { ...application, fields });
    qpdfCheck(bytes, 'long.pdf');
    const { pages, text } = await textOf(bytes);
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain(`Lapa ${pages} no ${pages}`);
    // A value cut by a page break reads on after the page's footer, as it does on paper.
    const body = text.replace(/ ?Pakalpojuma pieteikums, lieta Nr\. 1001 000123 Lapa \d+ no \d+/gu, '');
    for (const field of fields) expect(body).toContain(field.value.replace(/\s+/gu, ' '));
    await expectTextInsidePages(bytes);
    const box = await signatureBox(bytes);
    expect(box?.page).toBe(pages - 1);
  });

  it('cuts a word wider than the page instead of drawing it past the margin', async () => {
    const word = 'X'.repeat(400);
    const bytes = await applicationPdf(fonts, { ...application, fields: [{ label: 'Kods', value: word }] });
    qpdfCheck(bytes, 'word.pdf');
    const { text } = await textOf(bytes);
    expect(text.replace(/ /gu, '')).toContain(word);
    await expectTextInsidePages(bytes);
  });

  it('gives the same bytes for the same input, with the metadata set', async () => {
    const [a, b] = await Promise.all([applicationPdf(fonts, application), applicationPdf(fonts, application)]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const doc = await PDFDocument.load(a, { updateMetadata: false });
    expect(doc.getTitle()).toBe('Pakalpojuma pieteikums 1001 000123');
    expect(doc.getAuthor()).toBe(application.centreName);
    expect(doc.getProducer()).toBe('Lete');
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-11-23T12:05:00.000Z');
    expect(doc.catalog.get(PDFName.of('Lang'))?.toString()).toBe('(lv-LV)');
  });
});

describe('receipt', () => {
  it('is a valid PDF with the case, service, client and due date', async () => {
    const bytes = await receiptPdf(fonts, receipt);
    qpdfCheck(bytes, 'receipt.pdf');
    const { text } = await textOf(bytes);
    for (const expected of ['Apliecinājums par pieteikuma saņemšanu', '1001 000123', serviceName, clientName, sentence, '07.12.2026.', '23.11.2026. 14:05']) {
      expect(text).toContain(expected);
    }
  });
});

describe('invoice', () => {
  it('is a valid PDF with the amount in Latvian format and the payment reference', async () => {
    const bytes = await invoicePdf(fonts, invoice);
    qpdfCheck(bytes, 'invoice.pdf');
    const { text } = await textOf(bytes);
    for (const expected of ['Rēķins', '1001 000123/1', serviceName, clientName, 'Valsts nodeva', '12,50', 'RF18539007547034', 'RF18 5390 0754 7034', 'Maksājuma mērķī norādiet atsauci', 'priekšapmaksa']) {
      expect(text).toContain(expected);
    }
  });

  it('names a fee as a fee', async () => {
    const { text } = await textOf(await invoicePdf(fonts, { ...invoice, kind: 'fee', amountCents: 123456 }));
    expect(text).toContain('Maksa par pakalpojumu');
    expect(text).toContain('1234,56 €');
  });
});
