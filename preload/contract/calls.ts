import { z } from 'zod';
import {
  AppInfo,
  ConflictResolution,
  Consultation,
  ConsultationChanges,
  Institution,
  KbArticle,
  KbHit,
  Locale,
  NewConsultation,
  ServiceCode,
  ServiceDetail,
  ServiceSummary,
  Session,
  SyncConflict,
  SyncOverview,
  SyncStatus,
} from './domain';
import type { Role } from './domain';

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

  'kb.search': call({
    input: z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(50).default(10) }).strict(),
    output: z.object({ items: z.array(KbHit) }),
    access: 'signedIn',
  }),
  'kb.get': call({ input: z.object({ id: z.string().min(1).max(200) }).strict(), output: KbArticle, access: 'signedIn' }),

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
