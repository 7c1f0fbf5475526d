import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useListNavigation } from '../../app/useListNavigation';
import { useSearchAsYouType } from '../../app/useSearchAsYouType';
import { useTranslation } from 'react-i18next';
import type { ServiceSummary } from '../../../preload/contract';
import { useApp, useClient } from '../../app/hooks';
import { SEARCH_INPUT_ID } from '../../app/Shell';
import { formatFee } from '../../i18n/format';

/**
 * The catalogue as a combobox: type, arrows move through the results, Enter chooses. Focus never
 * leaves the input, so the clerk can keep typing to narrow the list.
 */
export function ServiceSearch({ onChoose }: { onChoose(service: ServiceSummary): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const locale = useApp((s) => s.locale);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<{ items: ServiceSummary[]; total: number } | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const searchFocus = useApp((s) => s.searchFocus);

  // `/` or Ctrl+K from anywhere: focus once this screen is rendered, not before.
  useEffect(() => {
    if (searchFocus > 0) input.current?.focus();
  }, [searchFocus]);
  // Plain ids: React's generated ones contain characters some assistive tools do not resolve.
  const listId = 'service-results';
  const hintId = 'service-search-hint';

  useSearchAsYouType(
    query,
    (q) => client.invoke('catalogue.search', { query: q, limit: 12 }),
    (result) => setResults(result.ok ? result.data : { items: [], total: 0 }),
  );

  // An empty box shows no results, whatever an earlier search left behind.
  const shown = query.trim() ? results : null;
  const items = shown?.items ?? [];
  function choose(service: ServiceSummary | undefined) {
    if (!service) return;
    onChoose(service);
    setQuery('');
    setResults(null);
  }

  const list = useListNavigation(items, choose, { results });
  const active = list.active;
  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'Escape') setQuery('');
    else list.onKeyDown(e);
  }

  const optionId = (i: number) => `${listId}-${i}`;
  return (
    <div className="search">
      <label htmlFor={SEARCH_INPUT_ID}>{t('desk.searchLabel')}</label>
      <input
        id={SEARCH_INPUT_ID}
        ref={input}
        type="search"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-expanded={items.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={items[active] ? optionId(active) : undefined}
        aria-describedby={hintId}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <p id={hintId} className="hint">
        {t('desk.searchHint')}
      </p>
      {shown && (
        <p className="muted" role="status">
          {shown.total === 0 ? t('desk.noResults') : t('desk.resultCount', { count: shown.total })}
        </p>
      )}
      <ul id={listId} role="listbox" aria-label={t('desk.results')} className="results">
        {items.map((s, i) => (
          <li
            key={s.code}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(s)}
          >
            <span className="code">{s.code}</span>
            <span className="name">{s.name}</span>
            <span className="owner">{s.owner.name}</span>
            <span className="fee">{formatFee(s.fee, locale, t('desk.free'))}</span>
            {s.matchedSynonym && <span className="synonym">{t('desk.synonym', { synonym: s.matchedSynonym })}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
