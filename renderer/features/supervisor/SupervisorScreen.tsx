import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { HistoryView } from './HistoryView';
import { LiveView } from './LiveView';
import './supervisor.css';

const tabs = ['live', 'history'] as const;
type Tab = (typeof tabs)[number];

/**
 * The supervisor's dashboard: the centre live (queues against their wait targets, staff, alerts and
 * thresholds) and its history (a chart, a sortable table, CSV and PDF exports). Tabs follow the
 * ARIA pattern: arrows move between them, Tab goes into the panel.
 */
export function SupervisorScreen() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('live');

  function onTabKey(e: KeyboardEvent<HTMLButtonElement>) {
    const at = tabs.indexOf(tab);
    const next = e.key === 'ArrowRight' ? (at + 1) % tabs.length : e.key === 'ArrowLeft' ? (at + tabs.length - 1) % tabs.length : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : -1;
    const to = tabs[next];
    if (!to) return;
    e.preventDefault();
    setTab(to);
    document.getElementById(`sv-tab-${to}`)?.focus();
  }

  return (
    <div className="supervisor">
      <h1>{t('supervisor.title')}</h1>
      <div role="tablist" aria-label={t('supervisor.tabsLabel')} className="case-tabs">
        {tabs.map((k) => (
          <button
            key={k}
            id={`sv-tab-${k}`}
            type="button"
            role="tab"
            aria-selected={k === tab}
            aria-controls={`sv-panel-${k}`}
            tabIndex={k === tab ? 0 : -1}
            onClick={() => setTab(k)}
            onKeyDown={onTabKey}
          >
            {t(`supervisor.tabs.${k}`)}
          </button>
        ))}
      </div>
      <div id="sv-panel-live" role="tabpanel" aria-labelledby="sv-tab-live" hidden={tab !== 'live'}>
        {tab === 'live' && <LiveView />}
      </div>
      <div id="sv-panel-history" role="tabpanel" aria-labelledby="sv-tab-history" hidden={tab !== 'history'}>
        {tab === 'history' && <HistoryView />}
      </div>
    </div>
  );
}
