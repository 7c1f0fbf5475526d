import { AppError, type Session } from '../preload/contract';
import type { WorkstationConfig } from './config';
import { openDatabase, type Db } from './db/connection';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
import { startEsclServer } from '../native/scanner';
import type { PadInfo, PadTiming, PadTransport } from '../native/signature-pad';
import { createDevices } from './devices/service';
import { createKnowledgeFiles } from './kb/files';
import { createScanning } from './scanning/service';
import { createKnowledgeService } from './kb/service';
import { createSyncEngine, type SyncEngine } from './sync/engine';
import { createPlatformClient } from './sync/platform-client';
import { listenForPokes } from './sync/pokes';
import { createSyncOverview } from './sync/overview';
import { createDeskStore } from './sync/desk-store';
import { createConflicts } from './sync/conflicts';
import { createPlatformSignIn } from './sync/platform-sign-in';
import { createAttachments, type Attachments } from './documents/attachments';
import { caseNumbers } from './cases/numbers';
import { createCaseService } from './cases/service';
import { createClientService } from './clients/service';
import { clientProjection } from './clients/sync';
import { createFeedbackService } from './feedback/service';
import { invoiceQueries } from './invoices/queries';
import { createInvoiceService } from './invoices/service';
import { createPrintouts } from './cases/printouts';
import { createSigningService } from './signing/service';
import { installationId } from './sync/engine';
import { createSupervisionService } from './supervision/service';
import { createLiveChannel } from './queue/live';
import { createQueueService } from './queue/service';

export interface Ports {
  clock: Clock;
  logger: Logger;
  /** The desktop shell's print viewer; browser mode prints from the browser's own PDF viewer instead. */
  printPdf: (bytes: Uint8Array, name: string) => Promise<void>;
  /** The Wacom STU pads; node-hid's by default. */
  signaturePads: { list: () => Promise<PadInfo[]>; open: (path: string) => Promise<PadTransport> };
  padTiming: Partial<PadTiming>;
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

/** Rows that change the supervisor's live figures. */
const supervisionEntities = new Set(['ticket', 'worktime', 'feedback', 'queue', 'alert_settings']);
const attachableTypes = ['application/pdf', 'image/png', 'image/jpeg', 'image/tiff'];
/** Rows that change what the queue screens show. */
const queueEntities = new Set(['ticket', 'queue', 'appointment', 'worktime']);

/** The router admits these calls only with a session; this narrows its type for the services. */
function signedIn(connection: { session: Session | null }): Session {
  if (!connection.session) throw new AppError('UNAUTHENTICATED', 'Jūs neesat pieslēdzies.');
  return connection.session;
}
const signedInUser = (connection: { session: Session | null }) => signedIn(connection).user.id;

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
    });
  }
  const preferences = createPreferences(db, events);
  const platform = config.platformUrl ? createPlatformClient(config.platformUrl) : null;
  const store = createDeskStore(db);
  const attachments = createAttachments(db, store, { dataDir: config.dataDir, clock, logger });
  const knowledgeFiles = createKnowledgeFiles(db, attachments, logger);
  // The demo's network scanner: a real eSCL server on loopback, so scanning works without hardware.
  const demoScanner = config.demoScanner ? await startEsclServer({ port: 0 }) : null;
  const scanning = createScanning(db, { clock, logger, events, attachments, env: process.env, builtInUrls: demoScanner ? [demoScanner.url] : [] });
  const devices = createDevices(db, { scanning, events, logger, ...(ports.signaturePads ? { listPads: ports.signaturePads.list } : {}) });
  const stopWatchingPads = devices.watch();
  const numbers = caseNumbers(db);
  // The status bar reads the engine's link state, and the engine tells the status bar when it changes.
  const engine = platform
    ? createSyncEngine(db, platform, store, {
        clock,
        logger,
        // Each step on its own: an editor's desk is refused case numbers, and must still upload its files.
        afterSync: async () => {
          const steps = {
            caseNumbers: () => numbers.replenish(platform, installationId(db)),
            uploads: () => attachments.uploadPending(platform),
            knowledgeFiles: () => knowledgeFiles.downloadMissing(platform),
          };
          for (const [step, run] of Object.entries(steps)) {
            await run().catch((error: unknown) => logger.error('sync.afterSyncStepFailed', { step, error }));
          }
        },
        onChange: () => status.changed(),
        // One event per batch is enough: a screen re-reads its list whichever row changed.
        onPulled: (changes) => {
          const consultation = changes.findLast((c) => c.entity === 'consultation');
          if (consultation) events.emit('consultations.changed', { id: consultation.id });
          const caseChange = changes.findLast((c) => c.entity === 'case' || c.entity === 'invoice' || c.entity === 'document');
          if (caseChange) events.emit('cases.changed', { id: caseChange.entity === 'case' ? caseChange.id : String(caseChange.data?.caseId ?? caseChange.id) });
          const client = changes.findLast((c) => c.entity === 'client');
          if (client) events.emit('clients.changed', { id: client.id });
          if (changes.some((c) => c.entity === 'article' || c.entity === 'script')) events.emit('kb.changed', {});
          if (changes.some((c) => supervisionEntities.has(c.entity))) events.emit('supervision.changed', {});
          if (changes.some((c) => queueEntities.has(c.entity))) events.emit('queue.changed', {});
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
  const consultations = createConsultationService(db, {
    clock,
    store,
    events,
    onChanged: () => {
      status.changed();
      void engine?.syncNow();
    },
  });
  const changedLocally = () => {
    status.changed();
    void engine?.syncNow();
  };
  const invoiceRows = invoiceQueries(db);
  const cases = createCaseService(db, { clock, store, events, attachments, numbers, invoices: invoiceRows, onChanged: changedLocally });
  const invoices = createInvoiceService(db, { clock, store, events, cases, invoices: invoiceRows, onChanged: changedLocally });
  const online = () => (platform && engine?.state() === 'online' && platform.signedIn ? platform : null);
  const clients = createClientService(db, {
    clock,
    store,
    events,
    logger,
    cases,
    invoices: invoiceRows,
    remote: online,
    cache: clientProjection(db),
    onChanged: changedLocally,
  });
  const feedback = createFeedbackService(db, { clock, store, onChanged: changedLocally });
  const knowledge = createKnowledgeService(db, {
    clock,
    store,
    attachments,
    files: knowledgeFiles,
    remote: online,
    onChanged: () => {
      events.emit('kb.changed', {});
      changedLocally();
    },
  });
  const queue = createQueueService(db, {
    clock,
    store,
    events,
    live: createLiveChannel(db, { clock, remote: online, installationId: installationId(db), syncNow: async () => engine?.syncNow() }),
    online: () => online() !== null,
    onChanged: changedLocally,
  });
  const fontsDir = config.fontsDir ?? fileURLToPath(new URL('../assets/fonts/', import.meta.url));
  const printouts = createPrintouts(db, { clock, cases, invoices: invoiceRows, fontsDir });
  const supervision = createSupervisionService(db, { clock, store, remote: online, fontsDir, onChanged: changedLocally });
  const signing = createSigningService(db, {
    clock,
    cases,
    invoices: invoiceRows,
    attachments,
    events,
    dataDir: config.dataDir,
    fontsDir,
    onChanged: changedLocally,
    ...(ports.signaturePads ? { pads: ports.signaturePads } : {}),
    ...(ports.padTiming ? { padTiming: ports.padTiming } : {}),
  });
  engine?.start();
  const pokes =
    platform && engine && config.platformUrl
      ? listenForPokes({ url: config.platformUrl, token: () => platform.accessToken(), onPoke: () => void engine.syncNow() })
      : null;

  const router = createRouter(
    {
      'app.info': () => ({ name: 'Lete', version: config.appVersion, host: config.host, locale: preferences.locale() }),
      'session.signIn': async (input, connection) => {
        const signedInNow = await session.signIn(connection, input);
        queue.signedIn(signedInNow);
        return signedInNow;
      },
      'session.current': (_input, connection) => connection.session,
      'session.signOut': (_input, connection) => {
        if (connection.session) queue.signedOut(connection.session);
        return session.signOut(connection);
      },
      'preferences.setLocale': (input) => ({ locale: preferences.setLocale(input.locale) }),
      'catalogue.search': (input) => catalogue.search(input),
      'catalogue.get': (input) => catalogue.get(input.code),
      'catalogue.owners': () => catalogue.owners(),
      'consultations.register': (input, connection) => consultations.register(connection, input),
      'consultations.listToday': (_input, connection) => consultations.listToday(connection),
      'consultations.update': (input, connection) => consultations.update(connection, input.id, input.changes),
      'clients.search': (input) => clients.search(input.query),
      'clients.duplicates': (input) => clients.duplicates(input),
      'clients.create': (input, connection) => clients.create(connection, input),
      'clients.openProfile': (input, connection) => clients.openProfile(connection, input.clientId, input.reason),
      'directory.colleagues': (_input, connection) => cases.colleagues(connection),
      'cases.create': (input, connection) => cases.create(connection, input),
      'cases.get': (input) => cases.get(input.id),
      'cases.update': (input, connection) => cases.update(connection, input.id, input.form),
      'cases.submit': (input, connection) => cases.submit(connection, input),
      'cases.transition': (input, connection) => cases.transition(connection, input.id, input.to, input.reason),
      'cases.take': (input, connection) => cases.take(connection, input.id),
      'cases.transfer': (input, connection) => cases.transfer(connection, input.id, input.to, input.reason),
      'cases.escalate': (input, connection) => cases.escalate(connection, input.id, input.reason),
      'cases.note': (input, connection) => cases.note(connection, input.id, input.text),
      'cases.inbox': (input, connection) => cases.inbox(connection, input.scope, input.clientId),
      'cases.attach': (input, connection) => {
        const c = cases.get(input.caseId);
        const bytes = Buffer.from(input.file.contentBase64, 'base64');
        if (bytes.length === 0) throw new AppError('INVALID_INPUT', 'Fails ir tukšs: izvēlieties citu failu.', { issues: [{ path: 'file', message: 'empty' }] });
        if (!attachableTypes.includes(input.file.mediaType)) {
          throw new AppError('INVALID_INPUT', 'Pievienot var PDF, PNG, JPEG vai TIFF failu.', { issues: [{ path: 'file.mediaType', message: 'unsupported' }] });
        }
        const id = attachments.attach(
          { caseId: c.id, kind: 'scan', name: input.file.name, mediaType: input.file.mediaType, bytes, pages: null, scanSettings: null },
          connection.session?.user.id ?? '',
        );
        events.emit('cases.changed', { id: c.id });
        changedLocally();
        const saved = attachments.forCase(c.id).find((a) => a.id === id);
        if (!saved) throw new Error('attachment vanished after insert');
        return saved;
      },
      'cases.pdf': async (input) => signing.handedOut(input, await printouts.casePdf(input.id, input.kind)),
      'cases.sign': (input, connection) => signing.sign(connection, input),
      'cases.signOnPad': (input, connection) => signing.signOnPad(connection, input),
      'cases.cancelOnPad': (input) => signing.cancelOnPad(input.caseId),
      'scanner.devices': () => scanning.devices(),
      'scanner.capabilities': (input) => scanning.capabilities(input.deviceId),
      'scanner.start': (input) => scanning.start(input.deviceId, input.settings),
      'scanner.status': (input) => scanning.status(input.sessionId),
      'scanner.page': (input) => scanning.page(input.sessionId, input.pageId),
      'scanner.cancel': (input) => scanning.cancel(input.sessionId),
      'scanner.rescan': (input) => scanning.rescan(input.sessionId, input.pageId),
      'scanner.save': async (input, connection) => {
        cases.get(input.caseId);
        const saved = await scanning.save(input, signedInUser(connection));
        events.emit('cases.changed', { id: input.caseId });
        changedLocally();
        return saved;
      },
      'scanner.discard': (input) => scanning.discard(input.sessionId),
      'scanner.addNetwork': (input) => ({ networkScanners: scanning.addNetworkScanner(input.url) }),
      'scanner.removeNetwork': (input) => ({ networkScanners: scanning.removeNetworkScanner(input.url) }),
      'devices.overview': () => devices.overview(),
      'devices.signing': () => devices.signing(),
      'devices.testPad': (input) => devices.testPad(input.path),
      'devices.setSignatureSource': (input) => {
        devices.setSignatureSource(input.source);
        return devices.overview();
      },
      'invoices.issue': (input, connection) => invoices.issue(connection, input.caseId),
      'invoices.cancel': (input, connection) => invoices.cancel(connection, input.id, input.reason),
      'invoices.byReference': (input) => invoices.byReference(input.reference),
      'invoices.pdf': (input) => printouts.invoicePdf(input.id),
      'feedback.record': (input, connection) => feedback.record(connection, input),
      'queue.overview': (_input, connection) => queue.overview(connection.session),
      'queue.callNext': (_input, connection) => queue.callNext(connection.session),
      'queue.recall': (input, connection) => queue.recall(connection.session, input.ticketId),
      'queue.start': (input, connection) => queue.start(connection.session, input.ticketId),
      'queue.noShow': (input, connection) => queue.noShow(connection.session, input.ticketId),
      'queue.finish': (input, connection) => queue.finish(connection.session, input),
      'queue.transfer': (input, connection) => queue.transfer(connection.session, input),
      'queue.setServed': (input, connection) => queue.setServed(connection.session, input.queueIds),
      'queue.issue': (input, connection) => queue.issue(connection.session, input),
      'queue.book': (input, connection) => queue.book(connection.session, input),
      'queue.cancelAppointment': (input, connection) => queue.cancelAppointment(connection.session, input.id),
      'worktime.set': (input, connection) => queue.setWork(connection.session, input.state),
      'worktime.daySheet': (input, connection) => queue.daySheet(connection.session, input),
      'app.printPdf': async (input) => {
        if (!ports.printPdf) throw new AppError('CONFLICT', 'Šeit drukāšanu piedāvā pārlūks: atveriet PDF un drukājiet no pārlūka skata.');
        await ports.printPdf(Buffer.from(input.file.contentBase64, 'base64'), input.file.name);
        return null;
      },
      'audit.clientAccess': async (input) => {
        const remote = online();
        if (!remote) throw new AppError('TRANSPORT', 'Piekļuves žurnāls ir platformā, un tā šobrīd nav sasniedzama. Mēģiniet vēlāk.');
        const users = db.prepare<[string], { display_name: string }>(`SELECT display_name FROM users WHERE id = ?`);
        return (await remote.auditEvents(input.clientId)).map((e) => {
          const detail = (e.detail ?? {}) as { reason?: unknown; viewedAt?: unknown };
          return {
            // A view made offline reached the platform later; the time that counts is when it happened.
            at: typeof detail.viewedAt === 'string' ? detail.viewedAt : e.at,
            userName: e.userId ? (users.get(e.userId)?.display_name ?? e.userId) : null,
            action: e.action === 'client.profileViewed' ? 'client.profile' : e.action,
            reason: typeof detail.reason === 'string' ? detail.reason : null,
          };
        });
      },
      'supervision.live': (_input, connection) => supervision.live(signedIn(connection)),
      'supervision.history': (input, connection) => supervision.history(signedIn(connection), input),
      'supervision.export': (input, connection) => supervision.export(signedIn(connection), input),
      'supervision.setTarget': (input, connection) => supervision.setTarget(signedIn(connection), input),
      'supervision.setAlerts': (input, connection) => supervision.setAlerts(signedIn(connection), input),
      'kb.search': (input, connection) => knowledge.search(signedInUser(connection), input.query, input.limit),
      'kb.get': (input, connection) => knowledge.get(signedInUser(connection), input.id),
      'kb.suggest': (input, connection) => knowledge.suggest(signedInUser(connection), input),
      'kb.topics': (_input, connection) => knowledge.topics(signedInUser(connection)),
      'kb.browse': (input, connection) => knowledge.browse(signedInUser(connection), input.topic),
      'kb.changes': (_input, connection) => knowledge.changes(signedInUser(connection)),
      'kb.subscribe': (input, connection) => knowledge.subscribe(signedInUser(connection), input),
      'kb.history': (input, connection) => knowledge.history(signedInUser(connection), input.id),
      'kb.publish': (input, connection) => knowledge.publish(signedIn(connection), input),
      'kb.retire': (input, connection) => knowledge.retire(signedIn(connection), input.id),
      'kb.attach': (input, connection) => knowledge.attach(signedIn(connection), input.articleId, input.file),
      'kb.file': (input) => knowledge.file(input.id),
      'kb.scripts': () => knowledge.scripts(),
      'kb.script': (input) => knowledge.script(input.id),
      'kb.publishScript': (input, connection) => knowledge.publishScript(signedIn(connection), input),
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
      stopWatchingPads();
      void demoScanner?.close();
      pokes?.stop();
      platformSignIn?.cancel();
      engine?.stop();
      if (db.open) db.close();
    },
  };
}
