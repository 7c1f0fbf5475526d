import type { Logger } from '../logger';
import { SyncError, type PlatformClient } from './platform-client';

/**
 * Signs the desk in to the platform with the password the clerk just typed locally. A clerk who signs
 * in during an outage must not end up "unauthorised" once the network is back: the attempt is retried
 * with capped, jittered backoff. The password lives only in this closure, only until the platform has
 * accepted or refused it, or the clerk signs out — it is never written anywhere.
 */
export function createPlatformSignIn(platform: PlatformClient, options: { logger: Logger; /** After every attempt: sync now, or show why not. */ onAttempt(): void; random?: () => number }) {
  const random = options.random ?? Math.random;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  function cancel() {
    attempt += 1;
    if (timer) clearTimeout(timer);
    timer = null;
  }

  return {
    start(username: string, password: string) {
      cancel();
      const mine = attempt;
      const tryOnce = async (failures: number): Promise<void> => {
        if (mine !== attempt) return;
        try {
          await platform.login(username, password);
          if (mine === attempt) options.onAttempt();
        } catch (error) {
          const kind = error instanceof SyncError ? error.kind : 'server';
          options.logger.error('sync.loginFailed', { kind, failures: failures + 1 });
          if (mine === attempt) options.onAttempt();
          // Wrong credentials for the platform are not fixed by waiting; the status bar asks the clerk.
          if (kind === 'unauthorised' || kind === 'update_required' || mine !== attempt) return;
          timer = setTimeout(() => void tryOnce(failures + 1), random() * Math.min(60_000, 1_000 * 2 ** (failures + 1)));
          timer.unref?.();
        }
      };
      void tryOnce(0);
    },
    /** Sign-out or shutdown: forget the password and stop trying. */
    cancel,
  };
}
