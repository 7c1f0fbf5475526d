import { caseEffects, caseProjection } from '../cases/sync';
import { catalogueProjections } from '../catalogue/sync';
import { clientEffects, clientProjection } from '../clients/sync';
import { consultationEffects, consultationProjection } from '../consultations/sync';
import type { Db } from '../db/connection';
import { documentEffects } from '../documents/sync';
import { invoiceEffects, invoiceProjection } from '../invoices/sync';
import { knowledgeEffects, knowledgeProjections } from '../kb/sync';
import { supervisionEffects } from '../supervision/sync';
import { queueEffects, queueProjections } from '../queue/sync';
import { createLocalStore } from './store';

/** The desk's store with every feature's local effects and table projections registered. */
export function createDeskStore(db: Db) {
  return createLocalStore(db, {
    effects: { ...consultationEffects, ...documentEffects, ...clientEffects, ...caseEffects(db), ...invoiceEffects(db), ...knowledgeEffects, ...queueEffects, ...supervisionEffects },
    projections: {
      ...catalogueProjections(db),
      consultation: consultationProjection(db),
      client: clientProjection(db),
      case: caseProjection(db),
      invoice: invoiceProjection(db),
      ...knowledgeProjections(db),
      ...queueProjections(db),
    },
  });
}
