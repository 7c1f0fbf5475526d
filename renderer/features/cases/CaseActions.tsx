import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, CaseStatus, Result } from '../../../preload/contract';
import { useApp, useClient } from '../../app/hooks';
import { ActionError } from './ActionError';
import { useAction } from './hooks';

const closed: CaseStatus[] = ['closed', 'cancelled', 'rejected'];

/**
 * Moving the case on: the status changes this desk may make now (the core lists them), taking it,
 * handing it to the second level or the owner institution, escalating. One reason field serves all;
 * a hand-over must say why, so the next person does not have to ask.
 */
export function CaseActions({ detail, onDone }: { detail: CaseDetail; onDone(detail: CaseDetail): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const me = useApp((s) => s.session?.user.id);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const reasonInput = useRef<HTMLInputElement>(null);
  const action = useAction();
  const [colleagues, setColleagues] = useState<{ id: string; name: string }[]>([]);
  const [colleague, setColleague] = useState('');
  useEffect(() => {
    let mounted = true;
    void client.invoke('directory.colleagues', {}).then((r) => {
      if (mounted && r.ok) setColleagues(r.data);
    });
    return () => {
      mounted = false;
    };
  }, [client]);

  const open = !closed.includes(detail.status);
  const canHandOver = open && detail.status !== 'draft';
  const canTake = open && detail.assignee?.id !== me;
  if (detail.nextStatuses.length === 0 && !canHandOver && !canTake) return null;

  async function act(call: () => Promise<Result<CaseDetail>>, success: (d: CaseDetail) => string) {
    if (action.busy) return;
    const done = await action.run(call, success);
    if (done.ok) {
      setReason('');
      setReasonMissing(false);
      onDone(done.data);
    }
  }

  /** The reason, or null after pointing the clerk at the empty field. */
  function requiredReason(): string | null {
    const text = reason.trim();
    if (text.length >= 3) return text;
    setReasonMissing(true);
    reasonInput.current?.focus();
    return null;
  }

  function transfer(to: 'second_level' | 'owner') {
    const why = requiredReason();
    if (why) void act(() => client.invoke('cases.transfer', { id: detail.id, to: { kind: to }, reason: why }), () => t('caseWork.transferred', { level: t(`caseWork.level.${to}`) }));
  }

  function toColleague() {
    const to = colleagues.find((c) => c.id === colleague);
    const why = requiredReason();
    if (!to || !why) return;
    void act(
      () => client.invoke('cases.transfer', { id: detail.id, to: { kind: 'user', userId: to.id }, reason: why }),
      () => t('caseWork.transferredTo', { name: to.name }),
    );
  }

  function escalate() {
    const why = requiredReason();
    if (why) void act(() => client.invoke('cases.escalate', { id: detail.id, reason: why }), () => t('caseWork.escalatedDone'));
  }

  const showReasonError = reasonMissing && reason.trim().length < 3;
  return (
    <section className="case-section" aria-labelledby="case-actions-title">
      <h3 id="case-actions-title">{t('caseWork.actionsTitle')}</h3>
      <div className="field">
        <label htmlFor="case-action-reason">{t('caseWork.reason')}</label>
        <input
          id="case-action-reason"
          ref={reasonInput}
          value={reason}
          maxLength={1000}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={showReasonError || undefined}
          aria-describedby={showReasonError ? 'case-action-reason-error' : 'case-action-reason-hint'}
        />
        {showReasonError ? (
          <p id="case-action-reason-error" className="error">
            {t('caseWork.reasonTooShort')}
          </p>
        ) : (
          <p id="case-action-reason-hint" className="hint">
            {t('caseWork.reasonHint')}
          </p>
        )}
      </div>
      {open && colleagues.length > 0 && (
        <div className="field case-colleague">
          <label htmlFor="case-colleague">{t('caseWork.colleague')}</label>
          <select id="case-colleague" value={colleague} onChange={(e) => setColleague(e.target.value)}>
            <option value="">{t('caseWork.noColleague')}</option>
            {colleagues
              .filter((c) => c.id !== detail.assignee?.id)
              .map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
          </select>
        </div>
      )}
      <div className="case-actions">
        {detail.nextStatuses.map((to) => (
          <button
            key={to}
            type="button"
            disabled={action.busy}
            onClick={() =>
              void act(
                () => client.invoke('cases.transition', { id: detail.id, to, reason: reason.trim() || null }),
                () => t('caseWork.moved', { status: t(`caseWork.status.${to}`) }),
              )
            }
          >
            {t('caseWork.moveTo', { status: t(`caseWork.status.${to}`) })}
          </button>
        ))}
        {canTake && (
          <button type="button" disabled={action.busy} onClick={() => void act(() => client.invoke('cases.take', { id: detail.id }), () => t('caseWork.taken'))}>
            {t('caseWork.take')}
          </button>
        )}
        {open && colleague && (
          <button type="button" disabled={action.busy} onClick={toColleague}>
            {t('caseWork.toColleague')}
          </button>
        )}
        {canHandOver && detail.level !== 'second_level' && (
          <button type="button" disabled={action.busy} onClick={() => transfer('second_level')}>
            {t('caseWork.toSecondLevel')}
          </button>
        )}
        {canHandOver && detail.level !== 'owner' && (
          <button type="button" disabled={action.busy} onClick={() => transfer('owner')}>
            {t('caseWork.toOwner')}
          </button>
        )}
        {canHandOver && !detail.escalated && (
          <button type="button" disabled={action.busy} onClick={escalate}>
            {t('caseWork.escalate')}
          </button>
        )}
      </div>
      <ActionError error={action.error} />
    </section>
  );
}
