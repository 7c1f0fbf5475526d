import { useEffect } from 'react';
import { SignIn } from '../features/signin/SignIn';
import { setLanguage } from '../i18n';
import { useApp, useAppDispatch, useClient } from './hooks';
import { Shell } from './Shell';
import { actions } from './store';

export function App() {
  const client = useClient();
  const dispatch = useAppDispatch();
  const ready = useApp((s) => s.ready);
  const session = useApp((s) => s.session);
  const link = useApp((s) => s.link);

  // On start and after every reconnect: the core may have restarted, and with it the sign-in.
  useEffect(() => {
    if (link !== 'connected') return;
    void (async () => {
      const [info, current] = await Promise.all([client.invoke('app.info', {}), client.invoke('session.current', {})]);
      const locale = info.ok ? info.data.locale : 'lv';
      await setLanguage(locale);
      dispatch(actions.ready({ session: current.ok ? current.data : null, locale }));
    })();
  }, [client, dispatch, link]);

  useEffect(() => {
    if (!session) return;
    void client.invoke('status.get', {}).then((r) => r.ok && dispatch(actions.statusChanged(r.data)));
    const offStatus = client.on('status.changed', (status) => dispatch(actions.statusChanged(status)));
    return offStatus;
  }, [client, dispatch, session]);

  if (!ready) return null;
  return session ? <Shell /> : <SignIn />;
}
