import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../preload/contract';
import { useApp, useClient } from '../../app/hooks';
import { formatMoney } from '../../i18n/format';
import { ActionError } from './ActionError';
import { groupReference } from './format';
import { useAction } from './hooks';
import { PdfButtons } from './Printouts';

/** The case's invoices; issuing one raises `cases.changed`, which brings it into the list. */
export function Invoices({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const client = useClient();
  const locale = useApp((s) => s.locale);
  const action = useAction();
  const [cancelling, setCancelling] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  if (detail.fee.kind === 'free' && detail.invoices.length === 0) return null;
  // One unpaid invoice at a time: a second would ask the client to pay twice.
  const openInvoice = detail.invoices.some((i) => i.status === 'issued');

  async function cancel(id: string, number: string) {
    if (action.busy || reason.trim().length < 3) return;
    const done = await action.run(
      () => client.invoke('invoices.cancel', { id, reason: reason.trim() }),
      () => t('caseWork.invoiceCancelled', { number }),
    );
    if (done.ok) {
      setCancelling(null);
      setReason('');
    }
  }

  async function issue() {
    if (action.busy) return;
    await action.run(
      () => client.invoke('invoices.issue', { caseId: detail.id }),
      (i) => t('caseWork.invoiceIssued', { number: i.number }),
    );
  }

  return (
    <section className="case-section" aria-labelledby="case-invoices-title">
      <h3 id="case-invoices-title">{t('caseWork.invoicesTitle')}</h3>
      {detail.invoices.length === 0 ? (
        <p className="muted">{t('caseWork.noInvoices')}</p>
      ) : (
        <ul className="case-invoices">
          {detail.invoices.map((i) => (
            <li key={i.id}>
              <p id={`case-invoice-${i.id}`} className="case-invoice-number">
                {t('caseWork.invoiceFields.number')} <strong>{i.number}</strong>
                {i.syncState === 'pending' && <span className="case-pending"> ({t('caseWork.pending')})</span>}
              </p>
              <dl className="case-facts">
                <dt>{t('caseWork.invoiceFields.reference')}</dt>
                <dd className="case-reference">{groupReference(i.reference)}</dd>
                <dt>{t('caseWork.invoiceFields.amount')}</dt>
                <dd>
                  {formatMoney(i.amountCents, locale)} ({t(`caseWork.feeKind.${i.kind}`)})
                </dd>
                <dt>{t('caseWork.invoiceFields.timing')}</dt>
                <dd>{t(`caseWork.invoiceTiming.${i.timing}`)}</dd>
                <dt>{t('caseWork.invoiceFields.status')}</dt>
                <dd>{t(`caseWork.invoiceStatus.${i.status}`)}</dd>
                <dt>{t('caseWork.invoiceFields.paid')}</dt>
                <dd>{formatMoney(i.paidCents, locale)}</dd>
              </dl>
              <PdfButtons
                label={t('caseWork.invoicePdf')}
                printLabel={t('caseWork.printInvoice')}
                describedBy={`case-invoice-${i.id}`}
                load={() => client.invoke('invoices.pdf', { id: i.id })}
              />
              {i.status === 'issued' &&
                (cancelling === i.id ? (
                  <form
                    className="case-invoice-cancel"
                    onSubmit={(e) => {
                      e.preventDefault();
                      void cancel(i.id, i.number);
                    }}
                  >
                    <label htmlFor={`case-invoice-cancel-${i.id}`}>{t('caseWork.cancelReason')}</label>
                    <input id={`case-invoice-cancel-${i.id}`} autoFocus value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
                    <button type="submit" disabled={action.busy || reason.trim().length < 3}>
                      {t('caseWork.confirmCancelInvoice')}
                    </button>
                  </form>
                ) : (
                  <button type="button" aria-describedby={`case-invoice-${i.id}`} onClick={() => setCancelling(i.id)}>
                    {t('caseWork.cancelInvoice')}
                  </button>
                ))}
            </li>
          ))}
        </ul>
      )}
      {detail.fee.kind !== 'free' && !openInvoice && (
        <button type="button" onClick={() => void issue()} disabled={action.busy}>
          {t('caseWork.issueInvoice')}
        </button>
      )}
      <ActionError error={action.error} />
    </section>
  );
}
