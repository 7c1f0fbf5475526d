import { z } from 'zod';
import { invoiceNumber, invoiceReference } from '../../shared/creditor-reference';
import type { CaseData, InvoiceData } from '../entities';
import { applied, deskRoles, mutation, reject, type MutationHandler } from '../sync/outcome';
import { patchRow, readRow, writeRow } from '../sync/rows';

const InvoiceIssue = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  /** The desk numbers a case's invoices itself (`<case number>/<n>`), so it can print one offline. */
  number: z.string().max(60),
  reference: z.string().max(25),
  timing: z.enum(['prepayment', 'postpayment']).optional(),
});
const InvoiceCancel = z.object({ id: z.uuid(), reason: z.string().trim().min(3).max(1000) });
const PaymentReport = z.object({ invoiceId: z.uuid(), amountCents: z.number().int().positive(), paidAt: z.iso.datetime(), source: z.string().trim().max(100) });

export const invoiceMutations: Record<string, MutationHandler> = {
  'invoice.issue': mutation({ roles: deskRoles, roleMessage: 'Jūsu lomai nav atļauts izrakstīt rēķinus.', args: InvoiceIssue, what: 'rēķina' }, async (args, { tx, principal, now }) => {
    if (await readRow(tx, 'invoice', args.id)) return reject('Rēķins ar šādu identifikatoru jau ir izrakstīts.');
    const caseRow = await readRow<CaseData>(tx, 'case', args.caseId);
    if (!caseRow || caseRow.deleted) return reject('Lieta, kurai izrakstīt rēķinu, nav atrasta.');
    if (!principal.roles.includes('admin') && caseRow.centre_id !== principal.centreId) return reject('Rēķinu var izrakstīt tikai sava centra lietai.');
    if (['cancelled', 'rejected', 'closed'].includes(caseRow.data.status)) return reject(`Lieta ${caseRow.data.caseNumber} ir pabeigta; rēķinu tai vairs neizraksta.`);
    const service = await readRow<{ fee: { kind: 'free' | 'fee' | 'state_duty'; amountCents: number } }>(tx, 'service', caseRow.data.serviceCode);
    const fee = service?.data.fee;
    if (!fee || fee.kind === 'free' || fee.amountCents <= 0) return reject(`Pakalpojums ${caseRow.data.serviceCode} ir bez maksas; rēķins nav vajadzīgs.`);
    const n = Number(args.number.slice(caseRow.data.caseNumber.length + 1));
    if (!Number.isInteger(n) || n < 1 || args.number !== invoiceNumber(caseRow.data.caseNumber, n)) return reject(`Rēķina numuram jābūt veidā „${invoiceNumber(caseRow.data.caseNumber, 1)}”.`);
    if (args.reference !== invoiceReference(caseRow.data.caseNumber, n)) return reject('Rēķina maksājuma atsauce neatbilst lietas numuram: atjauniniet Lete.');
    const [taken] = await tx.query(`SELECT 1 FROM sync_rows WHERE entity = 'invoice' AND data->>'number' = $1`, [args.number]);
    if (taken) return reject(`Rēķins ${args.number} jau ir izrakstīts citā darba vietā; izrakstiet nākamo numuru.`);
    const data: InvoiceData = {
      ...args,
      clientId: caseRow.data.clientId,
      serviceCode: caseRow.data.serviceCode,
      ownerCode: caseRow.data.ownerCode,
      kind: fee.kind,
      amountCents: fee.amountCents,
      status: 'issued',
      issuedAt: now.toISOString(),
      issuedBy: principal.userId,
      payments: [],
    };
    await writeRow(tx, { entity: 'invoice', id: args.id, data, centreId: caseRow.centre_id, ownerCode: caseRow.owner_code, clientId: caseRow.data.clientId });
    return applied(caseRow.data.clientId);
  }),

  'invoice.cancel': mutation({ roles: deskRoles, roleMessage: 'Jūsu lomai nav atļauts anulēt rēķinus.', args: InvoiceCancel, what: 'anulēšanas' }, async ({ id }, { tx, principal }) => {
    const row = await readRow<InvoiceData>(tx, 'invoice', id, true);
    if (!row || row.deleted) return reject('Rēķins nav atrasts.');
    if (!principal.roles.includes('admin') && row.centre_id !== principal.centreId) return reject('Šis rēķins pieder citam centram.');
    if (row.data.status === 'paid') return reject(`Rēķins ${row.data.number} jau ir apmaksāts; to nevar anulēt.`);
    await patchRow(tx, row, { status: 'cancelled' });
    return applied(row.data.clientId);
  }),

  /** The owner's finance system reports a payment; the invoice is paid once payments cover it. */
  'backoffice.payment': mutation({ roles: ['integration'], roleMessage: 'Maksājumus ziņo tikai pakalpojuma turētāja finanšu sistēma.', args: PaymentReport, what: 'maksājuma' }, async (args, { tx, principal }) => {
    const row = await readRow<InvoiceData>(tx, 'invoice', args.invoiceId, true);
    if (!row || row.deleted) return reject('Rēķins, kuram ziņots maksājums, nav atrasts.');
    if (row.owner_code !== principal.institutionCode) return reject('Šis rēķins nav jūsu iestādes pakalpojumam.');
    if (row.data.status === 'cancelled') return reject(`Rēķins ${row.data.number} ir anulēts; maksājums jāatmaksā.`);
    const payments = [...row.data.payments, { at: args.paidAt, amountCents: args.amountCents, source: args.source }];
    const paid = payments.reduce((sum, p) => sum + p.amountCents, 0) >= row.data.amountCents;
    await patchRow(tx, row, { payments, status: paid ? 'paid' : row.data.status });
    return applied(row.data.clientId);
  }),
};
