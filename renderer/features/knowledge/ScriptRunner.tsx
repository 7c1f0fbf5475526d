import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, KbArticleSummary, KbScript, ScriptStep } from '../../../preload/contract';
import { errorText } from '../../app/errors';
import { useAppDispatch, useClient } from '../../app/hooks';
import { actions } from '../../app/store';
import { ChannelField } from '../desk/ChoiceFields';
import { typingOrInDialog } from '../cases/keys';

interface Props {
  /** The version the call started with; it stays fixed until the call ends. */
  script: KbScript;
  /** The newest version this desk has, to say when a newer one exists. */
  latestVersion: number;
  onOpenArticle: (id: string) => void;
  onClose: () => void;
}

/**
 * Leads an agent through a call: one step at a time, answers by click or number key, Back and Start
 * over, the path so far always visible, suggested articles for the step, and at the end a consultation
 * recorded with the script, its version, the path and what the agent wrote down.
 */
export function ScriptRunner({ script, latestVersion, onOpenArticle, onClose }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const dispatch = useAppDispatch();
  const [path, setPath] = useState<string[]>([script.start]);
  const [records, setRecords] = useState<Record<string, string>>({});
  const [channel, setChannel] = useState<Channel>('phone');
  const [serviceCode, setServiceCode] = useState<string | null>(script.serviceCodes[0] ?? null);
  const [suggested, setSuggested] = useState<KbArticleSummary[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const byId = new Map(script.steps.map((s) => [s.id, s]));
  const current = byId.get(path.at(-1) ?? '') as ScriptStep;

  // Each new step takes focus, so a screen reader reads it and the number keys answer it.
  useEffect(() => stepHeading.current?.focus(), [path]);

  useEffect(() => {
    let live = true;
    void client.invoke('kb.suggest', { serviceCode, text: current.text, limit: 4 }).then((result) => {
      if (live && result.ok) setSuggested(result.data.items.filter((a) => a.id !== current.articleId));
    });
    return () => {
      live = false;
    };
  }, [client, current, serviceCode]);

  const go = (next: string | null | undefined) => {
    if (next && byId.has(next)) setPath((p) => [...p, next]);
  };
  const back = () => setPath((p) => (p.length > 1 ? p.slice(0, -1) : p));
  const restart = () => {
    setPath([script.start]);
    setRecords({});
    setError(null);
  };

  function onKeyDown(e: KeyboardEvent<HTMLElement>) {
    if (e.altKey && e.key === 'ArrowLeft') {
      e.preventDefault();
      back();
      return;
    }
    if (current.kind !== 'question' || typingOrInDialog(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
    const choice = /^[1-9]$/u.test(e.key) ? current.choices?.[Number(e.key) - 1] : undefined;
    if (choice) {
      e.preventDefault();
      go(choice.next);
    }
  }

  async function finish() {
    if (current.kind !== 'end' || !current.outcome) return;
    setBusy(true);
    const note = path
      .filter((id) => byId.get(id)?.kind === 'record' && records[id]?.trim())
      .map((id) => records[id]?.trim())
      .join('\n')
      .slice(0, 2000);
    const result = await client.invoke('consultations.register', {
      serviceCode,
      channel,
      client: { kind: 'anonymous' },
      outcome: current.outcome,
      note,
      script: { id: script.id, version: script.version, path },
    });
    setBusy(false);
    if (!result.ok) return setError(errorText(t, result.error));
    dispatch(actions.announced(t('knowledge.scripts.finished', { title: script.title })));
    onClose();
  }

  return (
    <section className="script-runner" aria-labelledby="script-title" onKeyDown={onKeyDown}>
      <h2 id="script-title">{t('knowledge.scripts.running', { title: script.title, version: script.version })}</h2>
      <p className="hint">{latestVersion > script.version ? t('knowledge.scripts.newerVersion') : t('knowledge.scripts.fixedVersion')}</p>
      <nav aria-label={t('knowledge.scripts.path')}>
        <ol className="script-path">
          {path.map((id, i) => (
            <li key={`${id}-${i}`} aria-current={i === path.length - 1 ? 'step' : undefined}>
              {byId.get(id)?.text.slice(0, 60)}
            </li>
          ))}
        </ol>
      </nav>
      <div className="script-step">
        <h3 ref={stepHeading} tabIndex={-1} id="script-step">
          <span className="badge">{t(`knowledge.scripts.kinds.${current.kind}`)}</span> {current.text}
        </h3>
        {current.kind === 'question' && (
          <>
            <ol className="script-choices" aria-labelledby="script-step">
              {(current.choices ?? []).map((c, i) => (
                <li key={c.next + c.label}>
                  <button type="button" onClick={() => go(c.next)} aria-keyshortcuts={i < 9 ? String(i + 1) : undefined}>
                    <kbd aria-hidden="true">{i + 1}</kbd> {c.label}
                  </button>
                </li>
              ))}
            </ol>
            <p className="hint">{t('knowledge.scripts.choiceHint')}</p>
          </>
        )}
        {current.kind === 'info' && (
          <button type="button" className="primary" onClick={() => go(current.next)}>
            {t('knowledge.scripts.next')}
          </button>
        )}
        {current.kind === 'record' && (
          <>
            <label htmlFor={`record-${current.id}`}>{t('knowledge.scripts.record')}</label>
            <textarea id={`record-${current.id}`} rows={3} maxLength={1000} value={records[current.id] ?? ''} onChange={(e) => setRecords({ ...records, [current.id]: e.target.value })} />
            <button type="button" className="primary" onClick={() => go(current.next)}>
              {t('knowledge.scripts.next')}
            </button>
          </>
        )}
        {current.kind === 'end' && current.outcome && (
          <>
            <p role="status">{t('knowledge.scripts.ended', { outcome: t(`outcomes.${current.outcome}`) })}</p>
            <ChannelField id="script-channel" value={channel} onChange={setChannel} />
            {script.serviceCodes.length > 0 && (
              <div className="field">
                <label htmlFor="script-service">{t('consultation.service')}</label>
                <select id="script-service" value={serviceCode ?? ''} onChange={(e) => setServiceCode(e.target.value || null)}>
                  {script.serviceCodes.map((code) => (
                    <option key={code} value={code}>
                      {code}
                    </option>
                  ))}
                  <option value="">{t('consultation.noService')}</option>
                </select>
              </div>
            )}
            <button type="button" className="primary" disabled={busy} onClick={() => void finish()}>
              {busy ? t('knowledge.scripts.finishing') : t('knowledge.scripts.finish')}
            </button>
          </>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </div>
      {(current.articleId || suggested.length > 0) && (
        <section aria-labelledby="script-suggestions" className="kb-suggestions">
          <h3 id="script-suggestions">{t('knowledge.suggestions')}</h3>
          <ul>
            {current.articleId && (
              <li>
                <button type="button" className="link-button" onClick={() => onOpenArticle(current.articleId ?? '')}>
                  {t('knowledge.scripts.article')}
                </button>
              </li>
            )}
            {suggested.map((a) => (
              <li key={a.id}>
                <button type="button" className="link-button" onClick={() => onOpenArticle(a.id)}>
                  {a.title}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="form-actions">
        <button type="button" onClick={back} disabled={path.length < 2} aria-keyshortcuts="Alt+ArrowLeft">
          {t('knowledge.scripts.back')} <kbd aria-hidden="true">Alt+←</kbd>
        </button>
        <button type="button" onClick={restart}>
          {t('knowledge.scripts.restart')}
        </button>
        <button type="button" onClick={onClose}>
          {t('knowledge.scripts.close')}
        </button>
      </div>
    </section>
  );
}
