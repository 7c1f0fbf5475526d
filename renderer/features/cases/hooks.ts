import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, ContractError, Result } from '../../../preload/contract';
import { errorText } from '../../app/errors';
import { useAppDispatch, useClient } from '../../app/hooks';
import { actions } from '../../app/store';

/**
 * One case, kept current: the owner's back office moves its status on the platform, and a pull
 * announces it with `cases.changed`. A status change the clerk did not make is read out, since the
 * clerk may be looking elsewhere on the screen.
 */
export function useCaseDetail(id: string) {
  const { t } = useTranslation();
  const client = useClient();
  const dispatch = useAppDispatch();
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const shownStatus = useRef<string | null>(null);

  useEffect(() => {
    let latest = 0;
    let mounted = true;
    const load = async (announceStatus: boolean) => {
      // Events can come in bursts (case, invoice, attachment); only the newest answer is shown.
      const mine = ++latest;
      const result = await client.invoke('cases.get', { id });
      if (!mounted || mine !== latest) return;
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setError(null);
      setDetail(result.data);
      if (announceStatus && shownStatus.current !== null && shownStatus.current !== result.data.status) {
        dispatch(actions.announced(t('caseWork.liveStatus', { number: result.data.caseNumber, status: t(`caseWork.status.${result.data.status}`) })));
      }
      shownStatus.current = result.data.status;
    };
    void load(false);
    const unsubscribe = client.on('cases.changed', (payload) => {
      if (payload.id === id) void load(true);
    });
    return () => {
      mounted = false;
      unsubscribe();
    };
  }, [client, dispatch, id, t]);

  /** An action's own answer is shown at once; its status change was announced by the action. */
  function show(next: CaseDetail) {
    shownStatus.current = next.status;
    setDetail(next);
  }

  return { detail, error, show };
}

/**
 * One call from a button: busy while it runs, its success read out, its failure both read out and
 * kept on screen. Resolves to the call's result.
 */
export function useAction() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ContractError | null>(null);

  async function run<T>(call: () => Promise<Result<T>>, success: (data: T) => string): Promise<Result<T>> {
    setBusy(true);
    const result = await call();
    setBusy(false);
    if (result.ok) {
      setError(null);
      dispatch(actions.announced(success(result.data)));
    } else {
      setError(result.error);
      dispatch(actions.announced(errorText(t, result.error)));
    }
    return result;
  }

  return { busy, error, setError, run };
}

