import type { TFunction } from 'i18next';
import type { ContractError } from '../../preload/contract';

/** The clerk-facing text for an error code, in the current language. */
export function errorText(t: TFunction, error: ContractError): string {
  return t(`errors.${error.code}`, { seconds: error.retryAfter ?? 60 });
}

/** Field messages keyed by the input path the core reported (`client.phone`). */
export function fieldErrors(t: TFunction, error: ContractError | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error?.issues ?? []) {
    // Paths contain dots, which i18next reads as nesting; the field keys use underscores instead.
    const key = `fields.${issue.path.replaceAll('.', '_')}`;
    out[issue.path] = t(key, { defaultValue: t('errors.INVALID_INPUT') });
  }
  return out;
}
