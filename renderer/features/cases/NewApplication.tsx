import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, ServiceSummary } from '../../../preload/contract';
import { useApp, useAppDispatch, useClient } from '../../app/hooks';
import { SEARCH_INPUT_ID } from '../../app/Shell';
import { actions } from '../../app/store';
import { formatFee } from '../../i18n/format';
import { ChannelField } from '../desk/ChoiceFields';
import { ServiceSearch } from '../desk/ServiceSearch';
import { ActionError } from './ActionError';
import { useAction } from './hooks';
import { isCtrlEnter, typingOrInDialog } from './keys';

/**
 * Starting an application: the service and the channel make a draft, whose form (the service's own)
 * is then filled in in the case view. The draft is made on an explicit confirmation, not on the
 * service search's Enter, because each draft takes one of the desk's reserved case numbers.
 */
export function NewApplication({ clientId, clientName }: { clientId: string | null; clientName: string | null }) {
  const { t } = useTranslation();
  const client = useClient();
  const dispatch = useAppDispatch();
  const locale = useApp((s) => s.locale);
  const [service, setService] = useState<ServiceSummary | null>(null);
  const [channel, setChannel] = useState<Channel>('in_person');
  const action = useAction();
  const createButton = useRef<HTMLButtonElement>(null);

  useEffect(() => document.getElementById(SEARCH_INPUT_ID)?.focus(), []);
  useEffect(() => {
    if (service) createButton.current?.focus();
  }, [service]);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'Escape' && !typingOrInDialog(e.target)) dispatch(actions.applicationStarted(null));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dispatch]);

  async function create() {
    if (!service || action.busy) return;
    const result = await action.run(
      () => client.invoke('cases.create', { serviceCode: service.code, clientId, channel, form: {} }),
      (d) => t('caseWork.created', { number: d.caseNumber }),
    );
    if (result.ok) dispatch(actions.caseOpened(result.data.id));
  }

  function onKeyDown(e: KeyboardEvent) {
    if (isCtrlEnter(e)) {
      e.preventDefault();
      void create();
    }
  }

  return (
    // No <form>: Enter in the service search must choose a service, never create a draft.
    <section className="case-new" aria-labelledby="case-new-title" onKeyDown={onKeyDown}>
      <h2 id="case-new-title">{t('caseWork.newTitle')}</h2>
      <p>
        <span className="label">{t('caseWork.client')}</span> {clientName ?? <span className="muted">{t('caseWork.noClient')}</span>}
      </p>
      <ChannelField id="case-new-channel" value={channel} onChange={setChannel} />
      <ServiceSearch onChoose={setService} />
      <div className="field">
        <span className="label" id="case-new-service-label">
          {t('caseWork.service')}
        </span>
        <p aria-labelledby="case-new-service-label" aria-live="polite">
          {service ? (
            <>
              <strong>{service.code}</strong> {service.name} <span className="muted">({service.owner.name})</span> — {formatFee(service.fee, locale, t('caseWork.feeKind.free'))}
            </>
          ) : (
            <span className="muted">{t('caseWork.noService')}</span>
          )}
        </p>
      </div>
      <ActionError error={action.error} />
      <div className="case-actions">
        <button type="button" className="primary" ref={createButton} onClick={() => void create()} disabled={!service || action.busy}>
          {t('caseWork.create')} <kbd aria-hidden="true">{t('caseWork.createHint')}</kbd>
        </button>
        <button type="button" onClick={() => dispatch(actions.applicationStarted(null))}>
          {t('caseWork.cancel')}
        </button>
      </div>
    </section>
  );
}
