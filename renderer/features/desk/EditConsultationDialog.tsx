import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, Consultation, ConsultationChanges, ConsultationOutcome, ContractError } from '../../../preload/contract';
import { Dialog } from '../../app/Dialog';
import { ChannelField, OutcomeField } from './ChoiceFields';
import { errorText, fieldErrors } from '../../app/errors';
import { useApp, useAppDispatch, useClient } from '../../app/hooks';
import { actions } from '../../app/store';
import { formatTime } from '../../i18n/format';

/**
 * Corrects a registered consultation: outcome, channel and note. Only the fields the clerk changed
 * are sent, so a colleague's edit of another field merges instead of conflicting.
 */
export function EditConsultationDialog({ consultation, onClose }: { consultation: Consultation; onClose(): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const dispatch = useAppDispatch();
  const locale = useApp((s) => s.locale);
  const [outcome, setOutcome] = useState<ConsultationOutcome>(consultation.outcome);
  const [channel, setChannel] = useState<Channel>(consultation.channel);
  const [note, setNote] = useState(consultation.note);
  const [error, setError] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (busy) return;
    const changes: ConsultationChanges = {};
    if (outcome !== consultation.outcome) changes.outcome = outcome;
    if (channel !== consultation.channel) changes.channel = channel;
    if (note.trim() !== consultation.note) changes.note = note;
    if (Object.keys(changes).length === 0) {
      dispatch(actions.announced(t('edit.unchanged')));
      onClose();
      return;
    }
    setBusy(true);
    const result = await client.invoke('consultations.update', { id: consultation.id, changes });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      dispatch(actions.announced(errorText(t, result.error)));
      return;
    }
    dispatch(actions.announced(t('edit.saved')));
    onClose();
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
    }
  }

  const noteError = fieldErrors(t, error)['changes.note'];
  const service = consultation.service ? `${consultation.service.code} ${consultation.service.name}` : t('consultation.noService');
  return (
    <Dialog titleId="edit-consultation-title" onClose={onClose}>
      <form className="consultation-edit" onSubmit={(e) => void save(e)} onKeyDown={onKeyDown} noValidate>
        <h2 id="edit-consultation-title">{t('edit.title')}</h2>
        <p id="edit-consultation-subtitle" className="muted">
          {t('edit.subtitle', { time: formatTime(consultation.createdAt, locale), service })}
        </p>
        <div className="row">
          <OutcomeField id="edit-consultation-outcome" autoFocus value={outcome} onChange={setOutcome} />
          <ChannelField id="edit-consultation-channel" value={channel} onChange={setChannel} />
        </div>
        <div className="field">
          <label htmlFor="edit-consultation-note">{t('consultation.note')}</label>
          <textarea
            id="edit-consultation-note"
            rows={4}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            aria-invalid={noteError ? true : undefined}
            aria-describedby={noteError ? 'edit-consultation-note-error' : undefined}
          />
          {noteError && (
            <p id="edit-consultation-note-error" className="error">
              {noteError}
            </p>
          )}
        </div>
        {error && !noteError && (
          <p className="error" role="alert">
            {errorText(t, error)}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('edit.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {t('edit.save')} <kbd aria-hidden="true">{t('edit.saveHint')}</kbd>
          </button>
        </div>
      </form>
    </Dialog>
  );
}
