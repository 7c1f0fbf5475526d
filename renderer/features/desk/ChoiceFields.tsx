import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { channels, consultationOutcomes, type Channel, type ConsultationOutcome } from '../../../preload/contract';

interface FieldProps<T> {
  id: string;
  value: T;
  onChange(value: T): void;
  selectRef?: Ref<HTMLSelectElement>;
  autoFocus?: boolean;
}

/** The channel a client came through, labelled and translated the same on every form. */
export function ChannelField({ id, value, onChange, selectRef, autoFocus = false }: FieldProps<Channel>) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{t('consultation.channel')}</label>
      <select id={id} ref={selectRef} data-autofocus={autoFocus || undefined} value={value} onChange={(e) => onChange(e.target.value as Channel)}>
        {channels.map((c) => (
          <option key={c} value={c}>
            {t(`channels.${c}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** How a consultation ended. */
export function OutcomeField({ id, value, onChange, selectRef, autoFocus = false }: FieldProps<ConsultationOutcome>) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{t('consultation.outcome')}</label>
      <select id={id} ref={selectRef} data-autofocus={autoFocus || undefined} value={value} onChange={(e) => onChange(e.target.value as ConsultationOutcome)}>
        {consultationOutcomes.map((o) => (
          <option key={o} value={o}>
            {t(`outcomes.${o}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
