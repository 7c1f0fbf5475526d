import { caseMutations } from '../cases/mutations';
import { clientMutations } from '../clients/mutations';
import { consultationMutations } from '../consultations/mutations';
import { documentMutations } from '../documents/mutations';
import { invoiceMutations } from '../invoices/mutations';
import { kbMutations } from '../kb/mutations';
import { appointmentMutations } from '../queue/appointments';
import { queueMutations } from '../queue/mutations';
import { worktimeMutations } from '../worktime/mutations';
import type { MutationHandler } from './outcome';

/**
 * Every mutation a desk, a kiosk or a back-office integration may push. Each validates its arguments
 * and the user's right to make it; a refusal is a REJECTED outcome with a Latvian reason, and the
 * sender's counter still moves on.
 */
export const mutationHandlers: Record<string, MutationHandler> = {
  ...consultationMutations,
  ...clientMutations,
  ...caseMutations,
  ...documentMutations,
  ...invoiceMutations,
  ...queueMutations,
  ...appointmentMutations,
  ...worktimeMutations,
  ...kbMutations,
};
