import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../preload/contract';
import { errorText } from '../../app/errors';

/** A failed action's text next to its controls, read out when it appears. */
export function ActionError({ error }: { error: ContractError | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {errorText(t, error)}
    </p>
  );
}
