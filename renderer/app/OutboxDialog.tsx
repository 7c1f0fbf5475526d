import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncConflict, SyncOverview } from '../../preload/contract';
import { formatDateTime } from '../i18n/format';
import { ConflictDialog } from './ConflictDialog';
import { fieldLabel } from './conflict-text';
import { Dialog } from './Dialog';
import { errorText } from './errors';
import { useApp, useAppDispatch, useClient } from './hooks';
import { actions } from './store';

/** Everything waiting to be sent, and every change the platform refused, with its reason. */
export function OutboxDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const dispatch = useAppDispatch();
  const locale = useApp((s) => s.locale);
  const [overview, setOverview] = useState<SyncOverview | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  /** The conflict being resolved: it takes the outbox's place until it closes. */
  const [conflict, setConflict] = useState<SyncConflict | null>(null);
  /** Where focus goes when the conflict screen closes without a resolution. */
  const [returnTo, setReturnTo] = useState<number | null>(null);

  const load = useCallback(() => void client.invoke('sync.overview', {}).then((r) => r.ok && setOverview(r.data)), [client]);
  useEffect(() => {
    load();
    return client.on('status.changed', load);
  }, [client, load]);

  // Back from the conflict screen: focus its "Atrisināt" button again (after the dialog's own autofocus).
  useEffect(() => {
    if (conflict || returnTo === null) return;
    document.getElementById(`resolve-${returnTo}`)?.focus();
  }, [conflict, returnTo]);

  const name = (n: string) => t(`outbox.names.${n.replaceAll('.', '_')}`, { defaultValue: n });
  async function syncNow() {
    const result = await client.invoke('sync.now', {});
    setMessage(result.ok ? null : errorText(t, result.error));
  }
  async function dismiss(mutationId: number) {
    const result = await client.invoke('sync.dismissFailure', { mutationId });
    setMessage(result.ok ? t('outbox.dismissed') : errorText(t, result.error));
  }
  async function openConflict(mutationId: number) {
    const result = await client.invoke('sync.conflict', { mutationId });
    if (!result.ok) {
      setMessage(errorText(t, result.error));
      load();
      return;
    }
    setMessage(null);
    setReturnTo(mutationId);
    setConflict(result.data);
  }
  function resolved(mutationId: number) {
    setConflict(null);
    setReturnTo(null);
    setOverview((o) => o && { ...o, failures: o.failures.filter((f) => f.mutationId !== mutationId) });
    setMessage(t('outbox.resolved'));
    dispatch(actions.announced(t('outbox.resolved')));
    load();
    void client.invoke('status.get', {}).then((r) => r.ok && dispatch(actions.statusChanged(r.data)));
  }

  if (conflict) {
    return <ConflictDialog conflict={conflict} onClose={() => setConflict(null)} onResolved={() => resolved(conflict.mutationId)} />;
  }

  return (
    <Dialog titleId="outbox-title" onClose={onClose}>
      <h2 id="outbox-title">{t('outbox.title')}</h2>
      {message && <p role="status">{message}</p>}
      {overview && (
        <>
          <h3>{t('outbox.failuresTitle')}</h3>
          {overview.failures.length === 0 ? (
            <p className="muted">{t('outbox.noFailures')}</p>
          ) : (
            <ul className="failures">
              {overview.failures.map((f) => (
                <li key={f.mutationId}>
                  <strong>{name(f.name)}</strong> —{' '}
                  {f.kind === 'rejected' ? t('outbox.rejected') : t('outbox.conflict', { fields: f.fields.map((x) => fieldLabel(t, x)).join(', ') })}
                  {f.reason && <p className="error">{f.reason}</p>}
                  <p className="muted">{formatDateTime(f.at, locale)}</p>
                  {f.kind === 'conflict' && (
                    <button type="button" id={`resolve-${f.mutationId}`} aria-label={t('outbox.resolveLabel', { name: name(f.name) })} onClick={() => void openConflict(f.mutationId)}>
                      {t('outbox.resolve')}
                    </button>
                  )}
                  <button type="button" onClick={() => void dismiss(f.mutationId)}>
                    {t('outbox.dismiss')}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <h3>{t('outbox.pendingTitle')}</h3>
          {overview.pending.length === 0 ? (
            <p className="muted">{t('outbox.noPending')}</p>
          ) : (
            <table>
              <caption className="visually-hidden">{t('outbox.pendingTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('outbox.number')}</th>
                  <th scope="col">{t('outbox.change')}</th>
                  <th scope="col">{t('outbox.when')}</th>
                </tr>
              </thead>
              <tbody>
                {overview.pending.map((p) => (
                  <tr key={p.mutationId}>
                    <td>{p.mutationId}</td>
                    <td>{name(p.name)}</td>
                    <td>{formatDateTime(p.createdAt, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={() => void syncNow()}>
          {t('outbox.syncNow')}
        </button>
        <button type="button" className="primary" data-autofocus onClick={onClose}>
          {t('help.close')}
        </button>
      </div>
    </Dialog>
  );
}
