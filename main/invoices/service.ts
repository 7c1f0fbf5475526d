import { randomUUID } from 'node:crypto';
import { AppError, type InvoiceSummary } from '../../preload/contract';
import { invoiceNumber, invoiceReference, isValidCreditorReference } from '../../shared/creditor-reference';
import { recordAudit } from '../audit/record';
import { signedIn, type CaseService, type Session } from '../cases/service';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { EventBus } from '../events';
import type { Connection } from '../rpc/router';
import type { LocalStore } from '../sync/store';
import type { InvoiceQueries } from './queries';

export interface InvoiceDeps {
  clock: Clock;
  store: LocalStore;
  events: EventBus;
  cases: CaseService;
  invoices: InvoiceQueries;
  onChanged: () => void;
}

/**
 * Invoices for a case's fee or state duty. The desk numbers them itself (`<case number>/<n>`) with an
 * ISO 11649 reference that carries the case number, so one can be printed and paid while offline.
 */
export function createInvoiceService(db: Db, deps: InvoiceDeps) {
  const issue = db.transaction((session: Session, args: { id: string; caseId: string; number: string; reference: string; timing: 'prepayment' | 'postpayment' }) => {
    const at = deps.clock.now();
    deps.store.mutate({ name: 'invoice.issue', args, userId: session.user.id, at });
    recordAudit(db, { at, userId: session.user.id, action: 'invoice.issue', subject: args.id, outcome: 'ok' });
  });

  const cancel = db.transaction((session: Session, id: string, reason: string) => {
    const at = deps.clock.now();
    deps.store.mutate({ name: 'invoice.cancel', args: { id, reason }, userId: session.user.id, at });
    recordAudit(db, { at, userId: session.user.id, action: 'invoice.cancel', subject: id, outcome: 'ok' });
  });

  return {
    issue(connection: Connection, caseId: string): InvoiceSummary {
      const session = signedIn(connection);
      const c = deps.cases.get(caseId);
      if (['closed', 'cancelled', 'rejected'].includes(c.status)) throw new AppError('CONFLICT', `Lieta ${c.caseNumber} ir pabeigta; rēķinu tai vairs neizraksta.`);
      if (c.fee.kind === 'free' || c.fee.amountCents <= 0) throw new AppError('CONFLICT', `Pakalpojums ${c.service.code} ir bez maksas; rēķins nav vajadzīgs.`);
      const open = c.invoices.find((i) => i.status === 'issued');
      if (open) throw new AppError('CONFLICT', `Lietai jau ir neapmaksāts rēķins ${open.number}; izdrukājiet to vēlreiz vai vispirms anulējiet.`);
      const n = deps.invoices.countOfCase(caseId) + 1;
      const id = randomUUID();
      // Issued with the draft, before the owner has the application: the client pays first.
      const timing = c.status === 'draft' ? 'prepayment' : 'postpayment';
      issue(session, { id, caseId, number: invoiceNumber(c.caseNumber, n), reference: invoiceReference(c.caseNumber, n), timing });
      deps.events.emit('cases.changed', { id: caseId });
      deps.onChanged();
      const saved = deps.invoices.byId(id);
      if (!saved) throw new Error('invoice vanished after insert');
      return saved;
    },

    /** Withdraws an unpaid invoice (a wrong amount, the client changed their mind); a paid one stays. */
    cancel(connection: Connection, id: string, reason: string): InvoiceSummary {
      const session = signedIn(connection);
      const invoice = deps.invoices.byId(id);
      if (!invoice) throw new AppError('NOT_FOUND', 'Rēķins nav atrasts.');
      if (invoice.status === 'paid') throw new AppError('CONFLICT', `Rēķins ${invoice.number} jau ir apmaksāts; to nevar anulēt.`);
      if (invoice.status === 'cancelled') return invoice;
      cancel(session, id, reason);
      deps.events.emit('cases.changed', { id: invoice.caseId });
      deps.onChanged();
      const saved = deps.invoices.byId(id);
      if (!saved) throw new Error('invoice vanished after cancel');
      return saved;
    },

    /** An invoice by the payment reference a client or a bank statement gives; the reference is checked first. */
    byReference(reference: string): InvoiceSummary {
      const clean = reference.replace(/\s/gu, '').toUpperCase();
      if (!isValidCreditorReference(clean)) {
        throw new AppError('INVALID_INPUT', 'Maksājuma atsauce nav derīga: tai jāsākas ar RF, diviem kontrolcipariem, un kontrolcipari jāsaskan. Pārbaudiet, vai nav pārrakstīšanās kļūdas.', {
          issues: [{ path: 'reference', message: 'invalid' }],
        });
      }
      const found = deps.invoices.byReference(clean);
      if (!found) throw new AppError('NOT_FOUND', 'Rēķins ar šādu atsauci šajā darba vietā nav atrasts.');
      return found;
    },
  };
}
