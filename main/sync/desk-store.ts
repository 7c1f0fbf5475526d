import { catalogueProjections } from '../catalogue/sync';
import { consultationEffects, consultationProjection } from '../consultations/sync';
import type { Db } from '../db/connection';
import { documentEffects } from '../documents/sync';
import { createLocalStore } from './store';

/** The desk's store with every feature's local effects and table projections registered. */
export function createDeskStore(db: Db) {
  return createLocalStore(db, {
    effects: { ...consultationEffects, ...documentEffects },
    projections: { ...catalogueProjections(db), consultation: consultationProjection(db) },
  });
}
