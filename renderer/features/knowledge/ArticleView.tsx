import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KbArticle, KbSubscription, KbVersion } from '../../../preload/contract';
import { errorText } from '../../app/errors';
import { useApp, useAppDispatch, useClient } from '../../app/hooks';
import { actions } from '../../app/store';
import { downloadFile, readBase64 } from '../../app/files';
import { formatDateTime } from '../../i18n/format';
import { ArticleBody } from './ArticleBody';

interface Props {
  article: KbArticle;
  subscriptions: KbSubscription[];
  onSubscriptions: (subscriptions: KbSubscription[]) => void;
  /** Editors get Edit and Retire. */
  onEdit: (() => void) | null;
  onChanged: (article: KbArticle) => void;
}

/** One article, with what changed since the reader last read it, its legislation, and following. */
export function ArticleView({ article, subscriptions, onSubscriptions, onEdit, onChanged }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const dispatch = useAppDispatch();
  const locale = useApp((s) => s.locale);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const [history, setHistory] = useState<{ items: KbVersion[]; complete: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);

  // The opened article takes focus once it is on screen, so reading starts at its title. (The screen
  // gives each article its own instance, so history and errors never carry over to the next one.)
  useEffect(() => titleRef.current?.focus(), [article.id]);

  const follows = (kind: KbSubscription['kind'], key: string) => subscriptions.some((s) => s.kind === kind && s.key === key);
  async function toggle(kind: KbSubscription['kind'], key: string) {
    const result = await client.invoke('kb.subscribe', { kind, key, subscribed: !follows(kind, key) });
    if (result.ok) onSubscriptions(result.data.subscriptions);
    else setError(errorText(t, result.error));
  }

  async function showHistory() {
    const result = await client.invoke('kb.history', { id: article.id });
    if (result.ok) setHistory(result.data);
    else setError(errorText(t, result.error));
  }

  async function openFile(id: string) {
    const result = await client.invoke('kb.file', { id });
    if (result.ok) downloadFile(result.data);
    else setError(errorText(t, result.error));
  }

  async function attach(e: ChangeEvent<HTMLInputElement>) {
    const input = e.currentTarget;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const result = await client.invoke('kb.attach', { articleId: article.id, file: { name: file.name, mediaType: file.type || 'application/octet-stream', contentBase64: await readBase64(file) } });
    if (!result.ok) return setError(errorText(t, result.error));
    onChanged(result.data);
    dispatch(actions.announced(t('knowledge.attached', { name: file.name })));
  }

  async function retire() {
    const result = await client.invoke('kb.retire', { id: article.id });
    if (!result.ok) return setError(errorText(t, result.error));
    onChanged(result.data);
    dispatch(actions.announced(t('knowledge.retired')));
  }

  const changedSince = article.lastReadVersion !== null && article.lastReadVersion < article.version;
  return (
    <>
      <h2 id="kb-article-title" ref={titleRef} tabIndex={-1}>
        {article.title}
        {article.status === 'outdated' && <span className="badge">{t('knowledge.outdated')}</span>}
      </h2>
      <p className="muted">
        {article.topic} · {t(`knowledge.templates.${article.template}`)} · {t('knowledge.version', { version: article.version })} ·{' '}
        {article.updatedByName
          ? t('knowledge.updatedBy', { name: article.updatedByName, when: formatDateTime(article.updatedAt, locale) })
          : t('knowledge.updated', { when: formatDateTime(article.updatedAt, locale) })}
        {' · '}
        {t(`knowledge.audience.${article.audience}`, { owner: article.ownerCode ?? '' })}
        {article.source && ` · ${t('knowledge.source', { source: article.source })}`}
      </p>
      {article.pending && <p className="notice">{t('knowledge.pending')}</p>}
      {changedSince && (
        <p className="notice" role="status">
          {t('knowledge.changedSince', { from: article.lastReadVersion, to: article.version })}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="article-actions">
        <button type="button" onClick={() => void toggle('topic', article.topic)} aria-pressed={follows('topic', article.topic)}>
          {follows('topic', article.topic) ? t('knowledge.unfollow', { topic: article.topic }) : t('knowledge.follow', { topic: article.topic })}
        </button>
        {article.serviceCodes.map((code) => (
          <button key={code} type="button" onClick={() => void toggle('service', code)} aria-pressed={follows('service', code)}>
            {follows('service', code) ? t('knowledge.unfollowService', { code }) : t('knowledge.followService', { code })}
          </button>
        ))}
        {onEdit && (
          <>
            <button type="button" onClick={onEdit}>
              {t('knowledge.edit')}
            </button>
            {article.status === 'current' && (
              <button type="button" onClick={() => void retire()}>
                {t('knowledge.retire')}
              </button>
            )}
          </>
        )}
      </div>
      <ArticleBody body={article.body} />
      {(article.files.length > 0 || onEdit) && (
        <section aria-labelledby="kb-files">
          <h3 id="kb-files">{t('knowledge.files')}</h3>
          <ul className="article-list">
            {article.files.map((f) => (
              <li key={f.id}>
                {f.available ? (
                  <button type="button" className="link-button" onClick={() => void openFile(f.id)}>
                    {f.name}
                  </button>
                ) : (
                  <>
                    {f.name} <span className="muted">{t('knowledge.fileNotHere')}</span>
                  </>
                )}
              </li>
            ))}
          </ul>
          {onEdit && (
            <>
              <label htmlFor="kb-attach">{t('knowledge.attach')}</label>
              <input id="kb-attach" type="file" accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg" onChange={(e) => void attach(e)} />
            </>
          )}
        </section>
      )}
      {article.serviceCodes.length > 0 && (
        <p>
          <strong>{t('knowledge.services')}:</strong> {article.serviceCodes.join(', ')}
        </p>
      )}
      {article.legislation.length > 0 && (
        <section aria-labelledby="kb-legislation">
          <h3 id="kb-legislation">{t('knowledge.legislation')}</h3>
          <ul>
            {article.legislation.map((l) => (
              <li key={l.url}>
                <a href={l.url} target="_blank" rel="noreferrer noopener">
                  {l.title}
                </a>{' '}
                <span className="muted">{t('knowledge.opensOutside')}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="kb-history">
        <h3 id="kb-history">{t('knowledge.history')}</h3>
        {history ? (
          <>
            {!history.complete && <p className="muted">{t('knowledge.historyPartial')}</p>}
            <ol className="kb-history">
              {history.items.map((v) => (
                <li key={v.version}>{t('knowledge.historyLine', { version: v.version, when: formatDateTime(v.updatedAt, locale), name: v.updatedByName ?? '—' })}</li>
              ))}
            </ol>
          </>
        ) : (
          <button type="button" className="link-button" onClick={() => void showHistory()}>
            {t('knowledge.showHistory')}
          </button>
        )}
      </section>
    </>
  );
}
