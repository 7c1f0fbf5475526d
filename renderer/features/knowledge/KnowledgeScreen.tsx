import { useCallback, useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KbArticle, KbArticleSummary, KbHit, KbScript, KbScriptSummary, KbSubscription, KbTopic, Result } from '../../../preload/contract';
import { errorText } from '../../app/errors';
import { useApp, useAppDispatch, useClient } from '../../app/hooks';
import { actions } from '../../app/store';
import { useListNavigation } from '../../app/useListNavigation';
import { useSearchAsYouType } from '../../app/useSearchAsYouType';
import { ArticleEditor } from './ArticleEditor';
import { ArticleView } from './ArticleView';
import { Highlighted } from './Highlighted';
import { ScriptEditor } from './ScriptEditor';
import { ScriptRunner } from './ScriptRunner';
import { TopicBrowser } from './TopicBrowser';

export const KB_SEARCH_ID = 'kb-search';
const tabs = ['articles', 'scripts'] as const;
type Tab = (typeof tabs)[number];

type Pane = { kind: 'none' } | { kind: 'article'; article: KbArticle } | { kind: 'editArticle'; article: KbArticle | null } | { kind: 'editScript'; script: KbScript | null };

/**
 * The knowledge base while the client waits: search as you type, the topic tree, what changed in what
 * the reader follows, and the call scripts an agent runs; the article reads beside whichever is open.
 */
export function KnowledgeScreen() {
  const { t } = useTranslation();
  const client = useClient();
  const dispatch = useAppDispatch();
  const session = useApp((s) => s.session);
  const requested = useApp((s) => s.openArticleId);
  const editor = session?.user.roles.includes('editor') ?? false;
  const [tab, setTab] = useState<Tab>('articles');
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<KbHit[] | null>(null);
  const [pane, setPane] = useState<Pane>({ kind: 'none' });
  const [topics, setTopics] = useState<KbTopic[]>([]);
  const [changes, setChanges] = useState<KbArticleSummary[]>([]);
  const [subscriptions, setSubscriptions] = useState<KbSubscription[]>([]);
  const [scripts, setScripts] = useState<KbScriptSummary[]>([]);
  const [running, setRunning] = useState<KbScript | null>(null);
  const [scriptFilter, setScriptFilter] = useState('');
  const [error, setError] = useState<string | null>(null);

  const [reloads, setReloads] = useState(0);
  const refresh = useCallback(() => setReloads((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    const load = async () => {
      const [topicList, changed, scriptList] = await Promise.all([client.invoke('kb.topics', {}), client.invoke('kb.changes', {}), client.invoke('kb.scripts', {})]);
      if (!live) return;
      if (topicList.ok) setTopics(topicList.data.items);
      if (changed.ok) {
        setChanges(changed.data.items);
        setSubscriptions(changed.data.subscriptions);
      }
      if (scriptList.ok) setScripts(scriptList.data.items);
    };
    void load();
    const unsubscribe = client.on('kb.changed', () => void load());
    return () => {
      live = false;
      unsubscribe();
    };
  }, [client, reloads]);

  const show = useCallback(
    (result: Result<KbArticle>) => {
      if (!result.ok) return setError(errorText(t, result.error));
      setError(null);
      setPane({ kind: 'article', article: result.data });
      // Reading it may clear its "changed" marks in the lists.
      refresh();
    },
    [refresh, t],
  );
  const open = async (id: string) => show(await client.invoke('kb.get', { id }));

  // Another screen (a case's related articles) asked for an article.
  useEffect(() => {
    if (!requested) return;
    void client.invoke('kb.get', { id: requested }).then((result) => {
      dispatch(actions.articleOpened(null));
      show(result);
    });
  }, [client, requested, show, dispatch]);

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
  const { active, onKeyDown } = useListNavigation(items, (hit) => void open(hit.id), { results: hits, enterTakesFirst: true });

  async function startScript(id: string) {
    const result = await client.invoke('kb.script', { id });
    if (result.ok) setRunning(result.data);
    else setError(errorText(t, result.error));
  }

  async function editScript(id: string | null) {
    if (!id) return setPane({ kind: 'editScript', script: null });
    const result = await client.invoke('kb.script', { id });
    if (result.ok) setPane({ kind: 'editScript', script: result.data });
    else setError(errorText(t, result.error));
  }

  function onTabKey(e: KeyboardEvent<HTMLButtonElement>) {
    const at = tabs.indexOf(tab);
    const next = e.key === 'ArrowRight' ? (at + 1) % tabs.length : e.key === 'ArrowLeft' ? (at + tabs.length - 1) % tabs.length : -1;
    const to = tabs[next];
    if (!to) return;
    e.preventDefault();
    setTab(to);
    document.getElementById(`kb-tab-${to}`)?.focus();
  }

  const filteredScripts = scripts.filter((s) => s.title.toLocaleLowerCase('lv').includes(scriptFilter.trim().toLocaleLowerCase('lv')));
  const latestOfRunning = scripts.find((s) => s.id === running?.id)?.version ?? running?.version ?? 0;

  return (
    <div className="knowledge">
      <h1>{t('nav.knowledge')}</h1>
      <div className="case-toolbar">
        <div role="tablist" aria-label={t('knowledge.tabsLabel')} className="case-tabs">
          {tabs.map((k) => (
            <button
              key={k}
              id={`kb-tab-${k}`}
              type="button"
              role="tab"
              aria-selected={k === tab}
              aria-controls={`kb-panel-${k}`}
              tabIndex={k === tab ? 0 : -1}
              onClick={() => setTab(k)}
              onKeyDown={onTabKey}
            >
              {t(`knowledge.tabs.${k}`)}
            </button>
          ))}
        </div>
        {editor && (
          <button type="button" className="primary" onClick={() => (tab === 'articles' ? setPane({ kind: 'editArticle', article: null }) : void editScript(null))}>
            {tab === 'articles' ? t('knowledge.newArticle') : t('knowledge.scripts.newScript')}
          </button>
        )}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="desk-columns">
        <div>
          <div id="kb-panel-articles" role="tabpanel" aria-labelledby="kb-tab-articles" hidden={tab !== 'articles'} className="search">
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
                  onClick={() => void open(hit.id)}
                >
                  <span className="name">
                    {hit.title}
                    {hit.status === 'outdated' && <span className="badge">{t('knowledge.outdated')}</span>}
                    {hit.changed && <span className="badge">{t('knowledge.changed')}</span>}
                  </span>
                  <span className="owner">{hit.topic}</span>
                  <span className="snippet">
                    <Highlighted segments={hit.snippet} />
                  </span>
                </li>
              ))}
            </ul>
            {!shown && (
              <>
                <section aria-labelledby="kb-changes">
                  <h2 id="kb-changes">{t('knowledge.changes')}</h2>
                  {subscriptions.length === 0 ? (
                    <p className="muted">{t('knowledge.notFollowing')}</p>
                  ) : changes.length === 0 ? (
                    <p className="muted">{t('knowledge.noChanges')}</p>
                  ) : (
                    <ul className="article-list">
                      {changes.map((a) => (
                        <li key={a.id}>
                          <button type="button" className="link-button" onClick={() => void open(a.id)}>
                            {a.title}
                          </button>{' '}
                          <span className="badge">{t('knowledge.changed')}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </section>
                <TopicBrowser topics={topics} onOpen={(a) => void open(a.id)} />
              </>
            )}
          </div>
          <div id="kb-panel-scripts" role="tabpanel" aria-labelledby="kb-tab-scripts" hidden={tab !== 'scripts'}>
            {running ? (
              <ScriptRunner key={running.id} script={running} latestVersion={latestOfRunning} onOpenArticle={(id) => void open(id)} onClose={() => setRunning(null)} />
            ) : (
              <>
                <label htmlFor="kb-script-filter">{t('knowledge.scripts.filter')}</label>
                <input id="kb-script-filter" type="search" value={scriptFilter} onChange={(e) => setScriptFilter(e.target.value)} />
                {filteredScripts.length === 0 ? (
                  <p className="muted">{t('knowledge.scripts.empty')}</p>
                ) : (
                  <ul className="script-list" aria-label={t('knowledge.scripts.listLabel')}>
                    {filteredScripts.map((s) => (
                      <li key={s.id}>
                        <span className="name">{s.title}</span> <span className="muted">{t('knowledge.scripts.version', { version: s.version })}</span>{' '}
                        <button type="button" className="primary" onClick={() => void startScript(s.id)} aria-label={`${t('knowledge.scripts.start')}: ${s.title}`}>
                          {t('knowledge.scripts.start')}
                        </button>
                        {editor && (
                          <button type="button" onClick={() => void editScript(s.id)} aria-label={`${t('knowledge.scripts.edit')}: ${s.title}`}>
                            {t('knowledge.scripts.edit')}
                          </button>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </>
            )}
          </div>
        </div>
        <article className="article" aria-labelledby={pane.kind === 'article' ? 'kb-article-title' : undefined}>
          {pane.kind === 'article' ? (
            <ArticleView
              key={pane.article.id}
              article={pane.article}
              subscriptions={subscriptions}
              onSubscriptions={(s) => {
                setSubscriptions(s);
                void refresh();
              }}
              onEdit={editor ? () => setPane({ kind: 'editArticle', article: pane.article }) : null}
              onChanged={(article) => setPane({ kind: 'article', article })}
            />
          ) : pane.kind === 'editArticle' ? (
            <ArticleEditor article={pane.article} onDone={(article) => setPane(article ? { kind: 'article', article } : { kind: 'none' })} />
          ) : pane.kind === 'editScript' ? (
            <ScriptEditor
              script={pane.script}
              onDone={() => {
                setPane({ kind: 'none' });
                void refresh();
              }}
            />
          ) : (
            <p className="muted">{t('knowledge.choose')}</p>
          )}
        </article>
      </div>
    </div>
  );
}
