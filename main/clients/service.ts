import { randomUUID } from 'node:crypto';
import { AppError, type InvoiceSummary, type ClientDetail, type ClientProfile, type ClientSummary, type NewClient, type TimelineEntry } from '../../preload/contract';
import { clientIdForPersonalCode } from '../../shared/client-id';
import { checkPersonalCode, maskPersonalCode, personalCodeMessages } from '../../shared/personal-code';
import { recordAudit } from '../audit/record';
import { signedIn, type CaseService, type Session } from '../cases/service';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { EventBus } from '../events';
import type { InvoiceQueries } from '../invoices/queries';
import type { Logger } from '../logger';
import type { Connection } from '../rpc/router';
import type { PlatformClient } from '../sync/platform-client';
import type { Projection, LocalStore } from '../sync/store';
import { fold, latvianCollator, words } from '../text/fold';
import { clientQueries, type ClientRow } from './queries';

export interface ClientDeps {
  clock: Clock;
  store: LocalStore;
  events: EventBus;
  logger: Logger;
  cases: CaseService;
  invoices: InvoiceQueries;
  /** The platform while the desk is online, for other centres' clients; null offline or unconfigured. */
  remote: () => PlatformClient | null;
  /** Where a client met through the platform is kept, so the desk can still open their case offline. */
  cache: Projection;
  onChanged: () => void;
}

type Lookup = { kind: 'code'; code: string } | { kind: 'codePrefix'; prefix: string } | { kind: 'phone'; digits: string } | { kind: 'email'; email: string } | { kind: 'name'; words: string[] };

const digitsOf = (phone: string) => phone.replace(/\D/gu, '').replace(/^371(?=\d{8}$)/u, '');

/**
 * What the clerk typed, told apart by its shape. A whole personal code that is wrong gets the reason
 * (format, birth date, check digit) rather than an empty list, so a typo is caught at once.
 */
export function parseLookup(query: string): Lookup {
  const trimmed = query.trim();
  const compact = trimmed.replace(/[\s-]/gu, '');
  if (trimmed.includes('@')) return { kind: 'email', email: trimmed.toLowerCase() };
  if (trimmed.startsWith('+') || /^[2-9]\d{7}$/u.test(compact)) return { kind: 'phone', digits: digitsOf(trimmed) };
  if (/^\d{11}$/u.test(compact)) {
    const check = checkPersonalCode(compact);
    if (!check.valid) throw new AppError('INVALID_INPUT', personalCodeMessages[check.problem ?? 'format'], { issues: [{ path: 'query', message: check.problem ?? 'format' }] });
    return { kind: 'code', code: check.normalised ?? compact };
  }
  if (/^\d{6,10}$/u.test(compact)) return { kind: 'codePrefix', prefix: compact.length > 6 ? `${compact.slice(0, 6)}-${compact.slice(6)}` : compact };
  if (/^\d+$/u.test(compact)) throw new AppError('INVALID_INPUT', personalCodeMessages.format, { issues: [{ path: 'query', message: 'format' }] });
  return { kind: 'name', words: words(trimmed) };
}

function summary(row: ClientRow, source: ClientSummary['source'] = 'desk'): ClientSummary {
  return {
    id: row.id,
    personalCodeMasked: row.personal_code ? maskPersonalCode(row.personal_code) : null,
    firstName: row.first_name,
    lastName: row.last_name,
    phone: row.phone,
    email: row.email,
    source,
    syncState: row.version === null ? 'pending' : 'synced',
  };
}

const byName = (a: ClientSummary, b: ClientSummary) =>
  latvianCollator.compare(a.lastName ?? '', b.lastName ?? '') || latvianCollator.compare(a.firstName ?? '', b.firstName ?? '');

/** Clients: lookup across this desk and the platform, registration offline, and the audited 360 view. */
export function createClientService(db: Db, deps: ClientDeps) {
  const q = clientQueries(db);

  function localMatches(lookup: Lookup): ClientRow[] {
    switch (lookup.kind) {
      case 'code':
        return q.byCode.all(lookup.code);
      case 'codePrefix':
        return q.byCodePrefix.all(lookup.prefix);
      case 'phone':
        return q.byPhone.all(lookup.digits);
      case 'email':
        return q.byEmail.all(lookup.email);
      case 'name':
        return lookup.words.length > 0 ? q.byName(lookup.words) : [];
    }
  }

  function detail(row: ClientRow): ClientDetail {
    return { ...summary(row), personalCode: row.personal_code, bankAccount: row.bank_account };
  }

  const register = db.transaction((session: Session, args: Record<string, unknown> & { id: string }) => {
    const at = deps.clock.now();
    deps.store.mutate({ name: 'client.create', args, userId: session.user.id, at });
    recordAudit(db, { at, userId: session.user.id, action: 'client.create', subject: args.id, outcome: 'ok' });
  });

  const viewedOffline = db.transaction((session: Session, clientId: string, reason: string) => {
    const at = deps.clock.now();
    deps.store.mutate({ name: 'client.profileViewed', args: { id: randomUUID(), clientId, reason, viewedAt: at.toISOString() }, userId: session.user.id, at });
    recordAudit(db, { at, userId: session.user.id, action: 'client.profile', subject: clientId, outcome: 'ok', detail: { channel: 'offline' } });
  });

  function localProfile(row: ClientRow): ClientProfile {
    const cases: TimelineEntry[] = deps.cases.summariesOfClient(row.id).map((c) => ({
      kind: 'case',
      id: c.id,
      at: c.createdAt,
      service: c.service,
      channel: c.channel,
      caseNumber: c.caseNumber,
      status: c.status,
      outcome: null,
      centreId: null,
    }));
    const consultations = db
      .prepare<[string], { id: string; created_at: string; service_code: string | null; service_name: string | null; channel: string; outcome: string }>(
        `SELECT c.id, c.created_at, c.service_code, s.name AS service_name, c.channel, c.outcome FROM consultations c LEFT JOIN services s ON s.code = c.service_code WHERE c.client_id = ?`,
      )
      .all(row.id)
      .map(
        (c): TimelineEntry => ({
          kind: 'consultation',
          id: c.id,
          at: c.created_at,
          service: c.service_code ? { code: c.service_code, name: c.service_name ?? c.service_code } : null,
          channel: c.channel as TimelineEntry['channel'],
          caseNumber: null,
          status: null,
          outcome: c.outcome as TimelineEntry['outcome'],
          centreId: null,
        }),
      );
    return { client: detail(row), timeline: [...cases, ...consultations].sort((a, b) => b.at.localeCompare(a.at)), invoices: deps.invoices.ofClient(row.id), source: 'desk' };
  }

  const serviceName = db.prepare<[string], { name: string }>(`SELECT name FROM services WHERE code = ?`);
  const service = (code: string | null | undefined) => (code ? { code, name: serviceName.get(code)?.name ?? code } : null);

  /** The platform's 360 view (every centre), with what this desk still holds unsent laid over it. */
  function mergedProfile(remote: Awaited<ReturnType<PlatformClient['clientProfile']>>, local: ClientProfile): ClientProfile {
    const c = remote.client;
    const fromPlatform: TimelineEntry[] = [
      ...remote.cases.map(
        (x): TimelineEntry => ({ kind: 'case', id: x.id, at: x.createdAt, service: service(x.serviceCode), channel: x.channel as TimelineEntry['channel'], caseNumber: x.caseNumber, status: x.status as TimelineEntry['status'], outcome: null, centreId: x.centreId ?? null }),
      ),
      ...remote.consultations.map(
        (x): TimelineEntry => ({ kind: 'consultation', id: x.id, at: x.createdAt, service: service(x.serviceCode), channel: x.channel as TimelineEntry['channel'], caseNumber: null, status: null, outcome: x.outcome as TimelineEntry['outcome'], centreId: x.centreId ?? null }),
      ),
    ];
    // This desk's own rows are newer than or equal to the platform's (pending edits on top).
    const timeline = new Map(fromPlatform.map((e) => [e.id, e]));
    for (const e of local.timeline) timeline.set(e.id, { ...e, centreId: timeline.get(e.id)?.centreId ?? e.centreId });
    const invoices = new Map<string, InvoiceSummary>(
      remote.invoices.map((i) => [
        i.id,
        {
          id: i.id,
          caseId: i.caseId,
          number: i.number,
          reference: i.reference,
          kind: i.kind as InvoiceSummary['kind'],
          amountCents: i.amountCents,
          paidCents: i.payments.reduce((sum, p) => sum + p.amountCents, 0),
          status: i.status as InvoiceSummary['status'],
          timing: i.timing === 'prepayment' ? 'prepayment' : 'postpayment',
          issuedAt: i.issuedAt,
          syncState: 'synced',
        },
      ]),
    );
    for (const i of local.invoices) invoices.set(i.id, i);
    const client: ClientDetail =
      local.client.syncState === 'pending'
        ? local.client
        : { ...local.client, personalCode: c.personalCode ?? null, personalCodeMasked: c.personalCode ? maskPersonalCode(c.personalCode) : null, firstName: c.firstName ?? null, lastName: c.lastName ?? null, phone: c.phone ?? null, email: c.email ?? null, bankAccount: c.bankAccount ?? null };
    return { client, timeline: [...timeline.values()].sort((a, b) => b.at.localeCompare(a.at)), invoices: [...invoices.values()].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt)), source: 'platform' };
  }

  return {
    async search(query: string): Promise<{ items: ClientSummary[]; platformSearched: boolean }> {
      const lookup = parseLookup(query);
      const found = new Map(localMatches(lookup).map((r) => [r.id, summary(r)]));
      let platformSearched = false;
      const remote = deps.remote();
      if (remote && !(lookup.kind === 'code' && found.size > 0)) {
        try {
          for (const c of await remote.findClients(query.trim(), 20)) {
            if (found.has(c.id)) continue;
            found.set(c.id, { id: c.id, personalCodeMasked: c.personalCode ?? null, firstName: c.firstName ?? null, lastName: c.lastName ?? null, phone: c.phone ?? null, email: c.email ?? null, source: 'platform', syncState: 'synced' });
          }
          platformSearched = true;
        } catch (error) {
          // The desk's own clients are still listed; the screen says other centres were not searched.
          deps.logger.error('clients.remoteSearchFailed', { kind: error instanceof Error ? error.name : typeof error });
        }
      } else if (lookup.kind === 'code' && found.size > 0) {
        platformSearched = true;
      }
      return { items: [...found.values()].sort(byName).slice(0, 50), platformSearched };
    },

    /** Who this new client may already be: the same personal code, name, phone or e-mail. */
    duplicates(input: NewClient): ClientSummary[] {
      const seen = new Map<string, ClientSummary>();
      const add = (rows: ClientRow[]) => rows.forEach((r) => seen.set(r.id, summary(r)));
      const code = input.personalCode ? checkPersonalCode(input.personalCode).normalised : null;
      if (code) add(q.byCode.all(code));
      if (input.firstName && input.lastName) add(q.byFullName.all(fold(`${input.firstName} ${input.lastName}`)));
      if (input.phone) add(q.byPhone.all(digitsOf(input.phone)));
      if (input.email) add(q.byEmail.all(input.email));
      return [...seen.values()].sort(byName);
    },

    create(connection: Connection, input: NewClient): ClientDetail {
      const session = signedIn(connection);
      let id: string;
      let personalCode: string | null = null;
      if (input.personalCode) {
        const check = checkPersonalCode(input.personalCode);
        if (!check.valid) throw new AppError('INVALID_INPUT', personalCodeMessages[check.problem ?? 'format'], { issues: [{ path: 'personalCode', message: check.problem ?? 'format' }] });
        personalCode = check.normalised;
        id = clientIdForPersonalCode(input.personalCode) ?? randomUUID();
        if (!input.firstName || !input.lastName) throw new AppError('INVALID_INPUT', 'Klientam ar personas kodu norādiet vārdu un uzvārdu.', { issues: [{ path: input.firstName ? 'lastName' : 'firstName', message: 'required' }] });
      } else {
        if (!input.phone && !input.email) throw new AppError('INVALID_INPUT', 'Daļēji identificētam klientam norādiet vismaz tālruni vai e-pastu.', { issues: [{ path: 'phone', message: 'required' }] });
        id = randomUUID();
      }
      register(session, { id, personalCode, firstName: input.firstName, lastName: input.lastName, phone: input.phone, email: input.email, bankAccount: null });
      deps.events.emit('clients.changed', { id });
      deps.onChanged();
      const row = q.byId.get(id);
      if (!row) throw new Error('client vanished after insert');
      return detail(row);
    },

    /**
     * The 360 view. Online it comes from the platform, which records the reason in its audit log;
     * offline from this desk, with the view queued for the platform's audit log. Either way the
     * desk's own audit log has it.
     */
    async openProfile(connection: Connection, clientId: string, reason: string): Promise<ClientProfile> {
      const session = signedIn(connection);
      const remote = deps.remote();
      if (remote) {
        try {
          const profile = await remote.clientProfile(clientId, reason);
          recordAudit(db, { at: deps.clock.now(), userId: session.user.id, action: 'client.profile', subject: clientId, outcome: 'ok', detail: { channel: 'online' } });
          if (!q.byId.get(clientId)) {
            const c = profile.client;
            deps.cache.put(clientId, { ...c }, { version: 0, pending: false });
          }
          const row = q.byId.get(clientId);
          if (!row) throw new Error('client vanished after caching');
          return mergedProfile(profile, localProfile(row));
        } catch (error) {
          if (error instanceof AppError) throw error;
          deps.logger.error('clients.remoteProfileFailed', { kind: error instanceof Error ? error.name : typeof error });
        }
      }
      const row = q.byId.get(clientId);
      if (!row) throw new AppError('NOT_FOUND', 'Klients šajā darba vietā nav atrasts, un platforma nav sasniedzama. Reģistrējiet klientu vai mēģiniet vēlāk.');
      viewedOffline(session, clientId, reason);
      deps.onChanged();
      return localProfile(row);
    },
  };
}
