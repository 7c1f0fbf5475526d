import { randomUUID } from 'node:crypto';
import { AppError, type CaseDetail, type CaseStatus, type CaseSummary, type FormFieldSpec, type FormValues, type InvoiceSummary, type NewCase } from '../../preload/contract';
import { nextStatuses, transitionProblem } from '../../shared/case-lifecycle';
import { validateForm, type FormField } from '../../shared/form';
import { rigaDay } from '../../shared/riga-day';
import { recordAudit } from '../audit/record';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { Attachments } from '../documents/attachments';
import type { EventBus } from '../events';
import type { InvoiceQueries } from '../invoices/queries';
import type { Connection } from '../rpc/router';
import type { LocalStore, RowData } from '../sync/store';
import type { CaseNumbers } from './numbers';
import { latvianCollator } from '../text/fold';
import { caseQueries, type CaseRow } from './queries';

export type Session = NonNullable<Connection['session']>;

export function signedIn(connection: Connection): Session {
  // The router already refused calls without a session; this narrows the type for the compiler.
  if (!connection.session) throw new AppError('UNAUTHENTICATED', 'Jūs neesat pieslēdzies.');
  return connection.session;
}

const closedStatuses: CaseStatus[] = ['closed', 'cancelled', 'rejected'];
const editable: CaseStatus[] = ['draft', 'waiting_client'];

interface CaseData {
  caseNumber: string;
  status: CaseStatus;
  level: 'desk' | 'second_level' | 'owner';
  form?: FormValues;
  authorisation?: { onBehalf: boolean; signed: boolean; note: string | null } | null;
  history?: { at: string; by: string; action: string; from: CaseStatus | null; to: CaseStatus | null; reason: string | null }[];
  notes?: { at: string; by: string; text: string }[];
  result?: string | null;
  backOfficeRef?: string | null;
}

/** Form problems as field issues the screen puts next to each field. */
function formIssues(problems: Record<string, string>) {
  return Object.entries(problems).map(([key, message]) => ({ path: `form.${key}`, message }));
}

export interface CaseDeps {
  clock: Clock;
  store: LocalStore;
  events: EventBus;
  attachments: Attachments;
  numbers: CaseNumbers;
  invoices: InvoiceQueries;
  onChanged: () => void;
}

/** Service applications and their lifecycle on this desk: every change is a local write plus an outbox entry. */
export function createCaseService(db: Db, deps: CaseDeps) {
  const q = caseQueries(db);
  // The owner's back office acts through its integration account (`system-<institution>`), which no
  // desk's directory lists; the clerk reads which institution's system it was.
  const nameOf = (userId: string) => q.userName.get(userId)?.display_name ?? (userId.startsWith('system-') ? `${userId.slice(7).toUpperCase()} sistēma` : userId);

  function summary(row: CaseRow, now: Date): CaseSummary {
    const status = row.status as CaseStatus;
    return {
      id: row.id,
      caseNumber: row.case_number,
      service: { code: row.service_code, name: row.service_name ?? row.service_code },
      owner: { code: row.owner_code, name: row.owner_name ?? row.owner_code },
      client: row.client_id ? { id: row.client_id, name: row.client_name ?? '—' } : null,
      channel: row.channel as CaseSummary['channel'],
      status,
      level: row.level as CaseSummary['level'],
      assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? row.assignee_id } : null,
      createdAt: row.created_at,
      dueAt: row.due_at,
      escalated: row.escalated === 1,
      overdue: row.due_at !== null && Date.parse(row.due_at) < now.getTime() && !closedStatuses.includes(status) && status !== 'delivered',
      syncState: row.version === null ? 'pending' : 'synced',
    };
  }

  function detail(row: CaseRow): CaseDetail {
    const data = JSON.parse(row.data) as CaseData;
    const service = q.service.get(row.service_code);
    const invoices: InvoiceSummary[] = deps.invoices.ofCase(row.id);
    return {
      ...summary(row, deps.clock.now()),
      form: data.form ?? {},
      formFields: service ? (JSON.parse(service.form) as FormFieldSpec[]) : [],
      fee: { kind: (service?.fee_kind ?? 'free') as CaseDetail['fee']['kind'], amountCents: service?.fee_cents ?? 0 },
      requiredDocuments: service ? (JSON.parse(service.required_documents) as string[]) : [],
      authorisation: data.authorisation ? { onBehalf: data.authorisation.onBehalf, signed: data.authorisation.signed, note: data.authorisation.note } : null,
      history: (data.history ?? []).map((h) => ({ ...h, by: nameOf(h.by) })),
      notes: (data.notes ?? []).map((n) => ({ ...n, by: nameOf(n.by) })),
      result: data.result ?? null,
      backOfficeRef: data.backOfficeRef ?? null,
      attachments: deps.attachments.forCase(row.id),
      invoices,
      nextStatuses: nextStatuses(data.status, 'desk').filter((to) => transitionProblem(data, to, 'desk') === null && to !== 'submitted'),
    };
  }

  function load(id: string): CaseRow {
    const row = q.byId.get(id);
    if (!row) throw new AppError('NOT_FOUND', 'Lieta nav atrasta; iespējams, tā vēl nav sinhronizēta uz šo darba vietu.');
    return row;
  }

  function formOf(serviceCode: string): FormField[] {
    const service = q.service.get(serviceCode);
    return service ? (JSON.parse(service.form) as FormField[]) : [];
  }

  /** A draft may be incomplete, but what is filled in must already be right. */
  function checkDraftForm(serviceCode: string, form: FormValues) {
    const fields = formOf(serviceCode);
    const problems = validateForm(
      fields.map((f) => ({ ...f, required: false })),
      form,
    );
    if (Object.keys(problems).length > 0) throw new AppError('INVALID_INPUT', Object.values(problems).join(' '), { issues: formIssues(problems) });
  }

  const change = db.transaction((session: Session, name: string, args: RowData & { id: string }) => {
    const at = deps.clock.now();
    deps.store.mutate({ name, args, userId: session.user.id, at });
    recordAudit(db, { at, userId: session.user.id, action: name, subject: args.id, outcome: 'ok' });
  });

  function changed(session: Session, name: string, args: RowData & { id: string }): CaseDetail {
    change(session, name, args);
    deps.events.emit('cases.changed', { id: args.id });
    deps.onChanged();
    return detail(load(args.id));
  }

  /** Checks a desk's status change against the lifecycle the platform enforces, so the clerk hears now, not after sync. */
  function allowed(row: CaseRow, to: CaseStatus) {
    const problem = transitionProblem(JSON.parse(row.data) as CaseData, to, 'desk');
    if (problem) throw new AppError('CONFLICT', problem);
  }

  const create = db.transaction((session: Session, input: NewCase, id: string): void => {
    const caseNumber = deps.numbers.take(input.serviceCode);
    if (!caseNumber) {
      throw new AppError('CONFLICT', 'Šai darba vietai vairs nav rezervētu lietu numuru. Pieslēdzieties platformai (sinhronizācija tos saņem automātiski) un mēģiniet vēlreiz.');
    }
    change(session, 'case.create', { id, caseNumber, serviceCode: input.serviceCode, clientId: input.clientId, channel: input.channel, form: input.form });
  });

  return {
    create(connection: Connection, input: NewCase): CaseDetail {
      const session = signedIn(connection);
      if (!q.service.get(input.serviceCode)) throw new AppError('NOT_FOUND', 'Šāds pakalpojums katalogā nav atrasts. Izvēlieties pakalpojumu no saraksta.', { issues: [{ path: 'serviceCode', message: 'not found' }] });
      if (input.clientId && !q.clientExists.get(input.clientId)) throw new AppError('NOT_FOUND', 'Klients nav atrasts šajā darba vietā: atrodiet vai reģistrējiet klientu vēlreiz.');
      checkDraftForm(input.serviceCode, input.form);
      const id = randomUUID();
      create(session, input, id);
      deps.events.emit('cases.changed', { id });
      deps.onChanged();
      return detail(load(id));
    },

    get: (id: string) => detail(load(id)),

    update(connection: Connection, id: string, form: FormValues): CaseDetail {
      const session = signedIn(connection);
      const row = load(id);
      if (!editable.includes(row.status as CaseStatus)) throw new AppError('CONFLICT', `Lietu ${row.case_number} vairs nevar labot: tā ir iesniegta.`);
      checkDraftForm(row.service_code, form);
      return changed(session, 'case.update', { id, changes: { form } });
    },

    /** The clerk confirms the application on the client's behalf; the form must be complete. */
    submit(connection: Connection, input: { id: string; onBehalf: boolean; signed: boolean; note: string | null }): CaseDetail {
      const session = signedIn(connection);
      const row = load(input.id);
      allowed(row, 'submitted');
      const data = JSON.parse(row.data) as CaseData;
      const problems = validateForm(formOf(row.service_code), data.form ?? {});
      if (Object.keys(problems).length > 0) throw new AppError('INVALID_INPUT', `Veidlapa nav pilnīga: ${Object.values(problems).join(' ')}`, { issues: formIssues(problems) });
      if (row.channel === 'in_person' && !input.onBehalf) {
        throw new AppError('INVALID_INPUT', 'Klātienē iesniegtu pieteikumu speciālists apstiprina klienta vārdā: atzīmējiet pilnvarojumu.', { issues: [{ path: 'onBehalf', message: 'required' }] });
      }
      return changed(session, 'case.submit', { id: input.id, authorisation: { onBehalf: input.onBehalf, signed: input.signed, note: input.note } });
    },

    transition(connection: Connection, id: string, to: CaseStatus, reason: string | null): CaseDetail {
      const session = signedIn(connection);
      allowed(load(id), to);
      return changed(session, 'case.transition', { id, to, reason });
    },

    take(connection: Connection, id: string): CaseDetail {
      const session = signedIn(connection);
      const row = load(id);
      if (row.assignee_id && row.assignee_id !== session.user.id) throw new AppError('CONFLICT', `Šo lietu jau strādā ${row.assignee_name ?? 'cits kolēģis'}; lūdziet, lai lietu nodod jums.`);
      return changed(session, 'case.take', { id, reason: null });
    },

    transfer(connection: Connection, id: string, to: { kind: 'user'; userId: string } | { kind: 'second_level' } | { kind: 'owner' }, reason: string): CaseDetail {
      const session = signedIn(connection);
      const row = load(id);
      if (closedStatuses.includes(row.status as CaseStatus)) throw new AppError('CONFLICT', `Lieta ${row.case_number} ir pabeigta; to vairs nevar nodot.`);
      if (to.kind === 'user') {
        const colleague = q.userOf.get(to.userId);
        const me = q.userOf.get(session.user.id);
        if (!colleague) throw new AppError('NOT_FOUND', 'Kolēģis, kuram nodot lietu, nav atrasts.');
        if (colleague.centre_id !== me?.centre_id) throw new AppError('CONFLICT', 'Lietu var nodot tikai sava centra kolēģim; citam centram nododiet to 2. līmenim.');
      }
      return changed(session, 'case.transfer', { id, to, reason });
    },

    escalate: (connection: Connection, id: string, reason: string) => changed(signedIn(connection), 'case.escalate', { id: load(id).id, reason }),

    note: (connection: Connection, id: string, text: string) => changed(signedIn(connection), 'case.note', { id: load(id).id, text }),

    inbox(connection: Connection, scope: 'mine' | 'institution' | 'today' | 'client', clientId?: string): CaseSummary[] {
      const session = signedIn(connection);
      const now = deps.clock.now();
      const me = q.userOf.get(session.user.id);
      const rows =
        scope === 'mine'
          ? q.mine.all(session.user.id)
          : scope === 'institution'
            ? q.institution.all({ institution: me?.institution_code ?? null, centre: me?.centre_id ?? null })
            : scope === 'today'
              ? q.today.all({ userId: session.user.id, day: rigaDay(now) })
              : q.ofClient.all(clientId ?? '');
      return rows.map((r) => summary(r, now));
    },

    /** Who at my centre can take a case over, in Latvian alphabetical order. */
    colleagues(connection: Connection): { id: string; name: string }[] {
      const session = signedIn(connection);
      return q.colleagues
        .all(session.user.id)
        .map((u) => ({ id: u.id, name: u.display_name }))
        .sort((a, b) => latvianCollator.compare(a.name, b.name));
    },

    summariesOfClient: (clientId: string) => q.ofClient.all(clientId).map((r) => summary(r, deps.clock.now())),
  };
}

export type CaseService = ReturnType<typeof createCaseService>;
