import { forwardRef, useImperativeHandle, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, ConsultationOutcome, ContractError, ServiceSummary } from '../../../preload/contract';
import { errorText, fieldErrors } from '../../app/errors';
import { useAppDispatch, useClient } from '../../app/hooks';
import { actions } from '../../app/store';
import { ChannelField, OutcomeField } from './ChoiceFields';

export interface ConsultationFormHandle {
  focusFirst(): void;
}

interface Props {
  service: ServiceSummary | null;
  onClearService(): void;
  onSaved(): void;
}

/** A consultation in a few keystrokes: every field has a sensible default except the note. */
export const ConsultationForm = forwardRef<ConsultationFormHandle, Props>(function ConsultationForm({ service, onClearService, onSaved }, ref) {
  const { t } = useTranslation();
  const client = useClient();
  const dispatch = useAppDispatch();
  const [channel, setChannel] = useState<Channel>('in_person');
  const [clientKind, setClientKind] = useState<'anonymous' | 'phone'>('anonymous');
  const [phone, setPhone] = useState('');
  const [outcome, setOutcome] = useState<ConsultationOutcome>('informed');
  const [note, setNote] = useState('');
  const [error, setError] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);
  const channelRef = useRef<HTMLSelectElement>(null);
  useImperativeHandle(ref, () => ({ focusFirst: () => channelRef.current?.focus() }));

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await client.invoke('consultations.register', {
      serviceCode: service?.code ?? null,
      channel,
      client: clientKind === 'phone' ? { kind: 'phone', phone } : { kind: 'anonymous' },
      outcome,
      note,
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      dispatch(actions.announced(errorText(t, result.error)));
      return;
    }
    setError(null);
    setClientKind('anonymous');
    setPhone('');
    setOutcome('informed');
    setNote('');
    dispatch(actions.announced(t('consultation.saved')));
    onSaved();
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
    }
  }

  const fields = fieldErrors(t, error);
  const phoneError = fields['client.phone'];
  const serviceError = fields.serviceCode;
  return (
    <form className="consultation" onSubmit={(e) => void submit(e)} onKeyDown={onKeyDown} noValidate aria-labelledby="consultation-title">
      <h2 id="consultation-title">{t('consultation.title')}</h2>
      <div className="field">
        <span className="label" id="chosen-service-label">
          {t('consultation.service')}
        </span>
        <p className="chosen" aria-labelledby="chosen-service-label">
          {service ? (
            <>
              <strong>{service.code}</strong> {service.name} <span className="muted">({service.owner.name})</span>{' '}
              <button type="button" className="link-button" onClick={onClearService}>
                {t('consultation.clearService')}
              </button>
            </>
          ) : (
            <span className="muted">{t('consultation.noService')}</span>
          )}
        </p>
        {serviceError && <p className="error">{serviceError}</p>}
      </div>
      <div className="row">
        <ChannelField id="consultation-channel" selectRef={channelRef} value={channel} onChange={setChannel} />
        <OutcomeField id="consultation-outcome" value={outcome} onChange={setOutcome} />
      </div>
      <fieldset className="field">
        <legend>{t('consultation.client')}</legend>
        <label className="radio">
          <input type="radio" name="client-kind" checked={clientKind === 'anonymous'} onChange={() => setClientKind('anonymous')} />
          {t('consultation.anonymous')}
        </label>
        <label className="radio">
          <input type="radio" name="client-kind" checked={clientKind === 'phone'} onChange={() => setClientKind('phone')} />
          {t('consultation.byPhone')}
        </label>
        {clientKind === 'phone' && (
          <div className="field">
            <label htmlFor="consultation-phone">{t('consultation.phone')}</label>
            <input
              id="consultation-phone"
              type="tel"
              inputMode="tel"
              autoComplete="off"
              value={phone}
              onChange={(e) => setPhone(e.target.value)}
              aria-invalid={phoneError ? true : undefined}
              aria-describedby={phoneError ? 'consultation-phone-error' : 'consultation-phone-hint'}
            />
            {phoneError ? (
              <p id="consultation-phone-error" className="error">
                {phoneError}
              </p>
            ) : (
              <p id="consultation-phone-hint" className="hint">
                {t('consultation.phoneHint')}
              </p>
            )}
          </div>
        )}
      </fieldset>
      <div className="field">
        <label htmlFor="consultation-note">{t('consultation.note')}</label>
        <textarea id="consultation-note" rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      {error && !phoneError && !serviceError && (
        <p className="error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {t('consultation.submit')} <kbd aria-hidden="true">{t('consultation.submitHint')}</kbd>
      </button>
    </form>
  );
});
