import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../preload/contract';
import { useClient } from '../../app/hooks';
import { ActionError } from './ActionError';
import { useAction } from './hooks';
import { isCtrlEnter } from './keys';

/**
 * The clerk submits on the client's behalf. Both confirmations start unticked: they record what the
 * client actually did, so the clerk ticks them with the client at the counter.
 */
export function SubmitSection({ detail, saveForm, onDone }: { detail: CaseDetail; saveForm(): Promise<boolean>; onDone(detail: CaseDetail): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [onBehalf, setOnBehalf] = useState(detail.authorisation?.onBehalf ?? false);
  const [signed, setSigned] = useState(detail.authorisation?.signed ?? false);
  const [note, setNote] = useState('');
  const action = useAction();

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    if (action.busy || !(await saveForm())) return;
    const done = await action.run(
      () => client.invoke('cases.submit', { id: detail.id, onBehalf, signed, note: note.trim() || null }),
      (d) => t('caseWork.submitted', { number: d.caseNumber }),
    );
    if (done.ok) {
      setNote('');
      onDone(done.data);
    }
  }

  function onKeyDown(e: KeyboardEvent) {
    if (isCtrlEnter(e)) {
      e.preventDefault();
      void submit();
    }
  }

  const onBehalfMissing = action.error?.issues?.some((i) => i.path === 'onBehalf') ?? false;
  return (
    <section className="case-section" aria-labelledby="case-submit-title">
      <h3 id="case-submit-title">{t('caseWork.submitTitle')}</h3>
      <form onSubmit={(e) => void submit(e)} onKeyDown={onKeyDown} noValidate>
        <div className="field case-check">
          <label>
            <input type="checkbox" checked={onBehalf} onChange={(e) => setOnBehalf(e.target.checked)} aria-invalid={onBehalfMissing || undefined} />
            {t('caseWork.onBehalf')}
          </label>
        </div>
        <div className="field case-check">
          <label>
            <input type="checkbox" checked={signed} onChange={(e) => setSigned(e.target.checked)} />
            {t('caseWork.signed')}
          </label>
        </div>
        <div className="field">
          <label htmlFor="case-submit-note">{t('caseWork.submitNote')}</label>
          <textarea id="case-submit-note" rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <ActionError error={action.error} />
        <button type="submit" className="primary" disabled={action.busy} aria-keyshortcuts="Control+Enter">
          {t('caseWork.submit')} <kbd aria-hidden="true">{t('caseWork.submitHint')}</kbd>
        </button>
      </form>
    </section>
  );
}
