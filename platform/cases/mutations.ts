import { z } from 'zod';
import { validateForm, type FormField } from '../../shared/form';
import { channelArg, noteArg } from '../common-args';
import { caseStatuses, type CaseData, type CaseStatus, type HistoryEntry } from '../entities';
import { applied, deskRoles, mutation, reject, type MutationContext, type MutationHandler, type Outcome } from '../sync/outcome';
import { patchRow, readRow, staleFields, writeRow, type SyncRow } from '../sync/rows';
import { draftCase, transitionProblem, type Actor } from '../../shared/case-lifecycle';
import { claimCaseNumber, parseCaseNumber } from './numbers';

const reason = z.string().trim().max(1000).nullable().optional();

const CaseCreate = z.object({
  id: z.uuid(),
  caseNumber: z.string().max(40),
  serviceCode: z.string().max(20),
  clientId: z.uuid().nullable(),
  channel: channelArg,
  form: z.record(z.string(), z.unknown()),
  ticketId: z.uuid().nullable().optional(),
});
const CaseUpdate = z.object({
  id: z.uuid(),
  changes: z.object({ form: z.record(z.string(), z.unknown()).optional(), channel: channelArg.optional(), clientId: z.uuid().nullable().optional() }).strict(),
});
const CaseSubmit = z.object({
  id: z.uuid(),
  authorisation: z.object({ onBehalf: z.boolean(), signed: z.boolean(), note: noteArg.nullable() }),
});
const CaseId = z.object({ id: z.uuid(), reason });
const CaseTransition = z.object({ id: z.uuid(), to: z.enum(caseStatuses), reason });
const CaseTransfer = z.object({
  id: z.uuid(),
  to: z.discriminatedUnion('kind', [z.object({ kind: z.literal('user'), userId: z.string().max(100) }), z.object({ kind: z.literal('second_level') }), z.object({ kind: z.literal('owner') })]),
  reason: z.string().trim().min(3).max(1000),
});
const CaseNote = z.object({ id: z.uuid(), text: z.string().trim().min(1).max(4000) });
const BackOfficeAccept = z.object({ id: z.uuid(), reference: z.string().trim().min(1).max(100) });
const BackOfficeReport = z.object({ id: z.uuid(), to: z.enum(caseStatuses), reason, result: z.string().trim().max(4000).nullable().optional() });

const roleMessage = 'Jūsu lomai nav atļauts strādāt ar lietām.';
const backOfficeMessage = 'Lietas statusu var ziņot tikai pakalpojuma turētāja sistēma.';
const editableStatuses: CaseStatus[] = ['draft', 'waiting_client'];

type CaseRow = SyncRow<CaseData>;

async function loadCase(ctx: MutationContext, id: string, actor: Actor): Promise<CaseRow | string> {
  const row = await readRow<CaseData>(ctx.tx, 'case', id, true);
  if (!row || row.deleted) return 'Lieta nav atrasta.';
  const p = ctx.principal;
  if (p.roles.includes('admin')) return row;
  if (actor === 'backoffice') return row.owner_code === p.institutionCode ? row : 'Šī lieta nav jūsu iestādes pakalpojums.';
  if (row.centre_id === p.centreId || (row.owner_code !== null && row.owner_code === p.institutionCode)) return row;
  return 'Šī lieta pieder citam centram.';
}

function entry(ctx: MutationContext, action: string, from: CaseStatus | null, to: CaseStatus | null, why: string | null | undefined): HistoryEntry {
  return { at: ctx.now.toISOString(), by: ctx.principal.userId, action, from, to, reason: why ?? null };
}

async function serviceOf(ctx: MutationContext, code: string) {
  const service = await readRow<{ ownerCode: string; slaDays: number; form: FormField[] }>(ctx.tx, 'service', code);
  return service && !service.deleted ? service : null;
}

/** Moves a case to a new status, with its history entry, after the lifecycle allows it. */
async function transition(ctx: MutationContext, row: CaseRow, to: CaseStatus, actor: Actor, why: string | null | undefined, extra: Partial<CaseData> = {}): Promise<Outcome> {
  const problem = transitionProblem(row.data, to, actor);
  if (problem) return reject(problem);
  await patchRow(ctx.tx, row, { ...extra, status: to, history: [...row.data.history, entry(ctx, 'status', row.data.status, to, why)] });
  // A case that goes back to the owner is handed over again.
  if (to === 'submitted') await queueForBackOffice(ctx, row);
  return applied(row.data.clientId);
}

async function queueForBackOffice(ctx: MutationContext, row: CaseRow): Promise<void> {
  await ctx.tx.query(
    `INSERT INTO backoffice_outbox (case_id, owner_code) VALUES ($1, $2)
     ON CONFLICT (case_id) DO UPDATE SET attempts = 0, next_at = now(), sent_at = NULL`,
    [row.id, row.data.ownerCode],
  );
}

function asDesk<T>(args: z.ZodType<T>, what: string, run: (args: T, ctx: MutationContext) => Promise<Outcome>): MutationHandler {
  return mutation({ roles: deskRoles, roleMessage, args, what }, run);
}

function withCase<T extends { id: string }>(args: z.ZodType<T>, what: string, actor: Actor, run: (args: T, row: CaseRow, ctx: MutationContext) => Promise<Outcome>): MutationHandler {
  const roles = actor === 'desk' ? deskRoles : ['integration'];
  return mutation({ roles, roleMessage: actor === 'desk' ? roleMessage : backOfficeMessage, args, what }, async (parsed, ctx) => {
    const row = await loadCase(ctx, parsed.id, actor);
    return typeof row === 'string' ? reject(row) : run(parsed, row, ctx);
  });
}

export const caseMutations: Record<string, MutationHandler> = {
  'case.create': asDesk(CaseCreate, 'lietas', async (args, ctx) => {
    const { tx, principal, now } = ctx;
    if (await readRow(tx, 'case', args.id)) return reject('Lieta ar šādu identifikatoru jau ir reģistrēta.');
    const number = parseCaseNumber(args.caseNumber);
    if (!number || number.serviceCode !== args.serviceCode) return reject(`Lietas numuram jāsākas ar pakalpojuma kodu ${args.serviceCode}.`);
    const service = await serviceOf(ctx, args.serviceCode);
    if (!service) return reject(`Pakalpojums ${args.serviceCode} katalogā nav atrasts.`);
    if (args.clientId && !(await readRow(tx, 'client', args.clientId))) return reject('Lietas klients nav atrasts: vispirms jāsinhronizē klienta reģistrācija.');
    const claimProblem = await claimCaseNumber(tx, ctx.clientId, number.number, args.id);
    if (claimProblem) return reject(claimProblem);
    const data: CaseData = draftCase(args, { userId: principal.userId, centreId: principal.centreId, ownerCode: service.data.ownerCode, at: now.toISOString() });
    await writeRow(tx, { entity: 'case', id: args.id, data, centreId: principal.centreId, ownerCode: service.data.ownerCode, clientId: args.clientId });
    return applied(args.clientId);
  }),

  'case.update': withCase(CaseUpdate, 'lietas izmaiņu', 'desk', async ({ changes }, row, ctx) => {
    if (!editableStatuses.includes(row.data.status)) return reject(`Lietu ${row.data.caseNumber} vairs nevar labot: tā ir iesniegta.`);
    const stale = staleFields(row, Object.keys(changes), ctx.baseVersions);
    if (stale.length > 0) return { status: 'CONFLICT', fields: stale, serverState: row.data as unknown as Record<string, unknown> };
    await patchRow(ctx.tx, row, changes, changes.clientId !== undefined ? { clientId: changes.clientId } : undefined);
    return applied(changes.clientId ?? row.data.clientId);
  }),

  /** The clerk confirms the application on the client's behalf; the form is checked once more here. */
  'case.submit': withCase(CaseSubmit, 'iesniegšanas', 'desk', async ({ authorisation }, row, ctx) => {
    const service = await serviceOf(ctx, row.data.serviceCode);
    if (!service) return reject(`Pakalpojums ${row.data.serviceCode} vairs nav katalogā.`);
    const problems = Object.values(validateForm(service.data.form, row.data.form));
    if (problems.length > 0) return reject(`Veidlapa nav pilnīga: ${problems.join(' ')}`);
    if (row.data.channel === 'in_person' && !authorisation.onBehalf) return reject('Klātienē iesniegtu pieteikumu speciālists apstiprina klienta vārdā: atzīmējiet pilnvarojumu.');
    const due = new Date(ctx.now.getTime() + service.data.slaDays * 86_400_000).toISOString();
    return transition(ctx, row, 'submitted', 'desk', null, {
      authorisation: { ...authorisation, at: ctx.now.toISOString(), by: ctx.principal.userId },
      submittedAt: ctx.now.toISOString(),
      dueAt: due,
      level: 'owner',
      assigneeId: null,
    });
  }),

  'case.transition': withCase(CaseTransition, 'statusa maiņas', 'desk', ({ to, reason: why }, row, ctx) => transition(ctx, row, to, 'desk', why)),

  'case.take': withCase(CaseId, 'lietas', 'desk', async (_args, row, ctx) => {
    const { assigneeId } = row.data;
    if (assigneeId && assigneeId !== ctx.principal.userId) return reject('Šo lietu jau strādā cits kolēģis; lūdziet, lai viņš to nodod jums.');
    if (assigneeId === ctx.principal.userId) return applied(row.data.clientId);
    await patchRow(ctx.tx, row, { assigneeId: ctx.principal.userId, history: [...row.data.history, entry(ctx, 'taken', null, null, null)] });
    return applied(row.data.clientId);
  }),

  'case.transfer': withCase(CaseTransfer, 'nodošanas', 'desk', async ({ to, reason: why }, row, ctx) => {
    if (['closed', 'cancelled', 'rejected'].includes(row.data.status)) return reject(`Lieta ${row.data.caseNumber} ir pabeigta; to vairs nevar nodot.`);
    let changes: Partial<CaseData>;
    if (to.kind === 'user') {
      const [user] = await ctx.tx.query<{ centre_id: string | null; active: boolean }>(`SELECT centre_id, active FROM users WHERE id = $1`, [to.userId]);
      if (!user?.active) return reject('Kolēģis, kuram nodot lietu, nav atrasts.');
      if (user.centre_id !== row.centre_id) return reject('Lietu var nodot tikai sava centra kolēģim; citam centram nododiet to 2. līmenim.');
      changes = { assigneeId: to.userId, level: 'desk' };
    } else {
      changes = { assigneeId: null, level: to.kind };
    }
    await patchRow(ctx.tx, row, { ...changes, history: [...row.data.history, entry(ctx, `transfer:${to.kind === 'user' ? to.userId : to.kind}`, null, null, why)] });
    return applied(row.data.clientId);
  }),

  'case.escalate': withCase(CaseId, 'eskalācijas', 'desk', async ({ reason: why }, row, ctx) => {
    if (row.data.escalated) return applied(row.data.clientId);
    await patchRow(ctx.tx, row, { escalated: true, level: 'second_level', assigneeId: null, history: [...row.data.history, entry(ctx, 'escalated', null, null, why)] });
    return applied(row.data.clientId);
  }),

  'case.note': withCase(CaseNote, 'piezīmes', 'desk', async ({ text }, row, ctx) => {
    await patchRow(ctx.tx, row, { notes: [...row.data.notes, { at: ctx.now.toISOString(), by: ctx.principal.userId, text }] });
    return applied(row.data.clientId);
  }),

  /** The owner's back office confirms it has the application and gives its own reference. */
  'backoffice.accept': withCase(BackOfficeAccept, 'pieņemšanas', 'backoffice', async ({ id, reference }, row, ctx) => {
    await ctx.tx.query(`UPDATE backoffice_outbox SET sent_at = now() WHERE case_id = $1`, [id]);
    if (row.data.status !== 'submitted') return applied(row.data.clientId);
    return transition(ctx, row, 'in_progress', 'backoffice', null, { backOfficeRef: reference });
  }),

  'backoffice.report': withCase(BackOfficeReport, 'statusa ziņojuma', 'backoffice', ({ to, reason: why, result }, row, ctx) =>
    transition(ctx, row, to, 'backoffice', why, result !== undefined ? { result } : {}),
  ),
};
