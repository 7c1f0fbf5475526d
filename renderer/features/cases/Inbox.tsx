import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSummary, ContractError } from '../../../preload/contract';
import { useApp, useAppDispatch, useClient } from '../../app/hooks';
import { actions } from '../../app/store';
import { formatDateTime } from '../../i18n/format';
import { ActionError } from './ActionError';
import { typingOrInDialog } from './keys';

export const inboxScopes = ['mine', 'institution', 'today'] as const;
export type InboxScope = (typeof inboxScopes)[number];

const tabId = (s: InboxScope) => `case-tab-${s}`;
const panelId = 'case-inbox-panel';

/** The clerk's case lists as tabs; arrows move between the tabs (focus follows the choice). */
export function Inbox({ scope, onScope, focusCaseId }: { scope: InboxScope; onScope(scope: InboxScope): void; focusCaseId: string | null }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const startApplication = () => dispatch(actions.applicationStarted({ clientId: null, clientName: null }));

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyN' && !typingOrInDialog(e.target)) {
        e.preventDefault();
        dispatch(actions.applicationStarted({ clientId: null, clientName: null }));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dispatch]);

  function onTabKey(e: KeyboardEvent<HTMLButtonElement>) {
    const at = inboxScopes.indexOf(scope);
    const next =
      e.key === 'ArrowRight' ? (at + 1) % inboxScopes.length : e.key === 'ArrowLeft' ? (at + inboxScopes.length - 1) % inboxScopes.length : e.key === 'Home' ? 0 : e.key === 'End' ? inboxScopes.length - 1 : -1;
    const to = inboxScopes[next];
    if (!to) return;
    e.preventDefault();
    onScope(to);
    document.getElementById(tabId(to))?.focus();
  }

  return (
    <section className="case-inbox" aria-labelledby="case-inbox-title">
      <div className="case-toolbar">
        <h2 id="case-inbox-title" className="visually-hidden">
          {t('caseWork.tabsLabel')}
        </h2>
        <div role="tablist" aria-label={t('caseWork.tabsLabel')} className="case-tabs">
          {inboxScopes.map((s) => (
            <button
              key={s}
              id={tabId(s)}
              type="button"
              role="tab"
              aria-selected={s === scope}
              aria-controls={panelId}
              tabIndex={s === scope ? 0 : -1}
              onClick={() => onScope(s)}
              onKeyDown={onTabKey}
            >
              {t(`caseWork.tabs.${s}`)}
            </button>
          ))}
        </div>
        <button type="button" className="primary" onClick={startApplication} aria-keyshortcuts="Alt+N">
          {t('caseWork.newApplication')} <kbd aria-hidden="true">Alt+N</kbd>
        </button>
      </div>
      <div id={panelId} role="tabpanel" aria-labelledby={tabId(scope)}>
        <CaseList key={scope} scope={scope} focusCaseId={focusCaseId} />
      </div>
    </section>
  );
}

/** Arrow keys move between the rows' case-number buttons; Enter on one opens the case. */
function moveBetweenCases(e: KeyboardEvent<HTMLTableSectionElement>) {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button[data-case-id]')];
  const at = buttons.indexOf(e.target as HTMLButtonElement);
  if (at < 0) return;
  e.preventDefault();
  buttons[(at + (e.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
}

function CaseList({ scope, focusCaseId }: { scope: InboxScope; focusCaseId: string | null }) {
  const { t } = useTranslation();
  const client = useClient();
  const dispatch = useAppDispatch();
  const locale = useApp((s) => s.locale);
  const [items, setItems] = useState<CaseSummary[] | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const body = useRef<HTMLTableSectionElement>(null);
  const restored = useRef(false);
  // One row in the Tab order (the last one focused); arrows reach the others.
  const [active, setActive] = useState(0);

  useEffect(() => {
    let latest = 0;
    let mounted = true;
    const load = async () => {
      const mine = ++latest;
      const result = await client.invoke('cases.inbox', { scope });
      if (!mounted || mine !== latest) return;
      if (result.ok) {
        setItems(result.data);
        setError(null);
      } else setError(result.error);
    };
    void load();
    const unsubscribe = client.on('cases.changed', () => void load());
    return () => {
      mounted = false;
      unsubscribe();
    };
  }, [client, scope]);

  // Back from a case: focus its row once, so the clerk continues down the list from there.
  useEffect(() => {
    if (restored.current || !items || !focusCaseId) return;
    restored.current = true;
    body.current?.querySelector<HTMLButtonElement>(`button[data-case-id="${CSS.escape(focusCaseId)}"]`)?.focus();
  }, [items, focusCaseId]);

  if (error) return <ActionError error={error} />;
  if (items === null) return <p className="muted">{t('caseWork.loading')}</p>;
  if (items.length === 0) return <p className="muted">{t('caseWork.empty')}</p>;
  return (
    <>
      <table className="case-table" aria-describedby="case-inbox-hint">
        <caption className="visually-hidden">{t(`caseWork.tabs.${scope}`)}</caption>
        <thead>
          <tr>
            <th scope="col">{t('caseWork.columns.number')}</th>
            <th scope="col">{t('caseWork.columns.service')}</th>
            <th scope="col">{t('caseWork.columns.client')}</th>
            <th scope="col">{t('caseWork.columns.status')}</th>
            <th scope="col">{t('caseWork.columns.due')}</th>
            <th scope="col">{t('caseWork.columns.sync')}</th>
          </tr>
        </thead>
        <tbody ref={body} onKeyDown={moveBetweenCases}>
          {items.map((c, i) => (
            <tr key={c.id}>
              <td>
                <button
                  type="button"
                  className="link-button case-number"
                  data-case-id={c.id}
                  tabIndex={i === Math.min(active, items.length - 1) ? 0 : -1}
                  onFocus={() => setActive(i)}
                  onClick={() => dispatch(actions.caseOpened(c.id))}
                >
                  {c.caseNumber}
                </button>
              </td>
              <td>
                {c.service.code} {c.service.name}
              </td>
              <td>{c.client?.name ?? <span className="muted">{t('caseWork.noClient')}</span>}</td>
              <td>{t(`caseWork.status.${c.status}`)}</td>
              <td>
                {c.dueAt ? formatDateTime(c.dueAt, locale) : <span className="muted">{t('caseWork.noDue')}</span>}
                {c.overdue && <span className="case-badge case-badge-danger">{t('caseWork.overdue')}</span>}
                {c.escalated && <span className="case-badge">{t('caseWork.escalated')}</span>}
              </td>
              <td>{c.syncState === 'pending' ? <span className="case-pending">{t('caseWork.pending')}</span> : t('caseWork.synced')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p id="case-inbox-hint" className="hint">
        {t('caseWork.listHint')}
      </p>
    </>
  );
}
