import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../app/Dialog';
import { clientsLv } from './strings';

const reasonKeys = ['application', 'consultation', 'consent', 'case', 'other'] as const;
type ReasonKey = (typeof reasonKeys)[number];

/**
 * Why the clerk opens a profile. The reason goes to the audit log in Latvian, whatever the screen's
 * language, so one audit reads the same for every supervisor.
 */
export function ReasonDialog({ clientLabel, onOpen, onClose }: { clientLabel: string; onOpen(reason: string): void; onClose(): void }) {
  const { t } = useTranslation();
  const [key, setKey] = useState<ReasonKey>('application');
  const [other, setOther] = useState('');
  const valid = key !== 'other' || other.trim().length >= 3;
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!valid) return;
    onOpen(key === 'other' ? other.trim() : clientsLv.reasons[key]);
  }
  return (
    <Dialog titleId="reason-title" onClose={onClose}>
      {/* Enter on the reason list opens the profile too: a select does not submit a form by itself. */}
      <form
        onSubmit={submit}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && e.target instanceof HTMLSelectElement) submit(e);
        }}
      >
        <h2 id="reason-title">{t('clients.reasonTitle')}</h2>
        <p>
          <strong>{clientLabel}</strong>
        </p>
        <p className="hint">{t('clients.reasonIntro')}</p>
        <div className="field">
          <label htmlFor="profile-reason">{t('clients.reason')}</label>
          <select id="profile-reason" data-autofocus value={key} onChange={(e) => setKey(e.target.value as ReasonKey)}>
            {reasonKeys.map((k) => (
              <option key={k} value={k}>
                {t(`clients.reasons.${k}`)}
              </option>
            ))}
          </select>
        </div>
        {key === 'other' && (
          <div className="field">
            <label htmlFor="profile-reason-other">{t('clients.otherReason')}</label>
            <input id="profile-reason-other" value={other} maxLength={500} onChange={(e) => setOther(e.target.value)} aria-invalid={!valid || undefined} />
          </div>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={!valid}>
            {t('clients.open')}
          </button>
          <button type="button" onClick={onClose}>
            {t('clients.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
