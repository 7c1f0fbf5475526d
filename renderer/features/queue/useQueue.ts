import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallInput, ContractError, QueueOverview } from '../../../preload/contract';
import { errorText } from '../../app/errors';
import { useAppDispatch, useClient } from '../../app/hooks';
import { actions } from '../../app/store';

/** Minutes since an ISO time, for "waiting 7 min"; refreshed by the overview's own timer. */
export function minutesSince(iso: string, now = Date.now()): number {
  return Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
}

/**
 * The desk's queue as the core sees it, re-read when the queue changes (here or by a pull), when the
 * link comes or goes, and every 20 s so waiting minutes move on.
 */
export function useQueueOverview(): { overview: QueueOverview | null; reload: () => void } {
  const client = useClient();
  const [overview, setOverview] = useState<QueueOverview | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    const load = async () => {
      const result = await client.invoke('queue.overview', {});
      if (live && result.ok) setOverview(result.data);
    };
    void load();
    const offQueue = client.on('queue.changed', () => void load());
    const offStatus = client.on('status.changed', () => void load());
    const timer = setInterval(() => void load(), 20_000);
    return () => {
      live = false;
      offQueue();
      offStatus();
      clearInterval(timer);
    };
  }, [client, tick]);
  return { overview, reload: useCallback(() => setTick((n) => n + 1), []) };
}

type QueueCall = 'queue.callNext' | 'queue.recall' | 'queue.start' | 'queue.noShow' | 'queue.finish' | 'queue.transfer';

/** Runs a queue action, announces what happened for screen readers, and says in words why it could not. */
export function useQueueAction() {
  const client = useClient();
  const dispatch = useAppDispatch();
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const describe = useCallback((e: ContractError) => (e.code === 'TRANSPORT' ? t('queue.offline') : errorText(t, e)), [t]);

  const run = useCallback(
    async <K extends QueueCall>(name: K, input: CallInput<K>, done: (data: unknown) => string): Promise<boolean> => {
      setBusy(true);
      setError(null);
      const result = await client.invoke(name, input);
      setBusy(false);
      if (!result.ok) {
        setError(describe(result.error));
        return false;
      }
      dispatch(actions.announced(done(result.data)));
      return true;
    },
    [client, dispatch, describe],
  );
  return { run, busy, error, setError, describe };
}
