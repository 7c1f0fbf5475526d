import { z } from 'zod';

/** Shapes of the domain as they cross the contract. Kept free of any import of ours (layering rule). */

export const roles = ['clerk', 'agent', 'supervisor', 'editor', 'admin'] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

/** The one-stop shop's channels (domain.md): in person, phone, e-mail, portal, post, official e-address. */
export const channels = ['in_person', 'phone', 'email', 'portal', 'post', 'e_address'] as const;
export const Channel = z.enum(channels);
export type Channel = z.infer<typeof Channel>;

export const locales = ['lv', 'en'] as const;
export const Locale = z.enum(locales);
export type Locale = z.infer<typeof Locale>;

export const ServiceCode = z
  .string()
  .trim()
  .regex(/^[A-Z0-9][A-Z0-9.-]{0,19}$/u, 'service code');

export const Institution = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(['state', 'municipality']),
});
export type Institution = z.infer<typeof Institution>;

export const Fee = z.object({
  kind: z.enum(['free', 'fee', 'state_duty']),
  /** Euro cents: money never travels as a float. */
  amountCents: z.number().int().nonnegative(),
});
export type Fee = z.infer<typeof Fee>;

export const ServiceSummary = z.object({
  code: ServiceCode,
  name: z.string(),
  owner: Institution,
  channels: z.array(Channel),
  fee: Fee,
  /** Set when the query matched a synonym rather than the name, so the clerk sees why it was found. */
  matchedSynonym: z.string().nullable(),
});
export type ServiceSummary = z.infer<typeof ServiceSummary>;

export const ServiceDetail = ServiceSummary.extend({
  description: z.string(),
  synonyms: z.array(z.string()),
  requiredDocuments: z.array(z.string()),
  typicalDurationDays: z.number().int().nonnegative(),
  slaDays: z.number().int().nonnegative(),
});
export type ServiceDetail = z.infer<typeof ServiceDetail>;

export const Desk = z.object({
  id: z.string(),
  name: z.string(),
  centreId: z.string(),
  centreName: z.string(),
});
export type Desk = z.infer<typeof Desk>;

export const User = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(Role),
});
export type User = z.infer<typeof User>;

export const Session = z.object({
  user: User,
  desk: Desk.nullable(),
  signedInAt: z.iso.datetime({ offset: true }),
});
export type Session = z.infer<typeof Session>;

/** Latvian phone numbers as clerks type them: optional +371, then 8 digits, spaces allowed. */
export const PhoneNumber = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s-]/gu, ''))
  .pipe(z.string().regex(/^(\+371)?[2-9]\d{7}$|^\+(?!371)\d{7,15}$/u, 'phone'));

/** Who the consultation was for: anonymous, partly identified by a phone number, or a known client (domain.md). */
export const ConsultationClient = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('anonymous') }),
  z.object({ kind: z.literal('phone'), phone: PhoneNumber }),
  z.object({ kind: z.literal('client'), clientId: z.uuid() }),
]);
export type ConsultationClient = z.infer<typeof ConsultationClient>;

export const consultationOutcomes = ['informed', 'referred', 'application_needed', 'unresolved'] as const;
export const ConsultationOutcome = z.enum(consultationOutcomes);
export type ConsultationOutcome = z.infer<typeof ConsultationOutcome>;

/** Which script, in which version, and the steps an agent went through, kept with the consultation. */
export const ScriptRun = z.object({ id: z.string().min(1).max(80), version: z.number().int().positive(), path: z.array(z.string().max(80)).min(1).max(200) });
export type ScriptRun = z.infer<typeof ScriptRun>;

export const NewConsultation = z.object({
  serviceCode: ServiceCode.nullable(),
  channel: Channel,
  client: ConsultationClient,
  outcome: ConsultationOutcome,
  note: z.string().trim().max(2000),
  /** Recorded at the end of a call script. */
  script: ScriptRun.optional(),
});
export type NewConsultation = z.infer<typeof NewConsultation>;

export const Consultation = z.object({
  id: z.uuid(),
  createdAt: z.iso.datetime({ offset: true }),
  service: z.object({ code: ServiceCode, name: z.string() }).nullable(),
  channel: Channel,
  client: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('anonymous') }),
    z.object({ kind: z.literal('phone'), phone: z.string() }),
    z.object({ kind: z.literal('client'), clientId: z.uuid(), name: z.string() }),
  ]),
  outcome: ConsultationOutcome,
  note: z.string(),
  clerkName: z.string(),
  /** The call script the consultation was recorded from, by its title. */
  scriptTitle: z.string().nullable(),
  /** Still waiting in the outbox, or confirmed by the platform. */
  syncState: z.enum(['pending', 'synced']),
});
export type Consultation = z.infer<typeof Consultation>;

export const SyncStatus = z.object({
  /**
   * not_configured: no platform address, the desk works locally only; unauthorised: the platform
   * refused the sign-in (sign in again); server_error: the platform answered with an error;
   * update_required: desk and platform versions do not fit together (changes wait; update Lete).
   */
  connection: z.enum(['online', 'offline', 'unauthorised', 'server_error', 'update_required', 'not_configured']),
  /** The first download on a new desk, while it runs: seq numbers done of total, and a time estimate. */
  bootstrap: z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative(), etaSeconds: z.number().int().nonnegative().nullable() }).nullable(),
  pendingChanges: z.number().int().nonnegative(),
  /** Changes the platform refused or found in conflict, waiting for the clerk. */
  failedChanges: z.number().int().nonnegative(),
  lastSyncAt: z.iso.datetime({ offset: true }).nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'web']),
  locale: Locale,
});
export type AppInfo = z.infer<typeof AppInfo>;

/** A run of text in a search snippet; `hit` marks a matched word, so the screen highlights it safely. */
export const Segment = z.object({ text: z.string(), hit: z.boolean() });
export type Segment = z.infer<typeof Segment>;

export const KbHit = z.object({
  id: z.string(),
  title: z.string(),
  topic: z.string(),
  status: z.enum(['current', 'outdated']),
  tags: z.array(z.string()),
  snippet: z.array(Segment),
  /** A newer version than the one this user last read. */
  changed: z.boolean(),
});
export type KbHit = z.infer<typeof KbHit>;

export const articleTemplates = ['procedure', 'faq', 'back_office', 'free'] as const;
export const LegislationLink = z.object({ title: z.string().trim().min(1).max(300), url: z.url({ protocol: /^https?$/u }).max(500) });

export const KbArticle = z.object({
  id: z.string(),
  title: z.string(),
  topic: z.string(),
  body: z.string(),
  tags: z.array(z.string()),
  serviceCodes: z.array(z.string()),
  legislation: z.array(LegislationLink),
  /** providers: every desk; owners: only the owning institution's staff. */
  audience: z.enum(['providers', 'owners']),
  ownerCode: z.string().nullable(),
  template: z.enum(articleTemplates),
  status: z.enum(['current', 'outdated']),
  version: z.number().int().positive(),
  updatedAt: z.string(),
  updatedByName: z.string().nullable(),
  source: z.string().nullable(),
  /** The version this user had read before this opening; null when never. */
  lastReadVersion: z.number().int().nullable(),
  /** Waiting in the outbox: published here, not yet confirmed by the platform. */
  pending: z.boolean(),
  /** Files that go with the article; `available` once the content is on this desk. */
  files: z.array(z.object({ id: z.string(), name: z.string(), mediaType: z.string(), size: z.number().int().nonnegative(), available: z.boolean() })),
});
export type KbArticle = z.infer<typeof KbArticle>;

export const KbArticleSummary = z.object({
  id: z.string(),
  title: z.string(),
  topic: z.string(),
  status: z.enum(['current', 'outdated']),
  version: z.number().int().positive(),
  updatedAt: z.string(),
  changed: z.boolean(),
});
export type KbArticleSummary = z.infer<typeof KbArticleSummary>;

export const KbTopic = z.object({ path: z.string(), articles: z.number().int().nonnegative(), changed: z.number().int().nonnegative() });
export type KbTopic = z.infer<typeof KbTopic>;

export const KbSubscription = z.object({ kind: z.enum(['service', 'topic']), key: z.string().min(1).max(200), label: z.string() });
export type KbSubscription = z.infer<typeof KbSubscription>;

export const KbVersion = z.object({ version: z.number().int().positive(), title: z.string(), status: z.string(), updatedAt: z.string(), updatedByName: z.string().nullable() });
export type KbVersion = z.infer<typeof KbVersion>;

const draftText = (max: number) => z.string().trim().min(1).max(max);
export const ArticleDraft = z.object({
  id: z.uuid(),
  /** The version the editor started from; 0 for a new article. */
  baseVersion: z.number().int().min(0),
  title: draftText(300),
  body: draftText(200_000),
  topic: draftText(200),
  tags: z.array(draftText(60)).max(30),
  serviceCodes: z.array(ServiceCode).max(50),
  legislation: z.array(LegislationLink).max(30),
  audience: z.enum(['providers', 'owners']),
  template: z.enum(articleTemplates),
});
export type ArticleDraft = z.infer<typeof ArticleDraft>;

export const ScriptStep = z.object({
  id: z.string().trim().min(1).max(80),
  kind: z.enum(['question', 'info', 'record', 'end']),
  text: draftText(4000),
  articleId: z.string().max(80).nullable().optional(),
  choices: z.array(z.object({ label: draftText(200), next: z.string().trim().min(1).max(80) })).max(20).optional(),
  next: z.string().max(80).nullable().optional(),
  outcome: z.enum(['informed', 'referred', 'application_needed', 'unresolved']).nullable().optional(),
});
export type ScriptStep = z.infer<typeof ScriptStep>;

export const ScriptDraft = z.object({
  id: z.uuid(),
  baseVersion: z.number().int().min(0),
  title: draftText(300),
  serviceCodes: z.array(ServiceCode).max(50),
  start: z.string().trim().min(1).max(80),
  steps: z.array(ScriptStep).min(1).max(500),
});
export type ScriptDraft = z.infer<typeof ScriptDraft>;

export const KbScriptSummary = z.object({ id: z.string(), title: z.string(), serviceCodes: z.array(z.string()), version: z.number().int().positive() });
export type KbScriptSummary = z.infer<typeof KbScriptSummary>;

export const KbScript = ScriptDraft.omit({ baseVersion: true }).extend({ id: z.string(), version: z.number().int().positive(), updatedAt: z.string(), pending: z.boolean() });
export type KbScript = z.infer<typeof KbScript>;

export const OutboxEntry = z.object({
  mutationId: z.number().int().positive(),
  name: z.string(),
  entityId: z.string(),
  createdAt: z.string(),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

/** A change the platform refused or found in conflict; it left the outbox and waits for the clerk. */
export const SyncFailureEntry = z.object({
  mutationId: z.number().int().positive(),
  kind: z.enum(['rejected', 'conflict']),
  name: z.string(),
  entityId: z.string(),
  reason: z.string().nullable(),
  fields: z.array(z.string()),
  at: z.string(),
});
export type SyncFailureEntry = z.infer<typeof SyncFailureEntry>;

/** A clerk's edit of a consultation already registered: only what may change after the fact. */
export const ConsultationChanges = z
  .object({ outcome: ConsultationOutcome.optional(), note: z.string().trim().max(2000).optional(), channel: Channel.optional() })
  .strict()
  .refine((c) => Object.keys(c).length > 0, { message: 'nothing to change' });
export type ConsultationChanges = z.infer<typeof ConsultationChanges>;

/** A conflict side by side: per field, what this desk wanted and what the platform holds now. */
export const SyncConflict = z.object({
  mutationId: z.number().int().positive(),
  entity: z.string(),
  entityId: z.string(),
  name: z.string(),
  at: z.string(),
  fields: z.array(z.object({ field: z.string(), mine: z.unknown(), theirs: z.unknown() })),
});
export type SyncConflict = z.infer<typeof SyncConflict>;

/** Per conflicting field, whose value stays; any `mine` is sent again as a new change on today's state. */
export const ConflictResolution = z.object({
  mutationId: z.number().int().positive(),
  choices: z.record(z.string().max(100), z.enum(['mine', 'theirs'])),
});
export type ConflictResolution = z.infer<typeof ConflictResolution>;

export const SyncOverview = z.object({
  pending: z.array(OutboxEntry),
  failures: z.array(SyncFailureEntry),
});
export type SyncOverview = z.infer<typeof SyncOverview>;

/* ---- Case work: clients, cases, invoices ---- */

/** Wherever a listed client comes from: synced to this desk, or found on the platform (another centre). */
export const ClientSummary = z.object({
  id: z.uuid(),
  /** Lists never show a whole personal code: `010190-1****`. */
  personalCodeMasked: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  source: z.enum(['desk', 'platform']),
  syncState: z.enum(['pending', 'synced']),
});
export type ClientSummary = z.infer<typeof ClientSummary>;

export const ClientDetail = ClientSummary.extend({ personalCode: z.string().nullable(), bankAccount: z.string().nullable() });
export type ClientDetail = z.infer<typeof ClientDetail>;

const Name = z.string().trim().min(1).max(100);

/** A new client: by personal code, or partly identified by a phone number or an e-mail (domain.md). */
export const NewClient = z.object({
  personalCode: z.string().trim().max(20).nullable(),
  firstName: Name.nullable(),
  lastName: Name.nullable(),
  phone: PhoneNumber.nullable(),
  email: z.email().max(200).nullable(),
});
export type NewClient = z.infer<typeof NewClient>;

export const caseStatuses = ['draft', 'submitted', 'in_progress', 'waiting_client', 'waiting_payment', 'result_ready', 'delivered', 'closed', 'cancelled', 'rejected'] as const;
export const CaseStatus = z.enum(caseStatuses);
export type CaseStatus = z.infer<typeof CaseStatus>;
export const CaseLevel = z.enum(['desk', 'second_level', 'owner']);
export type CaseLevel = z.infer<typeof CaseLevel>;

export const InvoiceSummary = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  number: z.string(),
  reference: z.string(),
  kind: z.enum(['fee', 'state_duty']),
  amountCents: z.number().int().nonnegative(),
  paidCents: z.number().int().nonnegative(),
  status: z.enum(['issued', 'paid', 'cancelled']),
  /** Prepayment: issued before the application went to the owner, paid before it is examined. */
  timing: z.enum(['prepayment', 'postpayment']),
  issuedAt: z.string(),
  syncState: z.enum(['pending', 'synced']),
});
export type InvoiceSummary = z.infer<typeof InvoiceSummary>;

export const CaseSummary = z.object({
  id: z.uuid(),
  caseNumber: z.string(),
  service: z.object({ code: z.string(), name: z.string() }),
  owner: z.object({ code: z.string(), name: z.string() }),
  client: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  channel: Channel,
  status: CaseStatus,
  level: CaseLevel,
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
  dueAt: z.string().nullable(),
  escalated: z.boolean(),
  /** Past the service's SLA and still open. */
  overdue: z.boolean(),
  syncState: z.enum(['pending', 'synced']),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const FormFieldSpec = z.object({
  key: z.string(),
  label: z.string(),
  type: z.enum(['text', 'number', 'date', 'select', 'checkbox', 'iban', 'personalCode']),
  required: z.boolean(),
  options: z.array(z.string()).optional(),
});
export type FormFieldSpec = z.infer<typeof FormFieldSpec>;

export const FormValues = z.record(z.string().max(100), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]));
export type FormValues = z.infer<typeof FormValues>;

export const AttachmentInfo = z.object({
  id: z.string(),
  kind: z.string(),
  name: z.string(),
  size: z.number().int().nonnegative(),
  uploaded: z.number().int().nonnegative(),
  state: z.enum(['local', 'uploaded']),
  error: z.string().nullable(),
});
export type AttachmentInfo = z.infer<typeof AttachmentInfo>;

export const CaseDetail = CaseSummary.extend({
  form: FormValues,
  formFields: z.array(FormFieldSpec),
  fee: Fee,
  requiredDocuments: z.array(z.string()),
  authorisation: z.object({ onBehalf: z.boolean(), signed: z.boolean(), note: z.string().nullable() }).nullable(),
  history: z.array(z.object({ at: z.string(), by: z.string(), action: z.string(), from: CaseStatus.nullable(), to: CaseStatus.nullable(), reason: z.string().nullable() })),
  notes: z.array(z.object({ at: z.string(), by: z.string(), text: z.string() })),
  result: z.string().nullable(),
  backOfficeRef: z.string().nullable(),
  attachments: z.array(AttachmentInfo),
  invoices: z.array(InvoiceSummary),
  /** The statuses this desk may move the case to now. */
  nextStatuses: z.array(CaseStatus),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

export const NewCase = z.object({
  serviceCode: ServiceCode,
  clientId: z.uuid().nullable(),
  channel: Channel,
  form: FormValues,
});
export type NewCase = z.infer<typeof NewCase>;

/** One line of a client's 360 view: every case and consultation, across channels and centres. */
export const TimelineEntry = z.object({
  kind: z.enum(['case', 'consultation']),
  id: z.uuid(),
  at: z.string(),
  service: z.object({ code: z.string(), name: z.string() }).nullable(),
  channel: Channel,
  caseNumber: z.string().nullable(),
  status: CaseStatus.nullable(),
  outcome: ConsultationOutcome.nullable(),
  centreId: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const ClientProfile = z.object({
  client: ClientDetail,
  timeline: z.array(TimelineEntry),
  invoices: z.array(InvoiceSummary),
  /** `platform`: every centre's records; `desk`: offline, only what this desk holds (said on screen). */
  source: z.enum(['platform', 'desk']),
});
export type ClientProfile = z.infer<typeof ClientProfile>;

/** A file crossing the contract: generated PDFs going out, scanned or chosen files coming in. */
export const FileContent = z.object({
  name: z.string().min(1).max(200),
  mediaType: z.string().min(1).max(100),
  /** Base64, at most 20 MB of content. */
  contentBase64: z.string().max(28_000_000),
});
export type FileContent = z.infer<typeof FileContent>;

export const AuditEntry = z.object({
  at: z.string(),
  userName: z.string().nullable(),
  action: z.string(),
  reason: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** The client signs the application while it is a draft or just submitted, still at the desk. */
export const signableStatuses: readonly CaseStatus[] = ['draft', 'submitted'];

/** More pointer samples than any real signature needs; the cap also keeps one call under browser mode's 1 MiB message limit. */
export const MAX_SIGNATURE_SAMPLES = 20_000;
/** Fewer samples with the pen or finger down than this is a tap or a slip, not a signature. */
export const MIN_SIGNATURE_SAMPLES = 10;

const UnitInterval = z.number().min(0).max(1);

/**
 * One pointer sample from the signing area. A tuple, not an object, because a long signature has
 * thousands: [x 0…1 left to right, y 0…1 top to bottom, pressure 0…1, microseconds since the first
 * sample, pointer type, whether the pen or finger touches (false where it lifted)].
 */
export const ScreenSample = z.tuple([UnitInterval, UnitInterval, UnitInterval, z.number().int().min(0).max(3_600_000_000), z.enum(['mouse', 'pen', 'touch']), z.boolean()]);
export type ScreenSample = z.infer<typeof ScreenSample>;

/** A signature drawn on the desk's screen, with the size of the area it was drawn in (CSS pixels). */
export const ScreenSignature = z
  .object({
    samples: z.array(ScreenSample).max(MAX_SIGNATURE_SAMPLES),
    area: z.object({ width: z.number().positive().max(10_000), height: z.number().positive().max(10_000) }).strict(),
  })
  .strict();
export type ScreenSignature = z.infer<typeof ScreenSignature>;

/** The client signs the application PDF the screen showed, identified by its SHA-256. */
export const SignApplication = z.object({
  caseId: z.uuid(),
  pdfSha256: z.string().regex(/^[0-9a-f]{64}$/u),
  /** As the clerk typed it; empty takes the case's client's name. */
  signer: z.object({ name: z.string().trim().max(200) }).strict(),
  capture: ScreenSignature,
});
