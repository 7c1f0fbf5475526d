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
  if (detail.fee.kind === 'free' && detail.invoices.length === 0) return null;

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
            </li>
          ))}
        </ul>
      )}
      {detail.fee.kind !== 'free' && (
        <button type="button" onClick={() => void issue()} disabled={action.busy}>
          {t('caseWork.issueInvoice')}
        </button>
      )}
      <ActionError error={action.error} />
    </section>
  );
}
