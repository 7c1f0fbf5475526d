import type { PdfFonts } from './fonts';
import { formatDate, formatDateTime, formatMoney, groupsOfFour } from './format';
import { COLUMN_GAP, Sheet, type Box } from './layout';
import { addSignatureField, readSignatureBox } from './signature';

export type { Box } from './layout';

/** The AcroForm signature field on the application a client signs. */
export const SIGNATURE_FIELD = 'client_signature';

export interface PdfService {
  code: string;
  name: string;
}

/** Any part may be missing: a client can be only partly identified (a phone number, an e-mail). */
export interface PdfClient {
  name: string | null;
  personalCode: string | null;
  phone: string | null;
  email: string | null;
}

export interface ApplicationPdfInput {
  /** ISO timestamp of printing: the date on the form and the PDF's creation date. */
  at: string;
  caseNumber: string;
  service: PdfService;
  ownerName: string;
  centreName: string;
  clerkName: string;
  /** Already a Latvian label, e.g. "klātienē". */
  channel: string;
  /** null for an anonymous client. */
  client: PdfClient | null;
  /** Values already as text ("jā", "—"); may be long and span several lines. */
  fields: readonly { label: string; value: string }[];
  attachments: readonly { name: string; pages: number | null }[];
  /** The statement the client signs under. */
  authorisation: string;
}

export interface ReceiptPdfInput {
  at: string;
  caseNumber: string;
  service: PdfService;
  ownerName: string;
  /** ISO timestamps. */
  submittedAt: string;
  dueAt: string;
  /** Already a Latvian label, e.g. "Iesniegts". */
  status: string;
  centreName: string;
  clerkName: string;
  /** null for an anonymous client. */
  clientName: string | null;
  howToFollow: string;
}

export type InvoiceKind = 'state_duty' | 'fee';

export type InvoiceTiming = 'prepayment' | 'postpayment';
export interface InvoicePdfInput {
  timing: InvoiceTiming;
  at: string;
  /** e.g. "1001 000123/1". */
  number: string;
  /** ISO timestamps. */
  issuedAt: string;
  dueAt: string;
  payer: { name: string | null; personalCode: string | null };
  payee: { name: string; iban: string; registrationNumber: string };
  serviceName: string;
  kind: InvoiceKind;
  /** Integer euro cents. */
  amountCents: number;
  /** ISO 11649 creditor reference, "RF…". */
  reference: string;
  centreName: string;
}

const kindNames: Record<InvoiceKind, string> = { state_duty: 'Valsts nodeva', fee: 'Maksa par pakalpojumu' };

const ANONYMOUS = 'Anonīms';

const serviceText = (service: PdfService) => `${service.code} ${service.name}`;

/** The service application as filled, with the authorisation and a signature field for the client. */
export async function applicationPdf(fonts: PdfFonts, input: ApplicationPdfInput): Promise<Uint8Array> {
  const sheet = await Sheet.create(fonts, {
    title: `Pakalpojuma pieteikums ${input.caseNumber}`,
    author: input.centreName,
    subject: serviceText(input.service),
    at: input.at,
    footer: `Pakalpojuma pieteikums, lieta Nr. ${input.caseNumber}`,
  });
  sheet.title('Pakalpojuma pieteikums', `Lieta Nr. ${input.caseNumber}`);
  sheet.field('Pakalpojums', serviceText(input.service));
  sheet.field('Pakalpojuma sniedzējs', input.ownerName);
  sheet.field('Klientu centrs', input.centreName);
  sheet.field('Pieteikumu pieņēma', input.clerkName);
  sheet.field('Datums', formatDateTime(input.at));
  sheet.field('Saņemšanas veids', input.channel);

  sheet.heading('Klients');
  for (const [label, value] of clientRows(input.client)) sheet.field(label, value);

  sheet.heading('Pieteikuma ziņas');
  if (input.fields.length === 0) sheet.paragraph('Pakalpojumam nav aizpildāmu lauku.', { muted: true });
  for (const field of input.fields) sheet.field(field.label, field.value);

  sheet.heading('Pievienotie dokumenti');
  if (input.attachments.length === 0) sheet.paragraph('Nav pievienotu dokumentu.', { muted: true });
  input.attachments.forEach((a, i) => sheet.field(`${i + 1}.`, a.pages === null ? a.name : `${a.name} (${a.pages} lpp.)`));

  sheet.heading('Pilnvarojums');
  sheet.paragraph(input.authorisation);
  sheet.gap(12);
  const box = sheet.frame('Klienta paraksts', 240, 72, input.client?.name ?? undefined);
  addSignatureField(sheet.doc, SIGNATURE_FIELD, 'Klienta paraksts', box);
  return sheet.save();
}

/**
 * A personal code is shown in full: this is the copy the client reads and signs, not a screen
 * others can see. An unidentified client is named as such rather than left blank.
 */
function clientRows(client: PdfClient | null): [string, string][] {
  if (!client || (!client.name && !client.personalCode && !client.phone && !client.email)) return [['Klients', ANONYMOUS]];
  const rows: [string, string][] = [['Vārds, uzvārds', client.name ?? 'Nav norādīts']];
  if (client.personalCode) rows.push(['Personas kods', client.personalCode]);
  if (client.phone) rows.push(['Tālrunis', client.phone]);
  if (client.email) rows.push(['E-pasts', client.email]);
  return rows;
}

/** Where a PDF made by `applicationPdf` wants the client's signature: the signature field's widget rectangle. */
export function signatureBox(pdfBytes: Uint8Array): Promise<Box | null> {
  return readSignatureBox(pdfBytes, SIGNATURE_FIELD);
}

/** The client's proof that the application was received, with its due date. */
export async function receiptPdf(fonts: PdfFonts, input: ReceiptPdfInput): Promise<Uint8Array> {
  const title = 'Apliecinājums par pieteikuma saņemšanu';
  const sheet = await Sheet.create(fonts, {
    title: `${title} ${input.caseNumber}`,
    author: input.centreName,
    subject: serviceText(input.service),
    at: input.at,
    footer: `${title}, lieta Nr. ${input.caseNumber}`,
  });
  sheet.title(title, `Lieta Nr. ${input.caseNumber}`);
  sheet.field('Pakalpojums', serviceText(input.service));
  sheet.field('Pakalpojuma sniedzējs', input.ownerName);
  sheet.field('Iesniegts', formatDateTime(input.submittedAt));
  sheet.field('Paredzamais izpildes termiņš', formatDate(input.dueAt));
  sheet.field('Statuss', input.status);
  sheet.field('Klients', input.clientName ?? ANONYMOUS);
  sheet.field('Klientu centrs', input.centreName);
  sheet.field('Pieteikumu pieņēma', input.clerkName);
  sheet.heading('Kā sekot lietas virzībai');
  sheet.paragraph(input.howToFollow);
  return sheet.save();
}

/** An invoice for a state duty or a fee, payable by bank transfer with a structured reference. */
const timingNames: Record<InvoiceTiming, string> = {
  prepayment: 'priekšapmaksa: pieteikumu izskata pēc samaksas',
  postpayment: 'pēcapmaksa: samaksa par jau sniegtu pakalpojumu',
};

export async function invoicePdf(fonts: PdfFonts, input: InvoicePdfInput): Promise<Uint8Array> {
  const sheet = await Sheet.create(fonts, {
    title: `Rēķins Nr. ${input.number}`,
    author: input.centreName,
    subject: input.serviceName,
    at: input.at,
    footer: `Rēķins Nr. ${input.number}`,
  });
  const reference = input.reference.replace(/\s+/gu, '');
  sheet.title('Rēķins', `Nr. ${input.number}`);
  sheet.field('Izrakstīts', formatDate(input.issuedAt));
  sheet.field('Apmaksāt līdz', formatDate(input.dueAt));
  sheet.field('Apmaksas kārtība', timingNames[input.timing]);
  sheet.field('Izrakstīja', input.centreName);

  sheet.heading('Maksātājs');
  sheet.field('Vārds, uzvārds', input.payer.name ?? ANONYMOUS);
  if (input.payer.personalCode) sheet.field('Personas kods', input.payer.personalCode);

  sheet.heading('Saņēmējs');
  sheet.field('Iestāde', input.payee.name);
  sheet.field('Reģistrācijas numurs', input.payee.registrationNumber);
  sheet.field('Konts (IBAN)', groupsOfFour(input.payee.iban));

  sheet.heading('Maksājums');
  const amountWidth = 90;
  const kindWidth = 130;
  const nameWidth = sheet.width - amountWidth - kindWidth - 2 * COLUMN_GAP;
  const amount = formatMoney(input.amountCents);
  sheet.row([
    { text: 'Pakalpojums', width: nameWidth, muted: true },
    { text: 'Veids', width: kindWidth, muted: true },
    { text: 'Summa', width: amountWidth, muted: true, align: 'right' },
  ]);
  sheet.row([
    { text: input.serviceName, width: nameWidth },
    { text: kindNames[input.kind], width: kindWidth },
    { text: amount, width: amountWidth, align: 'right' },
  ]);
  sheet.rule();
  sheet.row([
    { text: 'Kopā apmaksai', width: nameWidth + kindWidth + COLUMN_GAP, bold: true, align: 'right' },
    { text: amount, width: amountWidth, bold: true, align: 'right' },
  ]);

  sheet.gap(6);
  sheet.field('Maksājuma atsauce', groupsOfFour(reference));
  sheet.gap(4);
  // Banks match the payment to the invoice only by the reference alone in the purpose field.
  sheet.paragraph(`Maksājuma mērķī norādiet atsauci ${reference} un neko citu — tā maksājums tiks sasaistīts ar šo rēķinu.`);
  return sheet.save();
}
