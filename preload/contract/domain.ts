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

/** Who the consultation was for: anonymous, or partly identified by a phone number (domain.md). */
export const ConsultationClient = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('anonymous') }),
  z.object({ kind: z.literal('phone'), phone: PhoneNumber }),
]);
export type ConsultationClient = z.infer<typeof ConsultationClient>;

export const consultationOutcomes = ['informed', 'referred', 'application_needed', 'unresolved'] as const;
export const ConsultationOutcome = z.enum(consultationOutcomes);
export type ConsultationOutcome = z.infer<typeof ConsultationOutcome>;

export const NewConsultation = z.object({
  serviceCode: ServiceCode.nullable(),
  channel: Channel,
  client: ConsultationClient,
  outcome: ConsultationOutcome,
  note: z.string().trim().max(2000),
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
  ]),
  outcome: ConsultationOutcome,
  note: z.string(),
  clerkName: z.string(),
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
});
export type KbHit = z.infer<typeof KbHit>;

export const KbArticle = z.object({
  id: z.string(),
  title: z.string(),
  topic: z.string(),
  body: z.string(),
  tags: z.array(z.string()),
  serviceCodes: z.array(z.string()),
  status: z.enum(['current', 'outdated']),
  version: z.number().int().positive(),
  updatedAt: z.string(),
  source: z.string().nullable(),
});
export type KbArticle = z.infer<typeof KbArticle>;

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
