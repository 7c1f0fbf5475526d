import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientSummary, ContractError } from '../../../preload/contract';
import { errorText } from '../../app/errors';
import { useClient } from '../../app/hooks';
import { useListNavigation } from '../../app/useListNavigation';
import { useSearchAsYouType } from '../../app/useSearchAsYouType';
import { clientName } from './names';

export const CLIENT_SEARCH_ID = 'client-search';

/**
 * Clients as a combobox, like the catalogue: a personal code, a name, a phone or an e-mail. A whole
 * personal code that is wrong says which part (date, check digit) at once.
 */
export function ClientSearch({ onChoose }: { onChoose(client: ClientSummary): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<{ items: ClientSummary[]; platformSearched: boolean } | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  useSearchAsYouType(
    query.trim().length >= 2 ? query : '',
    (q) => client.invoke('clients.search', { query: q }),
    (result) => {
      setError(result.ok ? null : result.error);
      setResults(result.ok ? result.data : null);
    },
    200,
  );
  const shown = query.trim().length >= 2 ? results : null;
  const items = shown?.items ?? [];
  const list = useListNavigation(items, onChoose, { results, enterTakesFirst: true });
  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'Escape') {
      setQuery('');
      setError(null);
    } else list.onKeyDown(e);
  }
  const listId = 'client-results';
  const optionId = (i: number) => `${listId}-${i}`;
  return (
    <div className="search">
      <label htmlFor={CLIENT_SEARCH_ID}>{t('clients.searchLabel')}</label>
      <input
        id={CLIENT_SEARCH_ID}
        ref={input}
        type="search"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-expanded={items.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={items[list.active] ? optionId(list.active) : undefined}
        aria-describedby="client-search-hint"
        aria-invalid={error ? true : undefined}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <p id="client-search-hint" className="hint">
        {t('clients.searchHint')}
      </p>
      {error && query.trim().length >= 2 && (
        <p className="error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      {shown && !error && (
        <p className="muted" role="status">
          {items.length === 0 ? t('clients.noResults') : t('clients.resultCount', { count: items.length })}
          {!shown.platformSearched && <> {t('clients.onlyThisDesk')}</>}
        </p>
      )}
      <ul id={listId} role="listbox" aria-label={t('clients.results')} className="results">
        {items.map((c, i) => (
          <li
            key={c.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === list.active}
            className={i === list.active ? 'active' : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onChoose(c)}
          >
            <span className="name">{clientName(c)}</span>
            <span className="code">{c.personalCodeMasked ?? t('clients.partlyIdentified')}</span>
            <span className="owner">{[c.phone, c.email].filter(Boolean).join(', ')}</span>
            <span className="fee">
              {c.source === 'platform' ? t('clients.fromPlatform') : ''}
              {c.syncState === 'pending' ? t('clients.pending') : ''}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
