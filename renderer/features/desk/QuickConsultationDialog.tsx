import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, ConsultationOutcome, ContractError, ServiceSummary } from '../../../preload/contract';
import { Dialog } from '../../app/Dialog';
import { errorText } from '../../app/errors';
import { useAppDispatch, useClient } from '../../app/hooks';
import { actions } from '../../app/store';
import { useListNavigation } from '../../app/useListNavigation';
import { useSearchAsYouType } from '../../app/useSearchAsYouType';
import { ChannelField, OutcomeField } from './ChoiceFields';

/** What the clerk chose last time: the next consultation at a desk is usually about the same thing. */
let remembered: { service: ServiceSummary | null; channel: Channel; outcome: ConsultationOutcome } = { service: null, channel: 'in_person', outcome: 'informed' };

/**
 * Alt+K from anywhere: a consultation in a keystroke or two. Everything starts as last time, so a
 * repeat is just Ctrl+Enter; a different service is a few letters and Enter.
 */
export function QuickConsultationDialog({ forClient, onClose }: { forClient: { id: string; name: string } | null; onClose(): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const dispatch = useAppDispatch();
  const [service, setService] = useState<ServiceSummary | null>(remembered.service);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<ServiceSummary[] | null>(null);
  const [channel, setChannel] = useState<Channel>(remembered.channel);
  const [outcome, setOutcome] = useState<ConsultationOutcome>(remembered.outcome);
  const [note, setNote] = useState('');
  const [error, setError] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);

  useSearchAsYouType(query, (q) => client.invoke('catalogue.search', { query: q, limit: 6 }), (r) => setHits(r.ok ? r.data.items : []));
  const items = query.trim() ? (hits ?? []) : [];
  const list = useListNavigation(
    items,
    (s) => {
      setService(s);
      setQuery('');
      setHits(null);
    },
    { results: hits, enterTakesFirst: true },
  );

  async function save(e?: FormEvent) {
    e?.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await client.invoke('consultations.register', {
      serviceCode: service?.code ?? null,
      channel,
      client: forClient ? { kind: 'client', clientId: forClient.id } : { kind: 'anonymous' },
      outcome,
      note,
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    remembered = { service, channel, outcome };
    dispatch(actions.announced(t('consultation.saved')));
    onClose();
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
    }
  }

  return (
    <Dialog titleId="quick-consultation-title" onClose={onClose}>
      <form onSubmit={(e) => void save(e)} onKeyDown={onKeyDown} noValidate>
        <h2 id="quick-consultation-title">{t('quick.title')}</h2>
        {forClient && <p>{t('quick.forClient', { name: forClient.name })}</p>}
        <div className="field">
          <label htmlFor="quick-service">{t('consultation.service')}</label>
          <input
            id="quick-service"
            data-autofocus
            type="search"
            role="combobox"
            autoComplete="off"
            aria-expanded={items.length > 0}
            aria-controls="quick-service-results"
            aria-activedescendant={items[list.active] ? `quick-service-${list.active}` : undefined}
            aria-describedby="quick-service-chosen"
            value={query}
            placeholder={service ? `${service.code} ${service.name}` : t('consultation.noService')}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Backspace' && !query && service) setService(null);
              else list.onKeyDown(e);
            }}
          />
          <p id="quick-service-chosen" className="hint">
            {service ? t('quick.chosen', { service: `${service.code} ${service.name}` }) : t('consultation.noService')}
          </p>
          <ul id="quick-service-results" role="listbox" aria-label={t('desk.results')} className="results">
            {items.map((s, i) => (
              <li key={s.code} id={`quick-service-${i}`} role="option" aria-selected={i === list.active} className={i === list.active ? 'active' : undefined} onMouseDown={(e) => e.preventDefault()} onClick={() => setService(s)}>
                <span className="code">{s.code}</span> <span className="name">{s.name}</span>
              </li>
            ))}
          </ul>
        </div>
        <div className="row">
          <ChannelField id="quick-channel" value={channel} onChange={setChannel} />
          <OutcomeField id="quick-outcome" value={outcome} onChange={setOutcome} />
        </div>
        <div className="field">
          <label htmlFor="quick-note">{t('consultation.note')}</label>
          <textarea id="quick-note" rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        {error && (
          <p className="error" role="alert">
            {errorText(t, error)}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('consultation.submit')} <kbd aria-hidden="true">{t('consultation.submitHint')}</kbd>
          </button>
          <button type="button" onClick={onClose}>
            {t('quick.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
