import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientProfile, ClientSummary, ContractError } from '../../../preload/contract';
import { errorText } from '../../app/errors';
import { useAppDispatch, useClient } from '../../app/hooks';
import { actions } from '../../app/store';
import { ReferenceLookup } from '../invoices/ReferenceLookup';
import { ClientSearch, CLIENT_SEARCH_ID } from './ClientSearch';
import { clientName } from './names';
import { NewClientForm } from './NewClientForm';
import { ProfileView } from './ProfileView';
import { ReasonDialog } from './ReasonDialog';

type Mode = { kind: 'search' } | { kind: 'new' } | { kind: 'profile'; profile: ClientProfile };

/** Identify the client: find or register them, then open their profile with a stated reason. */
export function ClientsScreen() {
  const { t } = useTranslation();
  const client = useClient();
  const dispatch = useAppDispatch();
  const [mode, setMode] = useState<Mode>({ kind: 'search' });
  const [opening, setOpening] = useState<{ id: string; label: string } | null>(null);
  const [error, setError] = useState<ContractError | null>(null);

  // Alt+N registers a new client from the search; in a profile it starts an application instead.
  useEffect(() => {
    if (mode.kind !== 'search') return;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && e.code === 'KeyN' && !opening) {
        e.preventDefault();
        setMode({ kind: 'new' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [mode.kind, opening]);

  async function open(reason: string) {
    if (!opening) return;
    const result = await client.invoke('clients.openProfile', { clientId: opening.id, reason });
    setOpening(null);
    if (!result.ok) {
      setError(result.error);
      dispatch(actions.announced(errorText(t, result.error)));
      return;
    }
    setError(null);
    setMode({ kind: 'profile', profile: result.data });
  }

  const choose = (c: Pick<ClientSummary, 'id' | 'firstName' | 'lastName' | 'phone' | 'email' | 'personalCodeMasked'>) =>
    setOpening({ id: c.id, label: `${clientName(c)} ${c.personalCodeMasked ?? ''}`.trim() });

  return (
    <div className="clients">
      <h1>{t('clients.title')}</h1>
      {error && (
        <p className="error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      {mode.kind === 'search' && (
        <>
          <ClientSearch onChoose={choose} />
          <button type="button" onClick={() => setMode({ kind: 'new' })}>
            {t('clients.newClient')} <kbd aria-hidden="true">Alt+N</kbd>
          </button>
          <ReferenceLookup />
        </>
      )}
      {mode.kind === 'new' && (
        <NewClientForm
          onSaved={(c) => choose(c)}
          onOpenExisting={(c) => choose(c)}
          onCancel={() => {
            setMode({ kind: 'search' });
            setTimeout(() => document.getElementById(CLIENT_SEARCH_ID)?.focus());
          }}
        />
      )}
      {mode.kind === 'profile' && <ProfileView profile={mode.profile} onBack={() => setMode({ kind: 'search' })} />}
      {opening && <ReasonDialog clientLabel={opening.label} onOpen={(r) => void open(r)} onClose={() => setOpening(null)} />}
    </div>
  );
}
