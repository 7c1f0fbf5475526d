import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, CaseStatus } from '../../../preload/contract';
import { useApp, useAppDispatch } from '../../app/hooks';
import { actions } from '../../app/store';
import { formatDateTime, formatFee } from '../../i18n/format';
import { ActionError } from './ActionError';
import { Attachments } from './Attachments';
import { CaseActions } from './CaseActions';
import { CaseForm, type CaseFormHandle } from './CaseForm';
import { Feedback } from './Feedback';
import { History, Notes } from './Journal';
import { Invoices } from './Invoices';
import { Printouts } from './Printouts';
import { RequiredDocuments } from './RequiredDocuments';
import { RelatedArticles } from '../knowledge/RelatedArticles';
import { SubmitSection } from './SubmitSection';
import { useCaseDetail } from './hooks';
import { typingOrInDialog } from './keys';

/** Statuses whose form the clerk may still change: before submission, or when the client must add something. */
export const editableStatuses: CaseStatus[] = ['draft', 'waiting_client'];
const finishedStatuses: CaseStatus[] = ['result_ready', 'delivered', 'closed', 'cancelled', 'rejected'];

/** One case, everything the clerk does with it on one page; it follows the platform's changes live. */
export function CaseView({ id }: { id: string }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { detail, error, show } = useCaseDetail(id);
  const form = useRef<CaseFormHandle>(null);
  const loaded = detail !== null;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !typingOrInDialog(e.target)) dispatch(actions.caseOpened(null));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dispatch]);

  const back = (
    <button type="button" onClick={() => dispatch(actions.caseOpened(null))} aria-keyshortcuts="Escape">
      {t('caseWork.back')} <kbd aria-hidden="true">{t('caseWork.backHint')}</kbd>
    </button>
  );
  if (!loaded) {
    return (
      <section className="case-view">
        {back}
        {error ? <ActionError error={error} /> : <p className="muted">{t('caseWork.loadingCase')}</p>}
      </section>
    );
  }

  const editable = editableStatuses.includes(detail.status);
  return (
    <section className="case-view" aria-labelledby="case-title">
      <div className="case-toolbar">{back}</div>
      <CaseHeading detail={detail} />
      {/* A failed refresh keeps the last known case on screen and says why it may be stale. */}
      <ActionError error={error} />
      <div className="case-columns">
        <div>
          <CaseForm key={detail.id} ref={form} detail={detail} editable={editable} onSaved={show} />
          {editable && <SubmitSection detail={detail} saveForm={() => form.current?.saveIfChanged() ?? Promise.resolve(true)} onDone={show} />}
          <CaseActions detail={detail} onDone={show} />
          <Notes detail={detail} onDone={show} />
          <History detail={detail} />
        </div>
        <div>
          <RequiredDocuments documents={detail.requiredDocuments} />
          <RelatedArticles serviceCode={detail.service.code} />
          <Attachments detail={detail} />
          <Printouts detail={detail} />
          <Invoices detail={detail} />
          {finishedStatuses.includes(detail.status) && <Feedback subject={{ kind: 'case', id: detail.id }} />}
        </div>
      </div>
    </section>
  );
}

function CaseHeading({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const locale = useApp((s) => s.locale);
  const heading = useRef<HTMLHeadingElement>(null);
  // Opening a case starts a screen reader at its heading, not at the top of the page.
  useEffect(() => heading.current?.focus(), []);
  return (
    <>
      <h2 id="case-title" ref={heading} tabIndex={-1}>
        {t('caseWork.caseTitle', { number: detail.caseNumber })}
      </h2>
      <dl className="case-facts">
        <dt>{t('caseWork.facts.service')}</dt>
        <dd>
          {detail.service.code} {detail.service.name}
        </dd>
        <dt>{t('caseWork.facts.owner')}</dt>
        <dd>{detail.owner.name}</dd>
        <dt>{t('caseWork.facts.client')}</dt>
        <dd>{detail.client?.name ?? t('caseWork.noClient')}</dd>
        <dt>{t('caseWork.facts.channel')}</dt>
        <dd>{t(`channels.${detail.channel}`)}</dd>
        <dt>{t('caseWork.facts.status')}</dt>
        <dd>
          <strong data-testid="case-status">{t(`caseWork.status.${detail.status}`)}</strong>
          {detail.syncState === 'pending' && <span className="case-pending"> ({t('caseWork.pending')})</span>}
        </dd>
        <dt>{t('caseWork.facts.level')}</dt>
        <dd>{t(`caseWork.level.${detail.level}`)}</dd>
        <dt>{t('caseWork.facts.assignee')}</dt>
        <dd>{detail.assignee?.name ?? t('caseWork.unassigned')}</dd>
        <dt>{t('caseWork.facts.due')}</dt>
        <dd>
          {detail.dueAt ? formatDateTime(detail.dueAt, locale) : t('caseWork.noDue')}
          {detail.overdue && <span className="case-badge case-badge-danger">{t('caseWork.overdue')}</span>}
          {detail.escalated && <span className="case-badge">{t('caseWork.escalated')}</span>}
        </dd>
        <dt>{t('caseWork.facts.fee')}</dt>
        <dd>
          {formatFee(detail.fee, locale, t('caseWork.feeKind.free'))}
          {detail.fee.kind !== 'free' && <> ({t(`caseWork.feeKind.${detail.fee.kind}`)})</>}
        </dd>
        {detail.backOfficeRef && (
          <>
            <dt>{t('caseWork.facts.backOfficeRef')}</dt>
            <dd>{detail.backOfficeRef}</dd>
          </>
        )}
        {detail.result && (
          <>
            <dt>{t('caseWork.facts.result')}</dt>
            <dd>{detail.result}</dd>
          </>
        )}
      </dl>
    </>
  );
}
