import type { TFunction } from 'i18next';
import type { ContractError } from '../../preload/contract';

/** Codes whose message from the core says exactly what is wrong (which check digit, which status). */
const specific = new Set<ContractError['code']>(['INVALID_INPUT', 'CONFLICT', 'NOT_FOUND', 'FORBIDDEN']);

/**
 * The clerk-facing text for an error, in the current language. The core's own Latvian message is the
 * more useful one where it names the problem, so Latvian shows it as it is and English adds it to the
 * translated summary.
 */
export function errorText(t: TFunction, error: ContractError): string {
  const general = t(`errors.${error.code}`, { seconds: error.retryAfter ?? 60 });
  const latvianGeneral = t(`errors.${error.code}`, { lng: 'lv', seconds: error.retryAfter ?? 60 });
  if (!specific.has(error.code) || !error.message || error.message === latvianGeneral) return general;
  return t('errors.withDetail', { general, detail: error.message });
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
