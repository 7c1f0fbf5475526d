import { randomUUID } from 'node:crypto';
import { systemClock } from '../main/clock';
import { createConsultationService } from '../main/consultations/service';
import { createDeskStore } from '../main/sync/desk-store';
import type { Db } from '../main/db/connection';
import { createEventBus } from '../main/events';
import type { Connection } from '../main/rpc/router';
import { measure, type Figure } from './measure';

/**
 * What a clerk's save costs: the consultation, its outbox entry and its audit record in one durable
 * transaction, against a bare insert of the same row in its own transaction (same synchronous=FULL).
 */
export async function consultationWriteBench(db: Db): Promise<Figure[]> {
  const connection: Connection = {
    id: 'bench',
    session: {
      user: { id: 'user-klerks', username: 'klerks', displayName: 'Anna Bērziņa', roles: ['clerk'] },
      desk: null,
      signedInAt: new Date().toISOString(),
    },
  };
  const service = createConsultationService(db, { clock: systemClock, store: createDeskStore(db), events: createEventBus(), onChanged: () => undefined });
  const ours = await measure(() =>
    service.register(connection, { serviceCode: 'P.02', channel: 'phone', client: { kind: 'anonymous' }, outcome: 'informed', note: 'bench' }),
  );
  const raw = db.prepare(
    `INSERT INTO consultations (id, created_at, local_date, user_id, channel, client_kind, outcome, note, service_code)
     VALUES (?, ?, '2026-11-22', 'user-klerks', 'phone', 'anonymous', 'informed', 'bench', 'P.02')`,
  );
  const rawInsert = db.transaction(() => raw.run(randomUUID(), new Date().toISOString()));
  const baseline = await measure(() => rawInsert());
  return [{ name: 'register consultation (row + outbox + audit) vs bare insert', ours, baseline }];
}
