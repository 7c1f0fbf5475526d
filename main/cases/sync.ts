import { draftCase, type HistoryEntry } from '../../shared/case-lifecycle';
import { rigaDay } from '../../shared/riga-day';
import type { Db } from '../db/connection';
import type { LocalEffect, Projection, RowData } from '../sync/store';

const entry = (meta: { userId: string; at: string }, action: string, from: unknown, to: string | null, reason: unknown): HistoryEntry => ({
  at: meta.at,
  by: meta.userId,
  action,
  from: typeof from === 'string' ? from : null,
  to,
  reason: typeof reason === 'string' ? reason : null,
});

const historyOf = (current: RowData) => (Array.isArray(current.history) ? (current.history as HistoryEntry[]) : []);

/**
 * Case mutations as this desk shows them before the platform confirms them; the platform
 * (`platform/cases/mutations.ts`) checks each against the lifecycle and may refuse it, and then the
 * clerk sees the refusal and the case as the platform has it. Intents write no field a colleague could
 * edit at the same time, so they carry no base versions.
 */
export function caseEffects(db: Db): Record<string, LocalEffect> {
  const service = db.prepare<[string], { owner_code: string; sla_days: number }>(`SELECT owner_code, sla_days FROM services WHERE code = ?`);
  const intent = (apply: (current: RowData, args: RowData, meta: { userId: string; at: string }) => RowData): LocalEffect => ({
    entity: 'case',
    writes: () => [],
    apply(current, args, meta) {
      if (!current) throw new Error('case not here');
      return apply(current, args, meta);
    },
  });
  return {
    'case.create': {
      entity: 'case',
      writes: () => 'all',
      apply: (current, args, meta) =>
        current ?? draftCase(args, { userId: meta.userId, centreId: null, ownerCode: service.get(String(args.serviceCode))?.owner_code ?? '', at: meta.at }),
    },
    'case.update': {
      entity: 'case',
      writes: (args) => Object.keys(args.changes as RowData),
      apply(current, args) {
        if (!current) throw new Error('case not here');
        return { ...current, ...(args.changes as RowData) };
      },
    },
    'case.submit': intent((current, args, meta) => {
      const sla = service.get(String(current.serviceCode))?.sla_days ?? 0;
      return {
        ...current,
        status: 'submitted',
        authorisation: { ...(args.authorisation as RowData), at: meta.at, by: meta.userId },
        submittedAt: meta.at,
        dueAt: new Date(Date.parse(meta.at) + sla * 86_400_000).toISOString(),
        level: 'owner',
        assigneeId: null,
        history: [...historyOf(current), entry(meta, 'status', current.status, 'submitted', null)],
      };
    }),
    'case.transition': intent((current, args, meta) => ({
      ...current,
      status: args.to,
      history: [...historyOf(current), entry(meta, 'status', current.status, String(args.to), args.reason)],
    })),
    'case.take': intent((current, _args, meta) => ({ ...current, assigneeId: meta.userId, history: [...historyOf(current), entry(meta, 'taken', null, null, null)] })),
    'case.transfer': intent((current, args, meta) => {
      const to = args.to as { kind: string; userId?: string };
      const changes = to.kind === 'user' ? { assigneeId: to.userId, level: 'desk' } : { assigneeId: null, level: to.kind };
      return { ...current, ...changes, history: [...historyOf(current), entry(meta, `transfer:${to.kind === 'user' ? to.userId : to.kind}`, null, null, args.reason)] };
    }),
    'case.escalate': intent((current, args, meta) => ({
      ...current,
      escalated: true,
      level: 'second_level',
      assigneeId: null,
      history: [...historyOf(current), entry(meta, 'escalated', null, null, args.reason)],
    })),
    'case.note': intent((current, args, meta) => ({
      ...current,
      notes: [...(Array.isArray(current.notes) ? current.notes : []), { at: meta.at, by: meta.userId, text: args.text }],
    })),
  };
}

/** The `cases` table the inbox, today's list and the profile read. */
export function caseProjection(db: Db): Projection {
  const put = db.prepare(
    `INSERT INTO cases (id, case_number, service_code, owner_code, client_id, channel, status, level, assignee_id, centre_id, created_by, created_at, local_date,
                        submitted_at, due_at, escalated, changed_at, version)
     VALUES (@id, @caseNumber, @serviceCode, @ownerCode, @clientId, @channel, @status, @level, @assigneeId, @centreId, @createdBy, @createdAt, @localDate,
             @submittedAt, @dueAt, @escalated, @changedAt, @version)
     ON CONFLICT (id) DO UPDATE SET case_number = excluded.case_number, service_code = excluded.service_code, owner_code = excluded.owner_code,
       client_id = excluded.client_id, channel = excluded.channel, status = excluded.status, level = excluded.level, assignee_id = excluded.assignee_id,
       centre_id = excluded.centre_id, submitted_at = excluded.submitted_at, due_at = excluded.due_at, escalated = excluded.escalated,
       changed_at = excluded.changed_at, version = excluded.version`,
  );
  const remove = db.prepare(`DELETE FROM cases WHERE id = ?`);
  return {
    put(id, d, { version, pending }) {
      const history = historyOf(d);
      const createdAt = String(d.createdAt);
      put.run({
        id,
        caseNumber: d.caseNumber,
        serviceCode: d.serviceCode,
        ownerCode: d.ownerCode ?? '',
        clientId: d.clientId ?? null,
        channel: d.channel,
        status: d.status,
        level: d.level,
        assigneeId: d.assigneeId ?? null,
        centreId: d.centreId ?? null,
        createdBy: d.createdBy,
        createdAt,
        localDate: rigaDay(new Date(createdAt)),
        submittedAt: d.submittedAt ?? null,
        dueAt: d.dueAt ?? null,
        escalated: d.escalated ? 1 : 0,
        changedAt: history.at(-1)?.at ?? createdAt,
        version: pending ? null : version,
      });
    },
    remove: (id) => void remove.run(id),
  };
}
