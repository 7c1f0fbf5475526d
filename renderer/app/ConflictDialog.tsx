import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncConflict } from '../../preload/contract';
import { formatDateTime } from '../i18n/format';
import { fieldLabel, valueText } from './conflict-text';
import { Dialog } from './Dialog';
import { errorText } from './errors';
import { useApp, useClient } from './hooks';

type Choice = 'mine' | 'theirs';

/**
 * One conflict side by side: per field, what this desk wanted and what the platform holds now, and
 * a radio group to pick which stays. The platform's side is re-read whenever the desk syncs, so the
 * clerk always decides against the newest state the desk has.
 */
export function ConflictDialog({ conflict: initial, onClose, onResolved }: { conflict: SyncConflict; onClose(): void; onResolved(): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const locale = useApp((s) => s.locale);
  const [conflict, setConflict] = useState(initial);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const mutationId = initial.mutationId;

  useEffect(() => {
    const reload = () => void client.invoke('sync.conflict', { mutationId }).then((r) => r.ok && setConflict(r.data));
    const offStatus = client.on('status.changed', reload);
    const offRows = client.on('consultations.changed', reload);
    return () => {
      offStatus();
      offRows();
    };
  }, [client, mutationId]);

  const fields = conflict.fields;
  const radioName = (i: number) => `conflict-choice-${i}`;
  const choose = (field: string, choice: Choice) => setChoices((c) => ({ ...c, [field]: choice }));
  function chooseAll(choice: Choice) {
    setChoices(Object.fromEntries(fields.map((f) => [f.field, choice])));
    setMessage(null);
  }

  async function save() {
    if (busy) return;
    const unset = fields.findIndex((f) => !choices[f.field]);
    if (unset >= 0) {
      setMessage(t('conflict.chooseAll'));
      document.querySelector<HTMLInputElement>(`input[name="${radioName(unset)}"]`)?.focus();
      return;
    }
    setBusy(true);
    const result = await client.invoke('sync.resolveConflict', {
      mutationId,
      choices: Object.fromEntries(fields.map((f) => [f.field, choices[f.field] ?? 'theirs'])),
    });
    setBusy(false);
    if (!result.ok) {
      setMessage(errorText(t, result.error));
      return;
    }
    onResolved();
  }

  const name = t(`outbox.names.${conflict.name.replaceAll('.', '_')}`, { defaultValue: conflict.name });
  const value = (field: string, v: unknown) => {
    const text = valueText(t, field, v);
    return text === null ? (
      <>
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">{t('conflict.empty')}</span>
      </>
    ) : (
      <span className="value">{text}</span>
    );
  };

  return (
    <Dialog titleId="conflict-title" onClose={onClose} wide>
      <h2 id="conflict-title">{t('conflict.title')}</h2>
      <p className="muted">{t('conflict.change', { name, when: formatDateTime(conflict.at, locale) })}</p>
      <p>{t('conflict.intro')}</p>
      {fields.length === 0 ? (
        <p>{t('conflict.nothing')}</p>
      ) : (
        <table className="conflict">
          <caption className="visually-hidden">{t('conflict.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('conflict.field')}</th>
              <th scope="col">{t('conflict.mine')}</th>
              <th scope="col">{t('conflict.theirs')}</th>
              <th scope="col">{t('conflict.choice')}</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((f, i) => {
              const label = fieldLabel(t, f.field);
              return (
                <tr key={f.field}>
                  <th scope="row">{label}</th>
                  <td id={`conflict-mine-${i}`}>{value(f.field, f.mine)}</td>
                  <td id={`conflict-theirs-${i}`}>{value(f.field, f.theirs)}</td>
                  <td>
                    <fieldset className="choice">
                      <legend className="visually-hidden">{t('conflict.choiceLegend', { field: label })}</legend>
                      <label className="radio">
                        <input
                          type="radio"
                          name={radioName(i)}
                          value="mine"
                          data-autofocus={i === 0 ? true : undefined}
                          checked={choices[f.field] === 'mine'}
                          onChange={() => choose(f.field, 'mine')}
                          aria-describedby={`conflict-mine-${i}`}
                        />
                        {t('conflict.mine')}
                      </label>
                      <label className="radio">
                        <input
                          type="radio"
                          name={radioName(i)}
                          value="theirs"
                          checked={choices[f.field] === 'theirs'}
                          onChange={() => choose(f.field, 'theirs')}
                          aria-describedby={`conflict-theirs-${i}`}
                        />
                        {t('conflict.theirs')}
                      </label>
                    </fieldset>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {message && (
        <p className="error" role="alert">
          {message}
        </p>
      )}
      <div className="dialog-actions conflict-actions">
        {fields.length > 0 && (
          <>
            <button type="button" onClick={() => chooseAll('mine')}>
              {t('conflict.keepMine')}
            </button>
            <button type="button" onClick={() => chooseAll('theirs')}>
              {t('conflict.takeTheirs')}
            </button>
          </>
        )}
        <span className="spacer" />
        <button type="button" onClick={onClose}>
          {t('conflict.cancel')}
        </button>
        <button type="button" className="primary" aria-busy={busy || undefined} data-autofocus={fields.length === 0 ? true : undefined} onClick={() => void save()}>
          {t('conflict.save')}
        </button>
      </div>
    </Dialog>
  );
}
