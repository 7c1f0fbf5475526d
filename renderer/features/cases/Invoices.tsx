import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../preload/contract';
import { useApp, useClient } from '../../app/hooks';
import { formatMoney } from '../../i18n/format';
import { ActionError } from './ActionError';
import { groupReference } from './format';
import { useAction } from './hooks';
import { PdfButtons, useCanOpenPdf } from './Printouts';

/** The case's invoices; issuing one raises `cases.changed`, which brings it into the list. */
export function Invoices({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const client = useClient();
  const locale = useApp((s) => s.locale);
  const canPrint = useCanOpenPdf() === true;
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
        <table className="case-table">
          <caption className="visually-hidden">{t('caseWork.invoicesTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('caseWork.invoiceColumns.number')}</th>
              <th scope="col">{t('caseWork.invoiceColumns.reference')}</th>
              <th scope="col">{t('caseWork.invoiceColumns.amount')}</th>
              <th scope="col">{t('caseWork.invoiceColumns.status')}</th>
              <th scope="col">{t('caseWork.invoiceColumns.paid')}</th>
              <th scope="col">{t('caseWork.invoiceColumns.documents')}</th>
            </tr>
          </thead>
          <tbody>
            {detail.invoices.map((i) => (
              <tr key={i.id}>
                <th scope="row" id={`case-invoice-${i.id}`}>
                  {i.number}
                  {i.syncState === 'pending' && <span className="case-pending"> ({t('caseWork.pending')})</span>}
                </th>
                <td className="case-reference">{groupReference(i.reference)}</td>
                <td>
                  {formatMoney(i.amountCents, locale)} <span className="muted">({t(`caseWork.feeKind.${i.kind}`)})</span>
                </td>
                <td>{t(`caseWork.invoiceStatus.${i.status}`)}</td>
                <td>{formatMoney(i.paidCents, locale)}</td>
                <td>
                  <PdfButtons
                    label={t('caseWork.invoicePdf')}
                    printLabel={t('caseWork.printInvoice')}
                    canPrint={canPrint}
                    describedBy={`case-invoice-${i.id}`}
                    load={() => client.invoke('invoices.pdf', { id: i.id })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
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
