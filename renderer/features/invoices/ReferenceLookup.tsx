import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isValidCreditorReference, type ContractError } from '../../../preload/contract';
import { errorText } from '../../app/errors';
import { useAppDispatch, useClient } from '../../app/hooks';
import { actions } from '../../app/store';

/**
 * A payment reference typed from a bank receipt or the client's phone. The ISO 11649 check digits are
 * checked as the clerk types, so a swapped digit is caught before anything is looked up; a valid one
 * opens the case whose invoice carries it.
 */
export function ReferenceLookup() {
  const { t } = useTranslation();
  const client = useClient();
  const dispatch = useAppDispatch();
  const [reference, setReference] = useState('');
  const [error, setError] = useState<ContractError | null>(null);
  const compact = reference.replace(/\s/gu, '');
  const invalid = compact.length >= 5 && !isValidCreditorReference(compact);

  async function find(e: FormEvent) {
    e.preventDefault();
    if (!compact || invalid) return;
    const found = await client.invoke('invoices.byReference', { reference: compact });
    if (!found.ok) {
      setError(found.error);
      return;
    }
    setError(null);
    setReference('');
    dispatch(actions.caseOpened(found.data.caseId));
  }

  return (
    <form className="reference-lookup" onSubmit={(e) => void find(e)} role="search" aria-label={t('invoices.lookup')}>
      <label htmlFor="reference-lookup">{t('invoices.reference')}</label>
      <input
        id="reference-lookup"
        autoComplete="off"
        spellCheck={false}
        value={reference}
        onChange={(e) => {
          setReference(e.target.value.toUpperCase());
          setError(null);
        }}
        aria-invalid={invalid || undefined}
        aria-describedby="reference-lookup-hint"
      />
      <p id="reference-lookup-hint" className={invalid ? 'error' : 'hint'} aria-live="polite">
        {invalid ? t('invoices.invalid') : t('invoices.hint')}
      </p>
      {error && (
        <p className="error" role="alert">
          {errorText(t, error)}
        </p>
      )}
    </form>
  );
}
