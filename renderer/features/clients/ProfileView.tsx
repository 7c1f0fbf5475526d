import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, ClientProfile, ContractError } from '../../../preload/contract';
import { errorText } from '../../app/errors';
import { useApp, useAppDispatch, useClient } from '../../app/hooks';
import { actions } from '../../app/store';
import { formatDateTime, formatMoney } from '../../i18n/format';
import { clientName } from './names';

/** The 360 view: base data, every case and consultation as one timeline, invoices and their payments. */
export function ProfileView({ profile, onBack }: { profile: ClientProfile; onBack(): void }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const locale = useApp((s) => s.locale);
  const roles = useApp((s) => s.session?.user.roles ?? []);
  const heading = useRef<HTMLHeadingElement>(null);
  const { client } = profile;
  const name = clientName(client);
  useEffect(() => heading.current?.focus(), [client.id]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof Element && e.target.closest('input, textarea, select, [role="dialog"]')) return;
      if (e.key === 'Escape') onBack();
      else if (e.altKey && e.code === 'KeyN') {
        e.preventDefault();
        dispatch(actions.applicationStarted({ clientId: client.id, clientName: name }));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [client.id, name, dispatch, onBack]);

  return (
    <section className="profile" aria-labelledby="profile-title">
      <h2 id="profile-title" ref={heading} tabIndex={-1}>
        {t('clients.profileTitle')}: {name}
      </h2>
      {profile.source === 'desk' && (
        <p className="notice" role="status">
          {t('clients.profileOffline')}
        </p>
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={() => dispatch(actions.applicationStarted({ clientId: client.id, clientName: name }))}>
          {t('clients.newApplication')} <kbd aria-hidden="true">Alt+N</kbd>
        </button>
        <button type="button" onClick={() => dispatch(actions.quickConsultationOpened({ client: { id: client.id, name } }))}>
          {t('clients.logConsultation')}
        </button>
        <button type="button" onClick={onBack}>
          {t('clients.back')}
        </button>
      </div>
      <h3>{t('clients.baseData')}</h3>
      <dl className="facts">
        <dt>{t('clients.personalCode')}</dt>
        <dd>{client.personalCode ?? t('clients.partlyIdentified')}</dd>
        <dt>{t('clients.phone')}</dt>
        <dd>{client.phone ?? t('clients.notGiven')}</dd>
        <dt>{t('clients.email')}</dt>
        <dd>{client.email ?? t('clients.notGiven')}</dd>
        <dt>{t('clients.bankAccount')}</dt>
        <dd>{client.bankAccount ?? t('clients.notGiven')}</dd>
      </dl>
      <h3 id="timeline-title">{t('clients.timeline')}</h3>
      {profile.timeline.length === 0 ? (
        <p className="muted">{t('clients.timelineEmpty')}</p>
      ) : (
        <table className="timeline" aria-labelledby="timeline-title">
          <thead>
            <tr>
              <th scope="col">{t('clients.columns.when')}</th>
              <th scope="col">{t('clients.columns.kind')}</th>
              <th scope="col">{t('clients.columns.what')}</th>
              <th scope="col">{t('clients.columns.channel')}</th>
              <th scope="col">{t('clients.columns.state')}</th>
            </tr>
          </thead>
          <tbody>
            {profile.timeline.map((e) => (
              <tr key={e.id}>
                <td>{formatDateTime(e.at, locale)}</td>
                <td>{e.kind === 'case' ? t('clients.kindCase') : t('clients.kindConsultation')}</td>
                <td>
                  {e.kind === 'case' && e.caseNumber ? (
                    <button type="button" className="link-button" onClick={() => dispatch(actions.caseOpened(e.id))}>
                      {e.caseNumber}
                    </button>
                  ) : null}{' '}
                  {e.service ? e.service.name : '—'}
                </td>
                <td>{t(`channels.${e.channel}`)}</td>
                <td>{e.status ? t(`caseWork.status.${e.status}`) : e.outcome ? t(`outcomes.${e.outcome}`) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t('clients.invoices')}</h3>
      {profile.invoices.length === 0 ? (
        <p className="muted">{t('clients.invoicesEmpty')}</p>
      ) : (
        <ul className="invoices">
          {profile.invoices.map((i) => (
            <li key={i.id}>
              <strong>{i.number}</strong> {formatMoney(i.amountCents, locale)} — {t(`clients.invoiceStatus.${i.status}`)}
              {i.paidCents > 0 && i.status !== 'paid' && <> ({t('clients.paid', { amount: formatMoney(i.paidCents, locale) })})</>}
            </li>
          ))}
        </ul>
      )}
      {(roles.includes('supervisor') || roles.includes('admin')) && <AuditList clientId={client.id} />}
    </section>
  );
}

/** For a supervisor: who opened this profile, when and why (from the platform's audit log). */
function AuditList({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const locale = useApp((s) => s.locale);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  async function load() {
    const result = await client.invoke('audit.clientAccess', { clientId });
    if (result.ok) setEntries(result.data.filter((e) => e.action === 'client.profile'));
    else setError(result.error);
  }
  return (
    <section aria-labelledby="audit-title">
      <h3 id="audit-title">{t('clients.auditTitle')}</h3>
      {entries === null ? (
        <button type="button" onClick={() => void load()}>
          {t('clients.auditShow')}
        </button>
      ) : entries.length === 0 ? (
        <p className="muted">{t('clients.auditEmpty')}</p>
      ) : (
        <table className="audit" aria-labelledby="audit-title">
          <thead>
            <tr>
              <th scope="col">{t('clients.columns.when')}</th>
              <th scope="col">{t('clients.columns.who')}</th>
              <th scope="col">{t('clients.columns.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e, i) => (
              <tr key={i}>
                <td>{formatDateTime(e.at, locale)}</td>
                <td>{e.userName ?? '—'}</td>
                <td>{e.reason ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && (
        <p className="error" role="alert">
          {errorText(t, error)}
        </p>
      )}
    </section>
  );
}
