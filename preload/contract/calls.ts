import { z } from 'zod';
import {
  AppInfo,
  AttachmentInfo,
  AuditEntry,
  CaseDetail,
  CaseStatus,
  CaseSummary,
  ClientDetail,
  ClientProfile,
  ClientSummary,
  FileContent,
  FormValues,
  InvoiceSummary,
  NewCase,
  NewClient,
  ConflictResolution,
  Consultation,
  ConsultationChanges,
  Institution,
  ArticleDraft,
  KbArticle,
  KbArticleSummary,
  KbHit,
  KbScript,
  KbScriptSummary,
  KbSubscription,
  KbTopic,
  KbVersion,
  ScriptDraft,
  Locale,
  NewConsultation,
  ServiceCode,
  ServiceDetail,
  ServiceSummary,
  Session,
  SignApplication,
  SyncConflict,
  SyncOverview,
  SyncStatus,
} from './domain';
import type { Role } from './domain';
import { DeviceOverview, ScannerCapabilities, ScanSession, ScanSettings } from './devices';
import { AlertSettings, StatsQuery, StatsReport, SupervisionLive } from './supervision';
import { ChosenWorkState, DaySheet, QueueOverview, QueueTicket, TicketCategory, TicketLink } from './queue';

/**
 * Who may make a call: anyone (sign-in, app info), any signed-in user, or only users holding one of
 * the listed roles. The router enforces it, so a renderer cannot skip a screen's guard.
 */
export type Access = 'public' | 'signedIn' | readonly Role[];

interface CallSpec<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  access: Access;
}

function call<I extends z.ZodType, O extends z.ZodType>(spec: CallSpec<I, O>): CallSpec<I, O> {
  return spec;
}

const Empty = z.object({}).strict();
const deskRoles = ['clerk', 'agent', 'supervisor'] as const;

/** Every renderer → core call. Adding one here makes the router refuse to compile until it is handled. */
export const calls = {
  'app.info': call({ input: Empty, output: AppInfo, access: 'public' }),

  /** The centre's queue at this desk (main/queue): calls need the platform's answer at once. */
  'queue.overview': call({ input: Empty, output: QueueOverview, access: deskRoles }),
  'queue.callNext': call({ input: Empty, output: QueueTicket.nullable(), access: deskRoles }),
  'queue.recall': call({ input: z.object({ ticketId: z.uuid() }).strict(), output: z.null(), access: deskRoles }),
  'queue.start': call({ input: z.object({ ticketId: z.uuid() }).strict(), output: z.null(), access: deskRoles }),
  'queue.noShow': call({ input: z.object({ ticketId: z.uuid() }).strict(), output: z.null(), access: deskRoles }),
  /** Works offline too: the ticket is finished here and the platform hears it with the next sync. */
  'queue.finish': call({ input: z.object({ ticketId: z.uuid(), link: TicketLink.omit({ label: true }).nullable() }).strict(), output: z.null(), access: deskRoles }),
  'queue.transfer': call({
    input: z
      .object({ ticketId: z.uuid(), queueId: z.string().max(80).nullable(), deskId: z.string().max(80).nullable(), note: z.string().trim().max(500).nullable() })
      .strict()
      .refine((v) => v.queueId !== null || v.deskId !== null, { message: 'Izvēlieties rindu vai darba vietu.', path: ['queueId'] }),
    output: z.null(),
    access: deskRoles,
  }),
  'queue.setServed': call({ input: z.object({ queueIds: z.array(z.string().max(80)).min(1).max(50) }).strict(), output: z.null(), access: deskRoles }),
  /** A walk-in without a ticket from the kiosk (the kiosk is broken, or the client came to the desk). */
  'queue.issue': call({ input: z.object({ queueId: z.string().max(80), category: TicketCategory }).strict(), output: z.object({ number: z.string() }), access: deskRoles }),
  'queue.book': call({
    input: z.object({ queueId: z.string().max(80), startsAt: z.iso.datetime({ offset: true }) }).strict(),
    output: z.object({ code: z.string(), startsAt: z.string() }),
    access: deskRoles,
  }),
  'queue.cancelAppointment': call({ input: z.object({ id: z.uuid() }).strict(), output: z.null(), access: deskRoles }),
  'worktime.set': call({ input: z.object({ state: ChosenWorkState }).strict(), output: z.null(), access: deskRoles }),
  /** A clerk's own day; a supervisor may read any clerk's of the centre. */
  'worktime.daySheet': call({
    input: z.object({ userId: z.string().max(100).nullable(), day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/u) }).strict(),
    output: DaySheet,
    access: deskRoles,
  }),

  'session.signIn': call({
    input: z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }).strict(),
    output: Session,
    access: 'public',
  }),
  'session.current': call({ input: Empty, output: Session.nullable(), access: 'public' }),
  'session.signOut': call({ input: Empty, output: z.null(), access: 'public' }),

  'preferences.setLocale': call({
    input: z.object({ locale: Locale }).strict(),
    output: z.object({ locale: Locale }),
    access: 'public',
  }),

  'catalogue.search': call({
    input: z
      .object({
        query: z.string().max(200),
        ownerCode: z.string().max(20).nullable().default(null),
        limit: z.number().int().min(1).max(100).default(20),
      })
      .strict(),
    output: z.object({ items: z.array(ServiceSummary), total: z.number().int().nonnegative() }),
    access: 'signedIn',
  }),
  'catalogue.get': call({
    input: z.object({ code: ServiceCode }).strict(),
    output: ServiceDetail,
    access: 'signedIn',
  }),
  'catalogue.owners': call({ input: Empty, output: z.array(Institution), access: 'signedIn' }),

  'consultations.register': call({ input: NewConsultation.strict(), output: Consultation, access: deskRoles }),
  'consultations.listToday': call({ input: Empty, output: z.array(Consultation), access: deskRoles }),
  'consultations.update': call({ input: z.object({ id: z.uuid(), changes: ConsultationChanges }).strict(), output: Consultation, access: deskRoles }),

  'clients.search': call({
    input: z.object({ query: z.string().trim().min(2).max(100) }).strict(),
    output: z.object({ items: z.array(ClientSummary), platformSearched: z.boolean() }),
    access: deskRoles,
  }),
  'clients.duplicates': call({ input: NewClient.strict(), output: z.array(ClientSummary), access: deskRoles }),
  'clients.create': call({ input: NewClient.strict(), output: ClientDetail, access: deskRoles }),
  'clients.openProfile': call({
    input: z.object({ clientId: z.uuid(), reason: z.string().trim().min(3).max(500) }).strict(),
    output: ClientProfile,
    access: deskRoles,
  }),

  /** Colleagues of the signed-in user's centre, to hand a case to. */
  'directory.colleagues': call({ input: Empty, output: z.array(z.object({ id: z.string(), name: z.string() })), access: deskRoles }),

  'cases.create': call({ input: NewCase.strict(), output: CaseDetail, access: deskRoles }),
  'cases.get': call({ input: z.object({ id: z.uuid() }).strict(), output: CaseDetail, access: deskRoles }),
  'cases.update': call({ input: z.object({ id: z.uuid(), form: FormValues }).strict(), output: CaseDetail, access: deskRoles }),
  'cases.submit': call({
    input: z.object({ id: z.uuid(), onBehalf: z.boolean(), signed: z.boolean(), note: z.string().trim().max(1000).nullable() }).strict(),
    output: CaseDetail,
    access: deskRoles,
  }),
  'cases.transition': call({ input: z.object({ id: z.uuid(), to: CaseStatus, reason: z.string().trim().max(1000).nullable() }).strict(), output: CaseDetail, access: deskRoles }),
  'cases.take': call({ input: z.object({ id: z.uuid() }).strict(), output: CaseDetail, access: deskRoles }),
  'cases.transfer': call({
    input: z
      .object({
        id: z.uuid(),
        to: z.discriminatedUnion('kind', [z.object({ kind: z.literal('user'), userId: z.string().max(100) }), z.object({ kind: z.literal('second_level') }), z.object({ kind: z.literal('owner') })]),
        reason: z.string().trim().min(3).max(1000),
      })
      .strict(),
    output: CaseDetail,
    access: deskRoles,
  }),
  'cases.escalate': call({ input: z.object({ id: z.uuid(), reason: z.string().trim().min(3).max(1000) }).strict(), output: CaseDetail, access: deskRoles }),
  'cases.note': call({ input: z.object({ id: z.uuid(), text: z.string().trim().min(1).max(4000) }).strict(), output: CaseDetail, access: deskRoles }),
  'cases.inbox': call({
    input: z.object({ scope: z.enum(['mine', 'institution', 'today', 'client']), clientId: z.uuid().optional() }).strict(),
    output: z.array(CaseSummary),
    access: deskRoles,
  }),
  'cases.attach': call({ input: z.object({ caseId: z.uuid(), file: FileContent }).strict(), output: AttachmentInfo, access: deskRoles }),
  'cases.pdf': call({ input: z.object({ id: z.uuid(), kind: z.enum(['application', 'receipt']) }).strict(), output: FileContent, access: deskRoles }),
  /** The client signs the application PDF on the screen; the signed PDF becomes the case's attachment. */
  'cases.sign': call({ input: SignApplication.strict(), output: AttachmentInfo, access: deskRoles }),
  /** The same on the desk's signature pad: resolves when the client taps ✓ on the pad. */
  'cases.signOnPad': call({ input: SignApplication.omit({ capture: true }).strict(), output: AttachmentInfo, access: deskRoles }),
  'cases.cancelOnPad': call({ input: z.object({ caseId: z.uuid() }).strict(), output: z.null(), access: deskRoles }),

  /** Scanning into a case (main/scanning): pages arrive by `scanner.progress` events. */
  'scanner.devices': call({ input: Empty, output: z.object({ devices: z.array(DeviceOverview.shape.scanners.element), networkScanners: z.array(z.string()) }), access: deskRoles }),
  'scanner.capabilities': call({ input: z.object({ deviceId: z.string().min(1).max(500) }).strict(), output: ScannerCapabilities, access: deskRoles }),
  'scanner.start': call({ input: z.object({ deviceId: z.string().min(1).max(500), settings: ScanSettings.strict() }).strict(), output: ScanSession, access: deskRoles }),
  'scanner.status': call({ input: z.object({ sessionId: z.uuid() }).strict(), output: ScanSession, access: deskRoles }),
  'scanner.page': call({ input: z.object({ sessionId: z.uuid(), pageId: z.uuid() }).strict(), output: z.object({ mediaType: z.string(), contentBase64: z.string() }), access: deskRoles }),
  'scanner.cancel': call({ input: z.object({ sessionId: z.uuid() }).strict(), output: ScanSession, access: deskRoles }),
  'scanner.rescan': call({ input: z.object({ sessionId: z.uuid(), pageId: z.uuid() }).strict(), output: ScanSession, access: deskRoles }),
  'scanner.save': call({
    input: z
      .object({
        sessionId: z.uuid(),
        caseId: z.uuid(),
        name: z.string().trim().min(1).max(190),
        pages: z.array(z.object({ id: z.uuid(), rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]) }).strict()).min(1).max(500),
      })
      .strict(),
    output: z.object({ attachmentId: z.uuid(), pageCount: z.number().int().positive() }),
    access: deskRoles,
  }),
  'scanner.discard': call({ input: z.object({ sessionId: z.uuid() }).strict(), output: z.null(), access: deskRoles }),
  /** A driverless (eSCL/AirScan) network scanner, added by its address. */
  'scanner.addNetwork': call({ input: z.object({ url: z.url({ protocol: /^https?$/u }).max(300) }).strict(), output: z.object({ networkScanners: z.array(z.string()) }), access: deskRoles }),
  'scanner.removeNetwork': call({ input: z.object({ url: z.string().max(300) }).strict(), output: z.object({ networkScanners: z.array(z.string()) }), access: deskRoles }),
  'devices.overview': call({ input: Empty, output: DeviceOverview, access: deskRoles }),
  /** How this desk takes signatures, and the pads plugged in: what the signing dialog needs, without the scanners. */
  'devices.signing': call({ input: Empty, output: DeviceOverview.pick({ pads: true, padsSupported: true, signatureSource: true }), access: deskRoles }),
  /** Opens the pad and reads what it is: model, firmware and screen size. */
  'devices.testPad': call({
    input: z.object({ path: z.string().min(1).max(500) }).strict(),
    output: z.object({ model: z.string(), firmware: z.string().nullable(), lcd: z.object({ width: z.number(), height: z.number() }) }),
    access: deskRoles,
  }),
  'devices.setSignatureSource': call({ input: z.object({ source: DeviceOverview.shape.signatureSource }).strict(), output: DeviceOverview, access: deskRoles }),

  'invoices.issue': call({ input: z.object({ caseId: z.uuid() }).strict(), output: InvoiceSummary, access: deskRoles }),
  'invoices.cancel': call({ input: z.object({ id: z.uuid(), reason: z.string().trim().min(3).max(1000) }).strict(), output: InvoiceSummary, access: deskRoles }),
  'invoices.byReference': call({ input: z.object({ reference: z.string().trim().min(1).max(40) }).strict(), output: InvoiceSummary, access: deskRoles }),
  'invoices.pdf': call({ input: z.object({ id: z.uuid() }).strict(), output: FileContent, access: deskRoles }),

  'feedback.record': call({
    input: z
      .object({
        subject: z.discriminatedUnion('kind', [z.object({ kind: z.literal('case'), id: z.uuid() }), z.object({ kind: z.literal('consultation'), id: z.uuid() })]),
        rating: z.number().int().min(1).max(5),
        comment: z.string().trim().max(2000).nullable(),
      })
      .strict(),
    output: z.null(),
    access: deskRoles,
  }),

  /** The desktop app shows a generated PDF in a viewer window with the system's print dialog. */
  'app.printPdf': call({ input: z.object({ file: FileContent }).strict(), output: z.null(), access: 'signedIn' }),

  'audit.clientAccess': call({ input: z.object({ clientId: z.uuid() }).strict(), output: z.array(AuditEntry), access: ['supervisor', 'admin'] }),

  /** The supervisor's dashboard (main/supervision): live figures, kept from the last answer while the platform is unreachable. */
  'supervision.live': call({ input: Empty, output: SupervisionLive, access: ['supervisor', 'admin'] }),
  'supervision.history': call({ input: StatsQuery.strict(), output: StatsReport, access: ['supervisor', 'admin'] }),
  /** The history as a CSV for Latvian Excel (UTF-8 with BOM, `;`, decimal comma) or an A4 landscape PDF. */
  'supervision.export': call({ input: StatsQuery.extend({ format: z.enum(['csv', 'pdf']) }).strict(), output: FileContent, access: ['supervisor', 'admin'] }),
  /** Threshold changes go through the outbox, so they are not lost while the platform is unreachable. */
  'supervision.setTarget': call({
    input: z.object({ queueId: z.string().min(1).max(80), waitTargetMinutes: z.number().int().min(1).max(240) }).strict(),
    output: SupervisionLive,
    access: ['supervisor', 'admin'],
  }),
  'supervision.setAlerts': call({ input: AlertSettings.strict(), output: SupervisionLive, access: ['supervisor', 'admin'] }),

  'kb.search': call({
    input: z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(50).default(10) }).strict(),
    output: z.object({ items: z.array(KbHit) }),
    access: 'signedIn',
  }),
  /** Opening an article records that this user has read its version. */
  'kb.get': call({ input: z.object({ id: z.string().min(1).max(200) }).strict(), output: KbArticle, access: 'signedIn' }),
  /** Articles for what the clerk is doing: the service of an open case, the words of a script step. */
  'kb.suggest': call({
    input: z.object({ serviceCode: ServiceCode.nullable().default(null), text: z.string().max(4000).default(''), limit: z.number().int().min(1).max(20).default(5) }).strict(),
    output: z.object({ items: z.array(KbArticleSummary) }),
    access: 'signedIn',
  }),
  'kb.topics': call({ input: Empty, output: z.object({ items: z.array(KbTopic) }), access: 'signedIn' }),
  'kb.browse': call({ input: z.object({ topic: z.string().min(1).max(200) }).strict(), output: z.object({ items: z.array(KbArticleSummary) }), access: 'signedIn' }),
  /** What changed in the services and topics this user follows since they last read it. */
  'kb.changes': call({ input: Empty, output: z.object({ items: z.array(KbArticleSummary), subscriptions: z.array(KbSubscription) }), access: 'signedIn' }),
  'kb.subscribe': call({
    input: z.object({ kind: z.enum(['service', 'topic']), key: z.string().min(1).max(200), subscribed: z.boolean() }).strict(),
    output: z.object({ subscriptions: z.array(KbSubscription) }),
    access: 'signedIn',
  }),
  'kb.history': call({ input: z.object({ id: z.string().min(1).max(200) }).strict(), output: z.object({ items: z.array(KbVersion), complete: z.boolean() }), access: 'signedIn' }),
  'kb.publish': call({ input: ArticleDraft.strict(), output: KbArticle, access: ['editor'] }),
  'kb.retire': call({ input: z.object({ id: z.string().min(1).max(200) }).strict(), output: KbArticle, access: ['editor'] }),
  'kb.attach': call({ input: z.object({ articleId: z.string().min(1).max(200), file: FileContent }).strict(), output: KbArticle, access: ['editor'] }),
  /** An article's file, from this desk's copy. */
  'kb.file': call({ input: z.object({ id: z.string().min(1).max(200) }).strict(), output: FileContent, access: 'signedIn' }),
  'kb.scripts': call({ input: Empty, output: z.object({ items: z.array(KbScriptSummary) }), access: 'signedIn' }),
  'kb.script': call({ input: z.object({ id: z.string().min(1).max(200) }).strict(), output: KbScript, access: 'signedIn' }),
  'kb.publishScript': call({ input: ScriptDraft.strict(), output: KbScript, access: ['editor'] }),

  'status.get': call({ input: Empty, output: SyncStatus, access: 'signedIn' }),
  'sync.overview': call({ input: Empty, output: SyncOverview, access: 'signedIn' }),
  'sync.now': call({ input: Empty, output: SyncStatus, access: 'signedIn' }),
  'sync.conflict': call({ input: z.object({ mutationId: z.number().int().positive() }).strict(), output: SyncConflict, access: deskRoles }),
  'sync.resolveConflict': call({ input: ConflictResolution.strict(), output: z.null(), access: deskRoles }),
  'sync.dismissFailure': call({
    input: z.object({ mutationId: z.number().int().positive() }).strict(),
    output: z.null(),
    access: deskRoles,
  }),
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
/** What the renderer may pass (defaults still optional). */
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>;
/** What the core's handler receives after validation (defaults filled in). */
export type ParsedInput<K extends CallName> = z.output<Calls[K]['input']>;
export type CallOutput<K extends CallName> = z.output<Calls[K]['output']>;

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(calls, name);
}
