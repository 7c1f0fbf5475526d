import type { CaseData, InvoiceData } from '../entities';

/**
 * How the simulated owner institutions behave: pure decisions over what the back office has pulled,
 * so the behaviour is testable and the same case always takes the same path.
 */
export interface BackOfficeView {
  cases: Map<string, CaseData>;
  invoices: Map<string, InvoiceData>;
  fees: Map<string, 'free' | 'fee' | 'state_duty'>;
}

export type Decision =
  | { name: 'backoffice.report'; args: { id: string; to: 'in_progress' | 'waiting_client' | 'waiting_payment' | 'result_ready' | 'rejected'; reason?: string; result?: string } }
  | { name: 'backoffice.payment'; args: { invoiceId: string; amountCents: number; paidAt: string; source: string } };

/** A stable number in [0, 1) from an id: the same case always draws the same fate. */
export function draw(id: string, salt: string): number {
  let h = 2166136261;
  for (const c of `${salt}:${id}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return (h >>> 0) / 4294967296;
}

const lastChange = (c: CaseData) => Date.parse(c.history.at(-1)?.at ?? c.createdAt);

/**
 * At most `limit` steps per round, oldest waiting first: a real back office works through a backlog
 * (such as the demo history's open cases) over hours, it does not clear it in one burst.
 */
export function decide(view: BackOfficeView, now: Date, paceMs: number, limit = 25): Decision[] {
  const decisions: Decision[] = [];
  const invoicesOf = (caseId: string) => [...view.invoices.values()].filter((i) => i.caseId === caseId && i.status !== 'cancelled');
  const oldestFirst = [...view.cases.values()].sort((a, b) => lastChange(a) - lastChange(b));
  for (const c of oldestFirst) {
    if (decisions.length >= limit) break;
    // Each case waits between one and three paces before its next step, like a real queue of work.
    if (now.getTime() - lastChange(c) < paceMs * (1 + 2 * draw(c.id, `wait-${c.history.length}`))) continue;
    const been = (status: string) => c.history.some((h) => h.to === status);
    if (c.status === 'in_progress') {
      const fee = view.fees.get(c.serviceCode) ?? 'free';
      const unpaid = fee !== 'free' && !invoicesOf(c.id).some((i) => i.status === 'paid');
      if (unpaid && !been('waiting_payment')) decisions.push({ name: 'backoffice.report', args: { id: c.id, to: 'waiting_payment', reason: 'Gaidām maksājumu par pakalpojumu.' } });
      else if (unpaid) continue;
      else if (!been('waiting_client') && draw(c.id, 'client') < 0.08)
        decisions.push({ name: 'backoffice.report', args: { id: c.id, to: 'waiting_client', reason: 'Nepieciešams papildu dokuments: lūdzam klientu to iesniegt klientu centrā.' } });
      else if (draw(c.id, 'reject') < 0.04) decisions.push({ name: 'backoffice.report', args: { id: c.id, to: 'rejected', reason: 'Pakalpojuma saņemšanas nosacījumi nav izpildīti.' } });
      else decisions.push({ name: 'backoffice.report', args: { id: c.id, to: 'result_ready', result: `Lēmums pieņemts lietā ${c.caseNumber}.` } });
    } else if (c.status === 'waiting_payment' && invoicesOf(c.id).some((i) => i.status === 'paid')) {
      decisions.push({ name: 'backoffice.report', args: { id: c.id, to: 'in_progress', reason: 'Maksājums saņemts.' } });
    }
  }
  for (const invoice of view.invoices.values()) {
    if (decisions.length >= limit) break;
    if (invoice.status !== 'issued' || now.getTime() - Date.parse(invoice.issuedAt) < paceMs) continue;
    // Most clients pay; some never do, so desks also see invoices that stay open.
    if (draw(invoice.id, 'pays') < 0.9) {
      const paid = invoice.payments.reduce((sum, p) => sum + p.amountCents, 0);
      decisions.push({ name: 'backoffice.payment', args: { invoiceId: invoice.id, amountCents: invoice.amountCents - paid, paidAt: now.toISOString(), source: 'Valsts kase' } });
    }
  }
  return decisions;
}
