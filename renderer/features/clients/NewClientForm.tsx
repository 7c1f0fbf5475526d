import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientDetail, ClientSummary, ContractError, NewClient } from '../../../preload/contract';
import { errorText, fieldErrors } from '../../app/errors';
import { useAppDispatch, useClient } from '../../app/hooks';
import { actions } from '../../app/store';
import { clientName } from './names';

const fields = ['personalCode', 'firstName', 'lastName', 'phone', 'email'] as const;
type Field = (typeof fields)[number];

/**
 * Registering a client, also offline. Before saving, likely duplicates (same code, name, phone or
 * e-mail) are shown, so the same person does not get a second record by a typo in one field.
 */
export function NewClientForm({ onSaved, onOpenExisting, onCancel }: { onSaved(client: ClientDetail): void; onOpenExisting(client: ClientSummary): void; onCancel(): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const dispatch = useAppDispatch();
  const [values, setValues] = useState<Record<Field, string>>({ personalCode: '', firstName: '', lastName: '', phone: '', email: '' });
  const [duplicates, setDuplicates] = useState<ClientSummary[] | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);
  const input = (): NewClient => ({
    personalCode: values.personalCode.trim() || null,
    firstName: values.firstName.trim() || null,
    lastName: values.lastName.trim() || null,
    phone: values.phone.trim() || null,
    email: values.email.trim() || null,
  });

  async function save(e?: FormEvent, anyway = false) {
    e?.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      if (!anyway) {
        const found = await client.invoke('clients.duplicates', input());
        if (!found.ok) return setError(found.error);
        if (found.data.length > 0) return setDuplicates(found.data);
      }
      const saved = await client.invoke('clients.create', input());
      if (!saved.ok) {
        setError(saved.error);
        dispatch(actions.announced(errorText(t, saved.error)));
        return;
      }
      dispatch(actions.announced(t('clients.saved')));
      onSaved(saved.data);
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
    } else if (e.key === 'Escape') onCancel();
  }

  const problems = fieldErrors(t, error);
  return (
    <form className="new-client" onSubmit={(e) => void save(e)} onKeyDown={onKeyDown} noValidate aria-labelledby="new-client-title">
      <h2 id="new-client-title">{t('clients.newClientTitle')}</h2>
      {fields.map((f, i) => (
        <div className="field" key={f}>
          <label htmlFor={`new-client-${f}`}>{t(`clients.${f}`)}</label>
          <input
            id={`new-client-${f}`}
            autoFocus={i === 0}
            type={f === 'email' ? 'email' : f === 'phone' ? 'tel' : 'text'}
            autoComplete="off"
            value={values[f]}
            onChange={(e) => {
              setValues({ ...values, [f]: e.target.value });
              setDuplicates(null);
            }}
            aria-invalid={problems[f] ? true : undefined}
            aria-describedby={f === 'personalCode' ? 'new-client-code-hint' : undefined}
          />
          {f === 'personalCode' && (
            <p id="new-client-code-hint" className="hint">
              {t('clients.personalCodeHint')}
            </p>
          )}
        </div>
      ))}
      {error && (
        <p className="error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      {duplicates && (
        <section className="duplicates" role="alert" aria-labelledby="duplicates-title">
          <h3 id="duplicates-title">{t('clients.duplicatesTitle')}</h3>
          <p>{t('clients.duplicatesIntro')}</p>
          <ul>
            {duplicates.map((d) => (
              <li key={d.id}>
                <button type="button" className="link-button" onClick={() => onOpenExisting(d)}>
                  {clientName(d)} {d.personalCodeMasked ?? ''}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => void save(undefined, true)} disabled={busy}>
            {t('clients.saveAnyway')}
          </button>
        </section>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('clients.save')} <kbd aria-hidden="true">{t('clients.saveHint')}</kbd>
        </button>
        <button type="button" onClick={onCancel}>
          {t('clients.cancel')}
        </button>
      </div>
    </form>
  );
}
