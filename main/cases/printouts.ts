import type { FileContent } from '../../preload/contract';
import { AppError } from '../../preload/contract';
import { statusNames } from '../../shared/case-lifecycle';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { InvoiceQueries } from '../invoices/queries';
import { applicationPdf, invoicePdf, receiptPdf } from '../pdf/documents';
import { loadFonts, type PdfFonts } from '../pdf/fonts';
import type { CaseService } from './service';

const channelNames: Record<string, string> = { in_person: 'klātienē', phone: 'pa tālruni', email: 'e-pastā', portal: 'portālā', post: 'pa pastu', e_address: 'e-adresē' };

const followText =
  'Lietas virzību varat uzzināt jebkurā valsts un pašvaldību vienotajā klientu apkalpošanas centrā, pa tālruni vai portālā Latvija.gov.lv, norādot lietas numuru.';
const authorisationText =
  'Klients pilnvaro klientu apkalpošanas centra speciālistu iesniegt šo pieteikumu pakalpojuma sniedzējam klienta vārdā. Klients ir iepazinies ar pieteikumā norādītajām ziņām un apliecina to pareizību.';

const pdf = (name: string, bytes: Uint8Array): FileContent => ({ name, mediaType: 'application/pdf', contentBase64: Buffer.from(bytes).toString('base64') });
const fileName = (text: string) => text.replace(/[^\p{L}\p{N}]+/gu, '-');

/**
 * The PDFs a clerk prints or the client signs: the application as filled, the receipt, the invoice.
 * Made on the desk from its own data, so they print during an outage too.
 */
export function createPrintouts(db: Db, deps: { clock: Clock; cases: CaseService; invoices: InvoiceQueries; fontsDir: string }) {
  let fonts: PdfFonts | null = null;
  const fontsOnce = () => (fonts ??= loadFonts(deps.fontsDir));
  const clientRow = db.prepare<[string], { personal_code: string | null; first_name: string | null; last_name: string | null; phone: string | null; email: string | null }>(
    `SELECT personal_code, first_name, last_name, phone, email FROM clients WHERE id = ?`,
  );
  const creator = db.prepare<[string], { display_name: string; centre_name: string | null }>(
    `SELECT u.display_name, c.name AS centre_name FROM users u LEFT JOIN centres c ON c.id = u.centre_id WHERE u.id = ?`,
  );
  const createdBy = db.prepare<[string], { created_by: string }>(`SELECT created_by FROM cases WHERE id = ?`);
  const payee = db.prepare<[string], { iban: string | null; registration_number: string | null }>(`SELECT iban, registration_number FROM institutions WHERE code = ?`);

  function people(caseId: string, clientId: string | null) {
    const client = clientId ? clientRow.get(clientId) : undefined;
    const clerk = creator.get(createdBy.get(caseId)?.created_by ?? '');
    return {
      client: client
        ? { name: [client.first_name, client.last_name].filter(Boolean).join(' ') || null, personalCode: client.personal_code, phone: client.phone, email: client.email }
        : null,
      clerkName: clerk?.display_name ?? '',
      centreName: clerk?.centre_name ?? 'Klientu apkalpošanas centrs',
    };
  }

  return {
    async casePdf(id: string, kind: 'application' | 'receipt'): Promise<FileContent> {
      const c = deps.cases.get(id);
      const { client, clerkName, centreName } = people(c.id, c.client?.id ?? null);
      if (kind === 'application') {
        const bytes = await applicationPdf(fontsOnce(), {
          at: deps.clock.now().toISOString(),
          caseNumber: c.caseNumber,
          service: c.service,
          ownerName: c.owner.name,
          centreName,
          clerkName,
          channel: channelNames[c.channel] ?? c.channel,
          client,
          fields: c.formFields.map((f) => ({ label: f.label, value: formValue(c.form[f.key]) })),
          attachments: c.attachments.map((a) => ({ name: a.name, pages: null })),
          authorisation: authorisationText,
        });
        return pdf(`pieteikums-${fileName(c.caseNumber)}.pdf`, bytes);
      }
      if (!c.dueAt || c.status === 'draft') throw new AppError('CONFLICT', `Lieta ${c.caseNumber} vēl nav iesniegta: apliecinājumu izsniedz pēc iesniegšanas.`);
      const bytes = await receiptPdf(fontsOnce(), {
        at: deps.clock.now().toISOString(),
        caseNumber: c.caseNumber,
        service: c.service,
        ownerName: c.owner.name,
        submittedAt: c.history.findLast((h) => h.to === 'submitted')?.at ?? c.createdAt,
        dueAt: c.dueAt,
        status: statusNames[c.status],
        centreName,
        clerkName,
        clientName: client?.name ?? null,
        howToFollow: followText,
      });
      return pdf(`apliecinajums-${fileName(c.caseNumber)}.pdf`, bytes);
    },

    async invoicePdf(id: string): Promise<FileContent> {
      const invoice = deps.invoices.byId(id);
      if (!invoice) throw new AppError('NOT_FOUND', 'Rēķins nav atrasts.');
      const c = deps.cases.get(invoice.caseId);
      const { client, centreName } = people(c.id, c.client?.id ?? null);
      const account = payee.get(c.owner.code);
      if (!account?.iban) throw new AppError('NOT_FOUND', `Iestādes ${c.owner.name} norēķinu konts darba vietā nav zināms: sinhronizējiet katalogu un mēģiniet vēlreiz.`);
      const bytes = await invoicePdf(fontsOnce(), {
        at: deps.clock.now().toISOString(),
        number: invoice.number,
        issuedAt: invoice.issuedAt,
        dueAt: new Date(Date.parse(invoice.issuedAt) + 14 * 86_400_000).toISOString(),
        payer: { name: client?.name ?? null, personalCode: client?.personalCode ?? null },
        payee: { name: c.owner.name, iban: account.iban, registrationNumber: account.registration_number ?? '—' },
        serviceName: `${c.service.code} ${c.service.name}`,
        kind: invoice.kind,
        timing: invoice.timing,
        amountCents: invoice.amountCents,
        reference: invoice.reference,
        centreName,
      });
      return pdf(`rekins-${fileName(invoice.number)}.pdf`, bytes);
    },
  };
}

function formValue(value: unknown): string {
  if (value === true) return 'jā';
  if (value === false || value === null || value === undefined || value === '') return '—';
  return String(value);
}
