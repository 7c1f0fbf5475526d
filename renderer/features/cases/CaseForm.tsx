import { forwardRef, useImperativeHandle, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, FormFieldSpec, FormValues } from '../../../preload/contract';
import { useApp, useClient } from '../../app/hooks';
import { ActionError } from './ActionError';
import { formIssues, toFieldInput, toFieldInputs, toFormValues, type FieldInput } from './format';
import { useAction } from './hooks';

export interface CaseFormHandle {
  /** Saves unsaved edits first, so submitting sends what the clerk sees; false when saving failed. */
  saveIfChanged(): Promise<boolean>;
}

interface Props {
  detail: CaseDetail;
  editable: boolean;
  onSaved(detail: CaseDetail): void;
}

/**
 * The service's own form, generated from its definition. Until the clerk edits it, it follows the
 * stored form (a colleague's or the platform's change shows up); once edited, the clerk's input
 * stays until it is saved.
 */
export const CaseForm = forwardRef<CaseFormHandle, Props>(function CaseForm({ detail, editable, onSaved }, ref) {
  const { t } = useTranslation();
  const client = useClient();
  const locale = useApp((s) => s.locale);
  const fields = detail.formFields;
  const [inputs, setInputs] = useState(() => toFieldInputs(fields, detail.form, locale));
  const [changed, setChanged] = useState(false);
  const [seenForm, setSeenForm] = useState(detail.form);
  const action = useAction();
  if (seenForm !== detail.form) {
    setSeenForm(detail.form);
    if (!changed) setInputs(toFieldInputs(fields, detail.form, locale));
  }

  async function save(): Promise<boolean> {
    if (action.busy) return false;
    const saved = await action.run(
      () => client.invoke('cases.update', { id: detail.id, form: toFormValues(fields, inputs) }),
      () => t('caseWork.draftSaved'),
    );
    if (!saved.ok) return false;
    setChanged(false);
    setSeenForm(saved.data.form);
    setInputs(toFieldInputs(fields, saved.data.form, locale));
    onSaved(saved.data);
    return true;
  }
  useImperativeHandle(ref, () => ({ saveIfChanged: () => (changed ? save() : Promise.resolve(true)) }));

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void save();
  }

  // Ctrl+S as in any editor; the browser's own "save page" would be no use here.
  function onKeyDown(e: KeyboardEvent) {
    if ((e.ctrlKey || e.metaKey) && e.code === 'KeyS') {
      e.preventDefault();
      void save();
    }
  }

  const issues = formIssues(action.error);
  return (
    <section className="case-section" aria-labelledby="case-form-title">
      <h3 id="case-form-title">{t('caseWork.formTitle')}</h3>
      {fields.length === 0 ? (
        <p className="muted">{t('caseWork.noFields')}</p>
      ) : !editable ? (
        <ReadOnlyForm fields={fields} form={detail.form} />
      ) : (
        <form className="case-form" onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate>
          <p className="hint">{t('caseWork.requiredHint')}</p>
          {fields.map((f) => (
            <Field
              key={f.key}
              field={f}
              value={inputs[f.key] ?? (f.type === 'checkbox' ? false : '')}
              error={issues[f.key]}
              onChange={(v) => {
                setInputs((all) => ({ ...all, [f.key]: v }));
                setChanged(true);
              }}
            />
          ))}
          <ActionError error={action.error} />
          <div className="case-actions">
            <button type="submit" disabled={action.busy} aria-keyshortcuts="Control+S">
              {t('caseWork.saveDraft')} <kbd aria-hidden="true">{t('caseWork.saveDraftHint')}</kbd>
            </button>
            {changed && <span className="muted">{t('caseWork.unsaved')}</span>}
          </div>
        </form>
      )}
      {!editable && fields.length > 0 && <p className="hint">{t('caseWork.readOnly')}</p>}
    </section>
  );
});

const controlId = (key: string) => `case-field-${key}`;

function Field({ field, value, error, onChange }: { field: FormFieldSpec; value: FieldInput; error: string | undefined; onChange(value: FieldInput): void }) {
  const { t } = useTranslation();
  const id = controlId(field.key);
  const errorId = `${id}-error`;
  const common = {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
    'aria-required': field.required || undefined,
  };
  // The star is for the eye, outside the label so the field's name stays exactly the catalogue's
  // label; aria-required tells a screen reader.
  const marker = field.required && (
    <span aria-hidden="true" className="case-required">
      *
    </span>
  );

  if (field.type === 'checkbox') {
    return (
      <div className="field case-check">
        <div className="case-label-row">
          <label htmlFor={id}>
            <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
            {field.label}
          </label>
          {marker}
        </div>
        {error && (
          <p id={errorId} className="error">
            {error}
          </p>
        )}
      </div>
    );
  }
  const text = String(value);
  return (
    <div className="field">
      <div className="case-label-row">
        <label htmlFor={id}>{field.label}</label>
        {marker}
      </div>
      {field.type === 'select' ? (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('caseWork.chooseOption')}</option>
          {(field.options ?? []).map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          type={field.type === 'date' ? 'date' : 'text'}
          inputMode={field.type === 'number' ? 'decimal' : undefined}
          autoComplete="off"
          spellCheck={field.type === 'text'}
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {error && (
        <p id={errorId} className="error">
          {error}
        </p>
      )}
    </div>
  );
}

/** A submitted form as the clerk reads it back to the client: label and value, nothing to click. */
function ReadOnlyForm({ fields, form }: { fields: FormFieldSpec[]; form: FormValues }) {
  const { t } = useTranslation();
  const locale = useApp((s) => s.locale);
  return (
    <dl className="case-facts">
      {fields.map((f) => {
        const shown = toFieldInput(f, form[f.key], locale);
        return (
          <div key={f.key} className="case-fact">
            <dt>{f.label}</dt>
            <dd>{typeof shown === 'boolean' ? (shown ? t('caseWork.yes') : t('caseWork.no')) : shown || t('caseWork.notFilled')}</dd>
          </div>
        );
      })}
    </dl>
  );
}
