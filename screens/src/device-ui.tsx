import { useEffect, useState, useSyncExternalStore, type FormEvent, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { browserDevice, PlatformFailure, type Device, type DeviceUser } from './platform';
import './screens.css';

/** A problem line in Latvian with English below it, announced to screen readers. */
export function Problem({ failure }: { failure: PlatformFailure | null }) {
  return (
    <div className="problem" role="alert">
      {failure && (
        <>
          <span lang="lv">{failure.message}</span>
          {failure.messageEn !== failure.message && (
            <span lang="en" className="en">
              {failure.messageEn}
            </span>
          )}
        </>
      )}
    </div>
  );
}

/** The device account's sign-in, shown once per device (then the refresh token carries it). */
function SignIn({ device, title }: { device: Device; title: [string, string] }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<PlatformFailure | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await device.signIn(username, password);
    } catch (error) {
      setProblem(error instanceof PlatformFailure ? error : new PlatformFailure('server', 'Neizdevās pieslēgties.', 'Sign-in failed.'));
    } finally {
      setBusy(false);
    }
  }
  return (
    <main className="sign-in">
      <h1>
        <span lang="lv">{title[0]}: ierīces pieslēgšana</span>
        <span lang="en" className="en">
          {title[1]}: device sign-in
        </span>
      </h1>
      <p>
        Ievadiet šīs ierīces konta datus (piemēram, <code>kiosks.riga-centrs</code>). Tie jāievada tikai vienreiz.
        <span lang="en" className="en">
          Enter this device&apos;s account. It is needed only once.
        </span>
      </p>
      <form onSubmit={(e) => void submit(e)}>
        <label htmlFor="device-username">Lietotājvārds / Username</label>
        <input id="device-username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />
        <label htmlFor="device-password">Parole / Password</label>
        <input id="device-password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Pieslēdz… / Signing in…' : 'Pieslēgt / Sign in'}
        </button>
      </form>
      <Problem failure={problem} />
    </main>
  );
}

/** Shows the sign-in until the device has a session, then the page itself. */
function DeviceGate({ device, title, children }: { device: Device; title: [string, string]; children: (user: DeviceUser) => ReactNode }) {
  const user = useSyncExternalStore(
    (onChange) => device.onChange(onChange),
    () => device.user?.id ?? null,
  );
  const current = user ? device.user : null;
  return current ? <>{children(current)}</> : <SignIn device={device} title={title} />;
}

/** Mounts one of the hall's pages with its own device session. */
export function mountScreen(namespace: string, title: [string, string], page: (device: Device, user: DeviceUser) => ReactNode) {
  const device = browserDevice(namespace);
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(<DeviceGate device={device} title={title}>{(user) => page(device, user)}</DeviceGate>);
}

/** The current time, ticking every `ms`. */
export function useNow(ms = 1000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}
