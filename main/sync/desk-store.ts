import { catalogueProjections } from '../catalogue/sync';
import { consultationEffects, consultationProjection } from '../consultations/sync';
import type { Db } from '../db/connection';
import { createLocalStore } from './store';

/** The desk's store with every feature's local effects and table projections registered. */
export function createDeskStore(db: Db) {
  return createLocalStore(db, {
    effects: { ...consultationEffects },
    projections: { ...catalogueProjections(db), consultation: consultationProjection(db) },
  });
}
