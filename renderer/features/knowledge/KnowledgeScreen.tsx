import { useEffect, useRef, useState } from 'react';
import { useListNavigation } from '../../app/useListNavigation';
import { useSearchAsYouType } from '../../app/useSearchAsYouType';
import { useTranslation } from 'react-i18next';
import type { KbArticle, KbHit } from '../../../preload/contract';
import { errorText } from '../../app/errors';
import { useApp, useClient } from '../../app/hooks';
import { formatDateTime } from '../../i18n/format';
import { Highlighted } from './Highlighted';

export const KB_SEARCH_ID = 'kb-search';

/** Search the knowledge base while the client waits: results as you type, the article beside them. */
export function KnowledgeScreen() {
  const { t } = useTranslation();
  const client = useClient();
  const locale = useApp((s) => s.locale);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<KbHit[] | null>(null);
  const [article, setArticle] = useState<KbArticle | null>(null);
  const [error, setError] = useState<string | null>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);

  // The opened article takes focus once it is on screen, so reading starts at its title.
  useEffect(() => {
    if (article) titleRef.current?.focus();
  }, [article]);

  useSearchAsYouType(
    query,
    (q) => client.invoke('kb.search', { query: q, limit: 10 }),
    (result) => {
      setHits(result.ok ? result.data.items : []);
      setError(result.ok ? null : errorText(t, result.error));
    },
    120,
  );

  const shown = query.trim() ? hits : null;
  const items = shown ?? [];

  async function open(hit: KbHit) {
    const result = await client.invoke('kb.get', { id: hit.id });
    if (result.ok) setArticle(result.data);
    else setError(errorText(t, result.error));
  }

  const { active, onKeyDown } = useListNavigation(items, (hit) => void open(hit), { results: hits, enterTakesFirst: true });

  return (
    <div className="knowledge">
      <h1>{t('nav.knowledge')}</h1>
      <div className="desk-columns">
        <div className="search">
          <label htmlFor={KB_SEARCH_ID}>{t('knowledge.searchLabel')}</label>
          <input
            id={KB_SEARCH_ID}
            type="search"
            role="combobox"
            autoComplete="off"
            spellCheck={false}
            aria-expanded={items.length > 0}
            aria-controls="kb-results"
            aria-autocomplete="list"
            aria-activedescendant={items[active] ? `kb-result-${active}` : undefined}
            aria-describedby="kb-search-hint"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={onKeyDown}
          />
          <p id="kb-search-hint" className="hint">
            {t('knowledge.searchHint')}
          </p>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          {shown && (
            <p className="muted" role="status">
              {shown.length === 0 ? t('knowledge.noResults') : t('knowledge.resultCount', { count: shown.length })}
            </p>
          )}
          <ul id="kb-results" role="listbox" aria-label={t('knowledge.results')} className="results kb-results">
            {items.map((hit, i) => (
              <li
                key={hit.id}
                id={`kb-result-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => void open(hit)}
              >
                <span className="name">
                  {hit.title}
                  {hit.status === 'outdated' && <span className="badge">{t('knowledge.outdated')}</span>}
                </span>
                <span className="owner">{hit.topic}</span>
                <span className="snippet">
                  <Highlighted segments={hit.snippet} />
                </span>
              </li>
            ))}
          </ul>
        </div>
        <article className="article" aria-labelledby={article ? 'kb-article-title' : undefined}>
          {article ? (
            <>
              <h2 id="kb-article-title" ref={titleRef} tabIndex={-1}>
                {article.title}
              </h2>
              <p className="muted">
                {article.topic} · {t('knowledge.updated', { when: formatDateTime(article.updatedAt, locale) })} · {t('knowledge.version', { version: article.version })}
                {article.source && ` · ${t('knowledge.source', { source: article.source })}`}
              </p>
              {/* Imported text wraps lines inside paragraphs; only blank lines separate them. */}
              {article.body.split(/\n{2,}/u).map((paragraph, i) => (
                <p key={i}>{paragraph.replace(/\n/gu, ' ')}</p>
              ))}
            </>
          ) : (
            <p className="muted">{t('knowledge.choose')}</p>
          )}
        </article>
      </div>
      <p className="muted">{t('knowledge.scriptsLater')}</p>
    </div>
  );
}
