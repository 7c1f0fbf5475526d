import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { articleTemplates, type ArticleDraft, type KbArticle } from '../../../preload/contract';
import { errorText } from '../../app/errors';
import { useAppDispatch, useClient } from '../../app/hooks';
import { actions } from '../../app/store';
import { isCtrlEnter } from '../cases/keys';
import { ArticleBody } from './ArticleBody';
import { templateBody } from './templates';

type Template = (typeof articleTemplates)[number];

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** `Nosaukums | https://…` per line; the line numbers of the ones that are not. */
function parseLegislation(text: string): { links: ArticleDraft['legislation']; bad: number[] } {
  const links: ArticleDraft['legislation'] = [];
  const bad: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const [title, url] = line.split('|').map((s) => s.trim());
    if (title && url && /^https?:\/\/\S+$/u.test(url)) links.push({ title, url });
    else bad.push(i + 1);
  });
  return { links, bad };
}

/** Writing an article from a template, previewing it as readers will see it, and publishing it. */
export function ArticleEditor({ article, onDone }: { article: KbArticle | null; onDone: (published: KbArticle | null) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const dispatch = useAppDispatch();
  const [template, setTemplate] = useState<Template>(article?.template ?? 'procedure');
  const [title, setTitle] = useState(article?.title ?? '');
  const [topic, setTopic] = useState(article?.topic ?? '');
  const [tags, setTags] = useState(article?.tags.join(', ') ?? '');
  const [services, setServices] = useState(article?.serviceCodes.join(', ') ?? '');
  const [legislation, setLegislation] = useState(article?.legislation.map((l) => `${l.title} | ${l.url}`).join('\n') ?? '');
  const [audience, setAudience] = useState<ArticleDraft['audience']>(article?.audience ?? 'providers');
  const [body, setBody] = useState(article?.body ?? templateBody('procedure'));
  const [preview, setPreview] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const id = useRef(article?.id ?? crypto.randomUUID());

  useEffect(() => heading.current?.focus(), []);

  function chooseTemplate(next: Template) {
    // An untouched skeleton follows the template; a text the editor has written is never replaced.
    if (body.trim() === templateBody(template).trim()) setBody(templateBody(next));
    setTemplate(next);
  }

  async function publish(e?: FormEvent) {
    e?.preventDefault();
    const { links, bad } = parseLegislation(legislation);
    if (bad.length > 0) return setError(t('knowledge.editor.badLegislation', { line: bad[0] }));
    setBusy(true);
    const result = await client.invoke('kb.publish', {
      id: id.current,
      baseVersion: article?.version ?? 0,
      title,
      body,
      topic,
      tags: list(tags),
      serviceCodes: list(services),
      legislation: links,
      audience,
      template,
    });
    setBusy(false);
    if (!result.ok) return setError(errorText(t, result.error));
    dispatch(actions.announced(t('knowledge.editor.published')));
    onDone(result.data);
  }

  return (
    <form
      className="article-editor"
      aria-labelledby="kb-editor-title"
      onSubmit={(e) => void publish(e)}
      onKeyDown={(e) => {
        if (isCtrlEnter(e)) void publish(e);
      }}
    >
      <h2 id="kb-editor-title" ref={heading} tabIndex={-1}>
        {article ? t('knowledge.editor.editTitle') : t('knowledge.editor.newTitle')}
      </h2>
      <label htmlFor="kb-template">{t('knowledge.editor.template')}</label>
      <select id="kb-template" value={template} onChange={(e) => chooseTemplate(e.target.value as Template)} aria-describedby="kb-template-hint">
        {articleTemplates.map((k) => (
          <option key={k} value={k}>
            {t(`knowledge.templates.${k}`)}
          </option>
        ))}
      </select>
      <p id="kb-template-hint" className="hint">
        {t('knowledge.editor.templateHint')}
      </p>
      <label htmlFor="kb-title">{t('knowledge.editor.title')}</label>
      <input id="kb-title" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={300} />
      <label htmlFor="kb-topic">{t('knowledge.editor.topic')}</label>
      <input id="kb-topic" value={topic} onChange={(e) => setTopic(e.target.value)} required maxLength={200} aria-describedby="kb-topic-hint" />
      <p id="kb-topic-hint" className="hint">
        {t('knowledge.editor.topicHint')}
      </p>
      <label htmlFor="kb-tags">{t('knowledge.editor.tags')}</label>
      <input id="kb-tags" value={tags} onChange={(e) => setTags(e.target.value)} aria-describedby="kb-tags-hint" />
      <p id="kb-tags-hint" className="hint">
        {t('knowledge.editor.tagsHint')}
      </p>
      <label htmlFor="kb-services">{t('knowledge.editor.services')}</label>
      <input id="kb-services" value={services} onChange={(e) => setServices(e.target.value)} aria-describedby="kb-services-hint" />
      <p id="kb-services-hint" className="hint">
        {t('knowledge.editor.servicesHint')}
      </p>
      <label htmlFor="kb-legislation-input">{t('knowledge.editor.legislation')}</label>
      <textarea id="kb-legislation-input" rows={2} value={legislation} onChange={(e) => setLegislation(e.target.value)} aria-describedby="kb-legislation-hint" />
      <p id="kb-legislation-hint" className="hint">
        {t('knowledge.editor.legislationHint')}
      </p>
      <label htmlFor="kb-audience">{t('knowledge.editor.audience')}</label>
      <select id="kb-audience" value={audience} onChange={(e) => setAudience(e.target.value as ArticleDraft['audience'])}>
        <option value="providers">{t('knowledge.audience.providers')}</option>
        <option value="owners">{t('knowledge.audience.owners', { owner: article?.ownerCode ?? '' })}</option>
      </select>
      <div className="editor-toggle">
        <button type="button" aria-pressed={!preview} onClick={() => setPreview(false)}>
          {t('knowledge.editor.write')}
        </button>
        <button type="button" aria-pressed={preview} onClick={() => setPreview(true)}>
          {t('knowledge.editor.preview')}
        </button>
      </div>
      {preview ? (
        <section className="article-preview" aria-label={t('knowledge.editor.preview')}>
          <h3>{title}</h3>
          <ArticleBody body={body} />
        </section>
      ) : (
        <>
          <label htmlFor="kb-body">{t('knowledge.editor.body')}</label>
          <textarea id="kb-body" rows={16} value={body} onChange={(e) => setBody(e.target.value)} required aria-describedby="kb-body-hint" />
          <p id="kb-body-hint" className="hint">
            {t('knowledge.editor.bodyHint')}
          </p>
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('knowledge.editor.publishing') : t('knowledge.editor.publish')} <kbd aria-hidden="true">Ctrl+Enter</kbd>
        </button>
        <button type="button" onClick={() => onDone(null)}>
          {t('knowledge.editor.cancel')}
        </button>
      </div>
    </form>
  );
}
