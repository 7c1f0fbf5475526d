import type { InvoiceSummary } from '../../preload/contract';
import type { Db } from '../db/connection';

interface InvoiceRow {
  id: string;
  case_id: string;
  number: string;
  reference: string;
  kind: string;
  amount_cents: number;
  paid_cents: number;
  status: string;
  issued_at: string;
  timing: string | null;
  version: number | null;
}

const columns = `id, case_id, number, reference, kind, amount_cents, paid_cents, status, issued_at, json_extract(data, '$.timing') AS timing, version`;

export function toInvoice(r: InvoiceRow): InvoiceSummary {
  return {
    id: r.id,
    caseId: r.case_id,
    number: r.number,
    reference: r.reference,
    kind: r.kind as InvoiceSummary['kind'],
    amountCents: r.amount_cents,
    paidCents: r.paid_cents,
    status: r.status as InvoiceSummary['status'],
    // Invoices from before the distinction were all issued after submission.
    timing: r.timing === 'prepayment' ? 'prepayment' : 'postpayment',
    issuedAt: r.issued_at,
    syncState: r.version === null ? 'pending' : 'synced',
  };
}

export function invoiceQueries(db: Db) {
  const ofCase = db.prepare<[string], InvoiceRow>(`SELECT ${columns} FROM invoices WHERE case_id = ? ORDER BY issued_at, number`);
  const ofClient = db.prepare<[string], InvoiceRow>(`SELECT ${columns} FROM invoices WHERE client_id = ? ORDER BY issued_at DESC`);
  const byId = db.prepare<[string], InvoiceRow>(`SELECT ${columns} FROM invoices WHERE id = ?`);
  const byReference = db.prepare<[string], InvoiceRow>(`SELECT ${columns} FROM invoices WHERE reference = ?`);
  const count = db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM invoices WHERE case_id = ?`);
  return {
    ofCase: (caseId: string) => ofCase.all(caseId).map(toInvoice),
    ofClient: (clientId: string) => ofClient.all(clientId).map(toInvoice),
    byId: (id: string) => {
      const row = byId.get(id);
      return row ? toInvoice(row) : null;
    },
    byReference: (reference: string) => {
      const row = byReference.get(reference);
      return row ? toInvoice(row) : null;
    },
    countOfCase: (caseId: string) => count.get(caseId)?.n ?? 0,
  };
}

export type InvoiceQueries = ReturnType<typeof invoiceQueries>;
