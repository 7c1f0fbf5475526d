import { randomUUID } from 'node:crypto';
import { AppError, type Consultation, type ConsultationChanges, type NewConsultation } from '../../preload/contract';
import { recordAudit } from '../audit/record';
import { rigaDay } from '../../shared/riga-day';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { EventBus } from '../events';
import type { Connection } from '../rpc/router';
import type { LocalStore } from '../sync/store';
import { consultationQueries, type ConsultationRow } from './queries';

function toConsultation(row: ConsultationRow): Consultation {
  return {
    id: row.id,
    createdAt: row.created_at,
    service: row.service_code && row.service_name ? { code: row.service_code, name: row.service_name } : null,
    channel: row.channel as Consultation['channel'],
    client: row.client_id
      ? { kind: 'client', clientId: row.client_id, name: row.client_name || '—' }
      : row.client_kind === 'phone' && row.client_phone
        ? { kind: 'phone', phone: row.client_phone }
        : { kind: 'anonymous' },
    outcome: row.outcome as Consultation['outcome'],
    note: row.note,
    clerkName: row.clerk_name,
    scriptTitle: row.script_title,
    syncState: row.version === null ? 'pending' : 'synced',
  };
}

function signedIn(connection: Connection) {
  // The router already refused calls without a session; this narrows the type for the compiler.
  if (!connection.session) throw new AppError('UNAUTHENTICATED', 'Jūs neesat pieslēdzies.');
  return connection.session;
}

export interface ConsultationDeps {
  clock: Clock;
  store: LocalStore;
  events: EventBus;
  onChanged: () => void;
}

export function createConsultationService(db: Db, deps: ConsultationDeps) {
  const q = consultationQueries(db);

  // The visible row, its outbox entry and the audit event are saved together or not at all.
  const register = db.transaction((session: NonNullable<Connection['session']>, input: NewConsultation, id: string, at: Date) => {
    deps.store.mutate({ name: 'consultation.create', args: { id, ...input }, userId: session.user.id, at });
    recordAudit(db, { at, userId: session.user.id, action: 'consultation.create', subject: id, outcome: 'ok' });
  });

  const update = db.transaction((session: NonNullable<Connection['session']>, id: string, changes: ConsultationChanges, at: Date) => {
    deps.store.mutate({ name: 'consultation.update', args: { id, changes }, userId: session.user.id, at });
    recordAudit(db, { at, userId: session.user.id, action: 'consultation.update', subject: id, outcome: 'ok' });
  });

  return {
    /** Corrects a registered consultation; a colleague's edit of the same field meanwhile becomes a conflict, never an overwrite. */
    update(connection: Connection, id: string, changes: ConsultationChanges): Consultation {
      const session = signedIn(connection);
      if (!q.byId.get(id)) throw new AppError('NOT_FOUND', 'Konsultācija nav atrasta; iespējams, tā vēl nav sinhronizēta uz šo darba vietu.');
      update(session, id, changes, deps.clock.now());
      deps.events.emit('consultations.changed', { id });
      deps.onChanged();
      const row = q.byId.get(id);
      if (!row) throw new Error('consultation vanished after update');
      return toConsultation(row);
    },

    register(connection: Connection, input: NewConsultation): Consultation {
      const session = signedIn(connection);
      if (input.serviceCode && !q.serviceExists.get(input.serviceCode)) {
        throw new AppError('NOT_FOUND', 'Šāds pakalpojums katalogā nav atrasts. Izvēlieties pakalpojumu no saraksta.', {
          issues: [{ path: 'serviceCode', message: 'not found' }],
        });
      }
      if (input.script && !q.scriptExists.get(input.script.id)) {
        throw new AppError('NOT_FOUND', 'Sarunas skripts šajā darba vietā nav atrasts; ierakstiet konsultāciju bez skripta.', {
          issues: [{ path: 'script.id', message: 'not found' }],
        });
      }
      const id = randomUUID();
      register(session, input, id, deps.clock.now());
      deps.events.emit('consultations.changed', { id });
      deps.onChanged();
      const row = q.byId.get(id);
      if (!row) throw new Error('consultation vanished after insert');
      return toConsultation(row);
    },

    listToday(connection: Connection): Consultation[] {
      const session = signedIn(connection);
      return q.forUserOnDay.all({ userId: session.user.id, localDate: rigaDay(deps.clock.now()) }).map(toConsultation);
    },
  };
}
