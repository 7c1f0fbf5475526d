import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../preload/contract';
import { useApp, useClient } from '../../app/hooks';
import { formatDateTime } from '../../i18n/format';
import { ActionError } from './ActionError';
import { useAction } from './hooks';
import { isCtrlEnter } from './keys';

export function Notes({ detail, onDone }: { detail: CaseDetail; onDone(detail: CaseDetail): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const locale = useApp((s) => s.locale);
  const [text, setText] = useState('');
  const action = useAction();

  async function add(e?: FormEvent) {
    e?.preventDefault();
    if (action.busy || !text.trim()) return;
    const done = await action.run(() => client.invoke('cases.note', { id: detail.id, text }), () => t('caseWork.noteAdded'));
    if (done.ok) {
      setText('');
      onDone(done.data);
    }
  }

  function onKeyDown(e: KeyboardEvent) {
    if (isCtrlEnter(e)) {
      e.preventDefault();
      void add();
    }
  }

  return (
    <section className="case-section" aria-labelledby="case-notes-title">
      <h3 id="case-notes-title">{t('caseWork.notesTitle')}</h3>
      {detail.notes.length === 0 ? (
        <p className="muted">{t('caseWork.noNotes')}</p>
      ) : (
        <ul className="case-notes">
          {detail.notes.map((n, i) => (
            <li key={i}>
              <span className="muted">
                {formatDateTime(n.at, locale)}, {n.by}
              </span>
              <p>{n.text}</p>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(e) => void add(e)} onKeyDown={onKeyDown} noValidate>
        <div className="field">
          <label htmlFor="case-new-note">{t('caseWork.newNote')}</label>
          <textarea id="case-new-note" rows={2} maxLength={4000} value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <ActionError error={action.error} />
        <button type="submit" disabled={action.busy || !text.trim()}>
          {t('caseWork.addNote')}
        </button>
      </form>
    </section>
  );
}

const knownActions = ['created', 'status', 'taken', 'escalated'] as const;

/** `transfer:<to>` and future actions still read as words, never as the core's codes. */
function actionKey(action: string): string {
  if (action.startsWith('transfer:')) return 'transfer';
  return (knownActions as readonly string[]).includes(action) ? action : 'other';
}

/** Where a hand-over went, when it went to a level rather than to a named colleague. */
function transferLevel(action: string): 'second_level' | 'owner' | null {
  const to = action.startsWith('transfer:') ? action.slice('transfer:'.length) : null;
  return to === 'second_level' || to === 'owner' ? to : null;
}

export function History({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const locale = useApp((s) => s.locale);
  const status = (s: string | null) => (s ? t(`caseWork.status.${s}`) : '');
  return (
    <section className="case-section" aria-labelledby="case-history-title">
      <h3 id="case-history-title">{t('caseWork.historyTitle')}</h3>
      {detail.history.length === 0 ? (
        <p className="muted">{t('caseWork.noHistory')}</p>
      ) : (
        <table className="case-table">
          <caption className="visually-hidden">{t('caseWork.historyTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('caseWork.historyColumns.when')}</th>
              <th scope="col">{t('caseWork.historyColumns.who')}</th>
              <th scope="col">{t('caseWork.historyColumns.what')}</th>
              <th scope="col">{t('caseWork.historyColumns.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {detail.history.map((h, i) => (
              <tr key={i}>
                <td>{formatDateTime(h.at, locale)}</td>
                <td>{h.by === 'system' ? t('caseWork.system') : h.by}</td>
                <td>
                  {t(`caseWork.historyAction.${actionKey(h.action)}`)}
                  {transferLevel(h.action) && <>: {t(`caseWork.level.${transferLevel(h.action)}`)}</>}
                  {(h.from ?? h.to) && (
                    <>
                      : {h.from ? `${status(h.from)} → ` : ''}
                      {status(h.to)}
                    </>
                  )}
                </td>
                <td>{h.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
