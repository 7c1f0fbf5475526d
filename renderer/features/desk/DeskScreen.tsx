import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceSummary } from '../../../preload/contract';
import { SEARCH_INPUT_ID } from '../../app/Shell';
import { ConsultationForm, type ConsultationFormHandle } from './ConsultationForm';
import { ServiceSearch } from './ServiceSearch';
import { TodayList } from './TodayList';

/** The clerk's first screen: find the service, log the consultation, see today's work. */
export function DeskScreen() {
  const { t } = useTranslation();
  const [service, setService] = useState<ServiceSummary | null>(null);
  const form = useRef<ConsultationFormHandle>(null);
  return (
    <div className="desk">
      <h1>{t('desk.title')}</h1>
      <div className="desk-columns">
        <ServiceSearch
          onChoose={(s) => {
            setService(s);
            form.current?.focusFirst();
          }}
        />
        <ConsultationForm
          ref={form}
          service={service}
          onClearService={() => {
            setService(null);
            document.getElementById(SEARCH_INPUT_ID)?.focus();
          }}
          onSaved={() => {
            setService(null);
            document.getElementById(SEARCH_INPUT_ID)?.focus();
          }}
        />
      </div>
      <TodayList />
    </div>
  );
}
