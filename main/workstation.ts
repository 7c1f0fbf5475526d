import type { WorkstationConfig } from './config';
import { openDatabase, type Db } from './db/connection';
import { join } from 'node:path';
import { createEventBus, type EventBus } from './events';
import { createRouter, type Router } from './rpc/router';
import { systemClock, type Clock } from './clock';
import { createConsoleLogger, type Logger } from './logger';
import { seedDemo } from './demo/seed';
import { createSessionService } from './session/service';
import { createCatalogueService } from './catalogue/service';
import { createConsultationService } from './consultations/service';
import { createStatusService } from './status/service';
import { createPreferences } from './preferences/service';
import { createKnowledgeService } from './kb/service';
import { createSyncEngine, type SyncEngine } from './sync/engine';
import { createPlatformClient } from './sync/platform-client';
import { listenForPokes } from './sync/pokes';
import { createSyncOverview } from './sync/overview';
import { createDeskStore } from './sync/desk-store';
import { createConflicts } from './sync/conflicts';
import { createPlatformSignIn } from './sync/platform-sign-in';
import { createAttachments, type Attachments } from './documents/attachments';

export interface Ports {
  clock: Clock;
  logger: Logger;
}

export interface Workstation {
  readonly router: Router;
  readonly events: EventBus;
  readonly db: Db;
  /** Present when the desk has a platform to sync with. */
  readonly sync: SyncEngine | null;
  /** Documents attached to cases on this desk, for the scanning, signing and case flows built on it. */
  readonly attachments: Attachments;
  close(): void;
}

/** The composition root: every service of the core, wired to one database and one event bus. */
export async function createWorkstation(config: WorkstationConfig, ports: Partial<Ports> = {}): Promise<Workstation> {
  const clock = ports.clock ?? systemClock;
  const logger = ports.logger ?? createConsoleLogger();
  const db = openDatabase(join(config.dataDir, 'lete.sqlite'));
  const events = createEventBus();

  if (config.demo) {
    await seedDemo(db, {
      deskId: config.deskId,
      ...(config.passwordCost ? { passwordCost: config.passwordCost } : {}),
      ...(config.demoKnowledgeDir ? { knowledgeDir: config.demoKnowledgeDir } : {}),
    });
  }
  const preferences = createPreferences(db, events);
  const platform = config.platformUrl ? createPlatformClient(config.platformUrl) : null;
  const store = createDeskStore(db);
  const attachments = createAttachments(db, store, { dataDir: config.dataDir, clock, logger });
  // The status bar reads the engine's link state, and the engine tells the status bar when it changes.
  const engine = platform
    ? createSyncEngine(db, platform, store, {
        clock,
        logger,
        afterSync: () => attachments.uploadPending(platform),
        onChange: () => status.changed(),
        // One event per batch is enough: a screen re-reads its list whichever row changed.
        onPulled: (changes) => {
          const consultation = changes.findLast((c) => c.entity === 'consultation');
          if (consultation) events.emit('consultations.changed', { id: consultation.id });
        },
      })
    : null;
  const status = createStatusService(db, events, engine ?? undefined);
  const platformSignIn = platform && engine ? createPlatformSignIn(platform, { logger, onAttempt: () => void engine.syncNow() }) : null;
  const session = createSessionService(db, {
    clock,
    events,
    deskId: preferences.deskId(config.deskId),
    onSignedIn: (username, password) => platformSignIn?.start(username, password),
    onSignedOut: () => {
      platformSignIn?.cancel();
      platform?.signOut();
    },
  });
  const catalogue = createCatalogueService(db);
  const syncOverview = createSyncOverview(db, clock);
  const conflicts = createConflicts(db, store, clock);
  const knowledge = createKnowledgeService(db);
  const consultations = createConsultationService(db, {
    clock,
    store,
    events,
    onChanged: () => {
      status.changed();
      void engine?.syncNow();
    },
  });
  engine?.start();
  const pokes =
    platform && engine && config.platformUrl
      ? listenForPokes({ url: config.platformUrl, token: () => platform.accessToken(), onPoke: () => void engine.syncNow() })
      : null;

  const router = createRouter(
    {
      'app.info': () => ({ name: 'Lete', version: config.appVersion, host: config.host, locale: preferences.locale() }),
      'session.signIn': (input, connection) => session.signIn(connection, input),
      'session.current': (_input, connection) => connection.session,
      'session.signOut': (_input, connection) => session.signOut(connection),
      'preferences.setLocale': (input) => ({ locale: preferences.setLocale(input.locale) }),
      'catalogue.search': (input) => catalogue.search(input),
      'catalogue.get': (input) => catalogue.get(input.code),
      'catalogue.owners': () => catalogue.owners(),
      'consultations.register': (input, connection) => consultations.register(connection, input),
      'consultations.listToday': (_input, connection) => consultations.listToday(connection),
      'consultations.update': (input, connection) => consultations.update(connection, input.id, input.changes),
      'kb.search': (input) => knowledge.search(input.query, input.limit),
      'kb.get': (input) => knowledge.get(input.id),
      'status.get': () => status.get(),
      'sync.overview': () => syncOverview.get(),
      'sync.now': async () => {
        await engine?.syncNow();
        return status.get();
      },
      'sync.conflict': (input) => conflicts.get(input.mutationId),
      'sync.resolveConflict': (input, connection) => {
        const { entity, entityId } = conflicts.get(input.mutationId);
        conflicts.resolve(input, connection.session?.user.id ?? '');
        if (entity === 'consultation') events.emit('consultations.changed', { id: entityId });
        status.changed();
        void engine?.syncNow();
        return null;
      },
      'sync.dismissFailure': (input, connection) => {
        const result = syncOverview.dismiss(input.mutationId, connection.session?.user.id ?? '');
        status.changed();
        return result;
      },
    },
    { onInternalError: (call, error) => logger.error('rpc.internal', { call, error }) },
  );

  return {
    router,
    events,
    db,
    sync: engine,
    attachments,
    close: () => {
      pokes?.stop();
      platformSignIn?.cancel();
      engine?.stop();
      if (db.open) db.close();
    },
  };
}
