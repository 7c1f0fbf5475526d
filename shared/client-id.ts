import { v5 } from 'uuid';
import { checkPersonalCode } from './personal-code';

/** Fixed namespace for Lete's name-based client ids (RFC 9562 §5.5). */
const CLIENT_NAMESPACE = '6f1f3d8e-2b0c-4f4e-9a57-1c0d8a6e5b21';

/**
 * A client identified by personal code has an id derived from it, so two desks that register the
 * same person while offline create one client, not two. Returns null for a code that is not valid.
 */
export function clientIdForPersonalCode(code: string): string | null {
  const check = checkPersonalCode(code);
  return check.valid && check.normalised ? v5(check.normalised, CLIENT_NAMESPACE) : null;
}
