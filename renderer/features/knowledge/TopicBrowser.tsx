import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KbArticleSummary, KbTopic } from '../../../preload/contract';
import { useClient } from '../../app/hooks';

const SEPARATOR = ' / ';

/** The topics directly under `parent` (all top-level ones for null), with their subtree's counts. */
export function childTopics(topics: KbTopic[], parent: string | null): KbTopic[] {
  const children = new Map<string, KbTopic>();
  for (const topic of topics) {
    if (parent !== null && !topic.path.startsWith(parent + SEPARATOR)) continue;
    const rest = parent === null ? topic.path : topic.path.slice(parent.length + SEPARATOR.length);
    const name = rest.split(SEPARATOR)[0] ?? rest;
    const path = parent === null ? name : parent + SEPARATOR + name;
    const known = children.get(path) ?? { path, articles: 0, changed: 0 };
    children.set(path, { path, articles: known.articles + topic.articles, changed: known.changed + topic.changed });
  }
  return [...children.values()];
}

/** Drilling down the topic tree: a topic's subtopics, then its articles; the path back above them. */
export function TopicBrowser({ topics, onOpen }: { topics: KbTopic[]; onOpen: (article: KbArticleSummary) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [at, setAt] = useState<string | null>(null);
  const [articles, setArticles] = useState<KbArticleSummary[]>([]);

  useEffect(() => {
    if (at === null) return;
    let live = true;
    void client.invoke('kb.browse', { topic: at }).then((result) => {
      if (live && result.ok) setArticles(result.data.items);
    });
    return () => {
      live = false;
    };
  }, [client, at, topics]);

  const children = childTopics(topics, at);
  const direct = at === null ? [] : articles.filter((a) => a.topic === at);
  const crumbs = at === null ? [] : at.split(SEPARATOR).map((_, i, parts) => parts.slice(0, i + 1).join(SEPARATOR));

  return (
    <section aria-labelledby="kb-topics" className="kb-topics">
      <h2 id="kb-topics">{t('knowledge.topics')}</h2>
      {at !== null && (
        <nav aria-label={t('knowledge.topics')}>
          <ol className="crumbs">
            <li>
              <button type="button" className="link-button" onClick={() => setAt(null)}>
                {t('knowledge.backToTopics')}
              </button>
            </li>
            {crumbs.map((path) => (
              <li key={path}>
                <button type="button" className="link-button" aria-current={path === at ? 'location' : undefined} onClick={() => setAt(path)}>
                  {path.split(SEPARATOR).at(-1)}
                </button>
              </li>
            ))}
          </ol>
        </nav>
      )}
      <ul className="topic-list">
        {children.map((topic) => (
          <li key={topic.path}>
            <button type="button" className="link-button" onClick={() => setAt(topic.path)}>
              {topic.path.split(SEPARATOR).at(-1)}
            </button>{' '}
            <span className="muted">{t('knowledge.topicCount', { count: topic.articles })}</span>
            {topic.changed > 0 && <span className="badge">{t('knowledge.topicChanged', { count: topic.changed })}</span>}
          </li>
        ))}
      </ul>
      {direct.length > 0 && (
        <>
          <h3>{t('knowledge.inTopic', { topic: at })}</h3>
          <ul className="article-list">
            {direct.map((a) => (
              <li key={a.id}>
                <button type="button" className="link-button" onClick={() => onOpen(a)}>
                  {a.title}
                </button>
                {a.status === 'outdated' && <span className="badge">{t('knowledge.outdated')}</span>}
                {a.changed && <span className="badge">{t('knowledge.changed')}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
