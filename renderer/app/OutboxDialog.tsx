import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncOverview } from '../../preload/contract';
import { formatDateTime } from '../i18n/format';
import { Dialog } from './Dialog';
import { errorText } from './errors';
import { useApp, useClient } from './hooks';

/** Everything waiting to be sent, and every change the platform refused, with its reason. */
export function OutboxDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const locale = useApp((s) => s.locale);
  const [overview, setOverview] = useState<SyncOverview | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    const load = () => void client.invoke('sync.overview', {}).then((r) => r.ok && setOverview(r.data));
    load();
    return client.on('status.changed', load);
  }, [client]);

  const name = (n: string) => t(`outbox.names.${n.replaceAll('.', '_')}`, { defaultValue: n });
  async function syncNow() {
    const result = await client.invoke('sync.now', {});
    setMessage(result.ok ? null : errorText(t, result.error));
  }
  async function dismiss(mutationId: number) {
    const result = await client.invoke('sync.dismissFailure', { mutationId });
    setMessage(result.ok ? t('outbox.dismissed') : errorText(t, result.error));
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
                  <strong>{name(f.name)}</strong> — {f.kind === 'rejected' ? t('outbox.rejected') : t('outbox.conflict', { fields: f.fields.join(', ') })}
                  {f.reason && <p className="error">{f.reason}</p>}
                  <p className="muted">{formatDateTime(f.at, locale)}</p>
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
