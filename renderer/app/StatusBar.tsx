import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../i18n/format';
import { useApp, useAppDispatch } from './hooks';
import { actions } from './store';

export function StatusBar() {
  const { t } = useTranslation();
  const link = useApp((s) => s.link);
  const status = useApp((s) => s.status);
  const locale = useApp((s) => s.locale);
  const dispatch = useAppDispatch();
  const core = link === 'connected' ? 'coreConnected' : link === 'connecting' ? 'coreConnecting' : 'coreLost';
  const platform = {
    online: 'online',
    offline: 'offline',
    unauthorised: 'unauthorised',
    server_error: 'serverError',
    update_required: 'updateRequired',
    not_configured: 'notConfigured',
  }[status?.connection ?? 'not_configured'];
  return (
    <footer className="statusbar" aria-label={t('status.label')}>
      <span role="status" className={`dot ${link === 'connected' ? 'ok' : 'warn'}`}>
        {t(`status.${core}`)}
      </span>
      {status && (
        <>
          <span className={`dot ${platform === 'online' ? 'ok' : 'warn'}`}>{t(`status.${platform}`)}</span>
          {status.bootstrap && (
            <span>
              <label htmlFor="bootstrap-progress">{t('status.bootstrap')}</label>{' '}
              <progress id="bootstrap-progress" max={status.bootstrap.total} value={status.bootstrap.done} />
              {status.bootstrap.etaSeconds !== null && <> {t('status.bootstrapEta', { minutes: Math.max(1, Math.ceil(status.bootstrap.etaSeconds / 60)) })}</>}
            </span>
          )}
          <button type="button" className="link-button" title={t('status.openOutbox')} onClick={() => dispatch(actions.outboxToggled(true))}>
            {t('status.pending', { count: status.pendingChanges })}
            {status.failedChanges > 0 && <span className="error"> · {t('status.failed', { count: status.failedChanges })}</span>}
          </button>
          <span>{status.lastSyncAt ? t('status.lastSync', { when: formatDateTime(status.lastSyncAt, locale) }) : t('status.neverSynced')}</span>
        </>
      )}
    </footer>
  );
}
