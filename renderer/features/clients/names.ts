import type { ClientSummary } from '../../../preload/contract';

/** How a client is named on screen: their name, or for a partly identified client the contact we have. */
export function clientName(c: Pick<ClientSummary, 'firstName' | 'lastName' | 'phone' | 'email'>): string {
  const name = [c.firstName, c.lastName].filter(Boolean).join(' ');
  return name || c.phone || c.email || '—';
}
