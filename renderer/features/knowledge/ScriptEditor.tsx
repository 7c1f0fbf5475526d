import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { consultationOutcomes, scriptProblems, type KbScript, type ScriptStep } from '../../../preload/contract';
import { errorText } from '../../app/errors';
import { useAppDispatch, useClient } from '../../app/hooks';
import { actions } from '../../app/store';

const kinds: ScriptStep['kind'][] = ['question', 'info', 'record', 'end'];

const blankStep = (n: number): ScriptStep => ({ id: `solis-${n}`, kind: 'end', text: '', outcome: 'informed' });

/** Keeps only the fields a step of its kind uses, so a step turned from question to end carries no stale choices. */
function tidy(step: ScriptStep): ScriptStep {
  const base = { id: step.id.trim(), kind: step.kind, text: step.text, articleId: step.articleId?.trim() || null };
  if (step.kind === 'question') return { ...base, choices: step.choices ?? [] };
  if (step.kind === 'end') return { ...base, outcome: step.outcome ?? 'informed' };
  return { ...base, next: step.next ?? null };
}

/**
 * Writing a branching call script: steps of four kinds, answers that lead to other steps, an outcome
 * at every end. The same check as the platform's runs as the editor types, so a script with a dead end
 * cannot be published.
 */
export function ScriptEditor({ script, onDone }: { script: KbScript | null; onDone: (published: KbScript | null) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const dispatch = useAppDispatch();
  const [title, setTitle] = useState(script?.title ?? '');
  const [services, setServices] = useState(script?.serviceCodes.join(', ') ?? '');
  const [steps, setSteps] = useState<ScriptStep[]>(script?.steps ?? [{ id: 'sakums', kind: 'question', text: '', choices: [] }, blankStep(2)]);
  const [start, setStart] = useState(script?.start ?? 'sakums');
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const id = useRef(script?.id ?? crypto.randomUUID());
  useEffect(() => heading.current?.focus(), []);

  const tidied = steps.map(tidy);
  const problems = tidied.some((s) => !s.text.trim() || !s.id) ? [] : scriptProblems(start, tidied);
  const change = (i: number, patch: Partial<ScriptStep>) => setSteps(steps.map((s, n) => (n === i ? { ...s, ...patch } : s)));
  const ids = steps.map((s) => s.id);

  async function publish() {
    const result = await client.invoke('kb.publishScript', {
      id: id.current,
      baseVersion: script?.version ?? 0,
      title,
      serviceCodes: services
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      start,
      steps: tidied,
    });
    if (!result.ok) return setError(errorText(t, result.error));
    dispatch(actions.announced(t('knowledge.scriptEditor.published')));
    onDone(result.data);
  }

  const stepTarget = (value: string | null | undefined, onChange: (next: string) => void, label: string, htmlId: string) => (
    <div className="field">
      <label htmlFor={htmlId}>{label}</label>
      <select id={htmlId} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('knowledge.scriptEditor.none')}</option>
        {ids.map((sid) => (
          <option key={sid} value={sid}>
            {sid}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <form
      className="script-editor"
      aria-labelledby="script-editor-title"
      onSubmit={(e) => {
        e.preventDefault();
        void publish();
      }}
    >
      <h2 id="script-editor-title" ref={heading} tabIndex={-1}>
        {script ? t('knowledge.scriptEditor.editTitle') : t('knowledge.scriptEditor.newTitle')}
      </h2>
      <label htmlFor="se-title">{t('knowledge.scriptEditor.title')}</label>
      <input id="se-title" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={300} />
      <label htmlFor="se-services">{t('knowledge.scriptEditor.services')}</label>
      <input id="se-services" value={services} onChange={(e) => setServices(e.target.value)} />
      {stepTarget(start, setStart, t('knowledge.scriptEditor.start'), 'se-start')}
      <h3>{t('knowledge.scriptEditor.steps')}</h3>
      {steps.map((step, i) => (
        <fieldset key={i} className="script-step-editor">
          <legend>{t('knowledge.scriptEditor.stepHeading', { n: i + 1, id: step.id })}</legend>
          <label htmlFor={`se-${i}-id`}>{t('knowledge.scriptEditor.stepId')}</label>
          <input id={`se-${i}-id`} value={step.id} onChange={(e) => change(i, { id: e.target.value })} required maxLength={80} />
          <label htmlFor={`se-${i}-kind`}>{t('knowledge.scriptEditor.kind')}</label>
          <select id={`se-${i}-kind`} value={step.kind} onChange={(e) => change(i, { kind: e.target.value as ScriptStep['kind'] })}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`knowledge.scripts.kinds.${k}`)}
              </option>
            ))}
          </select>
          <label htmlFor={`se-${i}-text`}>{t('knowledge.scriptEditor.text')}</label>
          <textarea id={`se-${i}-text`} rows={2} value={step.text} onChange={(e) => change(i, { text: e.target.value })} required maxLength={4000} />
          <label htmlFor={`se-${i}-article`}>{t('knowledge.scriptEditor.articleId')}</label>
          <input id={`se-${i}-article`} value={step.articleId ?? ''} onChange={(e) => change(i, { articleId: e.target.value })} />
          {step.kind === 'question' && (
            <fieldset>
              <legend>{t('knowledge.scriptEditor.choices')}</legend>
              {(step.choices ?? []).map((c, n) => (
                <div key={n} className="choice-row">
                  <label htmlFor={`se-${i}-c${n}`}>{t('knowledge.scriptEditor.choiceLabel')}</label>
                  <input
                    id={`se-${i}-c${n}`}
                    value={c.label}
                    onChange={(e) => change(i, { choices: (step.choices ?? []).map((x, m) => (m === n ? { ...x, label: e.target.value } : x)) })}
                    required
                  />
                  {stepTarget(c.next, (next) => change(i, { choices: (step.choices ?? []).map((x, m) => (m === n ? { ...x, next } : x)) }), t('knowledge.scriptEditor.choiceNext'), `se-${i}-c${n}-next`)}
                  <button type="button" onClick={() => change(i, { choices: (step.choices ?? []).filter((_, m) => m !== n) })}>
                    {t('knowledge.scriptEditor.removeChoice')}
                  </button>
                </div>
              ))}
              <button type="button" onClick={() => change(i, { choices: [...(step.choices ?? []), { label: '', next: '' }] })}>
                {t('knowledge.scriptEditor.addChoice')}
              </button>
            </fieldset>
          )}
          {(step.kind === 'info' || step.kind === 'record') && stepTarget(step.next, (next) => change(i, { next }), t('knowledge.scriptEditor.next'), `se-${i}-next`)}
          {step.kind === 'end' && (
            <div className="field">
              <label htmlFor={`se-${i}-outcome`}>{t('knowledge.scriptEditor.outcome')}</label>
              <select id={`se-${i}-outcome`} value={step.outcome ?? 'informed'} onChange={(e) => change(i, { outcome: e.target.value as ScriptStep['outcome'] })}>
                {consultationOutcomes.map((o) => (
                  <option key={o} value={o}>
                    {t(`outcomes.${o}`)}
                  </option>
                ))}
              </select>
            </div>
          )}
          <button type="button" onClick={() => setSteps(steps.filter((_, n) => n !== i))} disabled={steps.length < 2}>
            {t('knowledge.scriptEditor.removeStep')}
          </button>
        </fieldset>
      ))}
      <button type="button" onClick={() => setSteps([...steps, blankStep(steps.length + 1)])}>
        {t('knowledge.scriptEditor.addStep')}
      </button>
      {problems.length > 0 && (
        <section aria-labelledby="se-problems" className="notice">
          <h3 id="se-problems">{t('knowledge.scriptEditor.problems')}</h3>
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </section>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={problems.length > 0}>
          {t('knowledge.scriptEditor.publish')}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          {t('knowledge.scriptEditor.cancel')}
        </button>
      </div>
    </form>
  );
}
