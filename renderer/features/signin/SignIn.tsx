import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../preload/contract';
import { errorText, fieldErrors } from '../../app/errors';
import { useAppDispatch, useClient } from '../../app/hooks';
import { actions } from '../../app/store';
import { LanguageSwitch } from '../../app/LanguageSwitch';

export function SignIn() {
  const { t } = useTranslation();
  const client = useClient();
  const dispatch = useAppDispatch();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);
  const usernameRef = useRef<HTMLInputElement>(null);

  useEffect(() => usernameRef.current?.focus(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result = await client.invoke('session.signIn', { username, password });
    setBusy(false);
    if (result.ok) {
      dispatch(actions.signedIn(result.data));
      return;
    }
    setError(result.error);
    setPassword('');
  }

  const fields = fieldErrors(t, error);
  return (
    <main id="saturs" className="signin" tabIndex={-1}>
      <div className="signin-card">
        <div className="signin-top">
          <h1>{t('signIn.title')}</h1>
          <LanguageSwitch />
        </div>
        <p>{t('signIn.intro')}</p>
        <form onSubmit={submit} noValidate>
          <label htmlFor="signin-username">{t('signIn.username')}</label>
          <input
            id="signin-username"
            ref={usernameRef}
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            aria-invalid={fields.username ? true : undefined}
            required
          />
          <label htmlFor="signin-password">{t('signIn.password')}</label>
          <input
            id="signin-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={fields.password ? true : undefined}
            required
          />
          {error && (
            <p className="error" role="alert">
              {error.code === 'INVALID_INPUT' ? Object.values(fields).join(' ') || errorText(t, error) : errorText(t, error)}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('signIn.busy') : t('signIn.submit')}
          </button>
        </form>
      </div>
    </main>
  );
}
