import { z } from 'zod';
import { clientIdForPersonalCode } from '../../shared/client-id';
import { checkPersonalCode, personalCodeMessages } from '../../shared/personal-code';
import { phoneArg } from '../common-args';
import type { ClientData, ConsentData } from '../entities';
import { applied, deskRoles, mutation, reject, type MutationHandler, type Outcome } from '../sync/outcome';
import { patchRow, readRow, staleFields, writeRow } from '../sync/rows';

const name = z.string().trim().min(1).max(100);
const contact = {
  phone: phoneArg.nullable(),
  email: z.email().max(200).nullable(),
  bankAccount: z
    .string()
    .regex(/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/u)
    .nullable(),
};

const ClientCreate = z.object({
  id: z.uuid(),
  personalCode: z.string().max(20).nullable(),
  firstName: name.nullable(),
  lastName: name.nullable(),
  ...contact,
});

const editable = z.object({ firstName: name.nullable().optional(), lastName: name.nullable().optional(), phone: contact.phone.optional(), email: contact.email.optional(), bankAccount: contact.bankAccount.optional() }).strict();
const ClientUpdate = z.object({ id: z.uuid(), changes: editable });
const ConsentRecord = z.object({ id: z.uuid(), clientId: z.uuid(), purpose: z.string().trim().min(3).max(500) });
const ProfileViewed = z.object({ clientId: z.uuid(), reason: z.string().trim().min(3).max(500), viewedAt: z.iso.datetime().optional() });

const roleMessage = 'Jūsu lomai nav atļauts strādāt ar klientu datiem.';
type Editable = z.infer<typeof editable>;

/**
 * A second registration of the same person (two desks offline) fills in what the first left empty;
 * a field both filled differently is a conflict for a clerk to settle, never an overwrite.
 */
async function mergeRegistration(tx: Parameters<MutationHandler>[1]['tx'], existing: NonNullable<Awaited<ReturnType<typeof readRow<ClientData>>>>, incoming: Editable): Promise<Outcome> {
  const fill: Editable = {};
  const differing: string[] = [];
  for (const [key, value] of Object.entries(incoming) as [keyof Editable, string | null][]) {
    if (value === null || value === undefined) continue;
    const current = existing.data[key];
    if (current === null || current === undefined) fill[key] = value;
    else if (current !== value) differing.push(key);
  }
  if (differing.length > 0) return { status: 'CONFLICT', fields: differing, serverState: existing.data as unknown as Record<string, unknown> };
  if (Object.keys(fill).length > 0) await patchRow(tx, existing, fill);
  return applied(existing.id);
}

export const clientMutations: Record<string, MutationHandler> = {
  'client.create': mutation({ roles: deskRoles, roleMessage, args: ClientCreate, what: 'klienta' }, async (args, { tx, principal, now }) => {
    let personalCode: string | null = null;
    if (args.personalCode !== null) {
      const check = checkPersonalCode(args.personalCode);
      if (!check.valid) return reject(personalCodeMessages[check.problem ?? 'format']);
      personalCode = check.normalised;
      if (clientIdForPersonalCode(args.personalCode) !== args.id) return reject('Klienta identifikators neatbilst personas kodam: atjauniniet Lete.');
    } else if (!args.phone && !args.email) {
      return reject('Daļēji identificētam klientam jānorāda vismaz tālrunis vai e-pasts.');
    }
    const existing = await readRow<ClientData>(tx, 'client', args.id, true);
    const { id: _id, personalCode: _code, ...fields } = args;
    if (existing) return mergeRegistration(tx, existing, fields);
    const data: ClientData = { ...args, personalCode, centreId: principal.centreId, createdBy: principal.userId, createdAt: now.toISOString() };
    await writeRow(tx, { entity: 'client', id: args.id, data, centreId: principal.centreId, ownerCode: null, clientId: args.id });
    return applied(args.id);
  }),

  'client.update': mutation({ roles: deskRoles, roleMessage, args: ClientUpdate, what: 'klienta izmaiņu' }, async ({ id, changes }, { tx, baseVersions }) => {
    const row = await readRow<ClientData>(tx, 'client', id, true);
    if (!row || row.deleted) return reject('Klients nav atrasts.');
    const stale = staleFields(row, Object.keys(changes), baseVersions);
    if (stale.length > 0) return { status: 'CONFLICT', fields: stale, serverState: row.data as unknown as Record<string, unknown> };
    await patchRow(tx, row, changes);
    return applied(id);
  }),

  'consent.record': mutation({ roles: deskRoles, roleMessage, args: ConsentRecord, what: 'piekrišanas' }, async (args, { tx, principal, now }) => {
    const client = await readRow(tx, 'client', args.clientId);
    if (!client || client.deleted) return reject('Klients, kuram piekrišana reģistrēta, nav atrasts.');
    if (await readRow(tx, 'consent', args.id)) return reject('Piekrišana ar šādu identifikatoru jau ir reģistrēta.');
    const data: ConsentData = { ...args, grantedAt: now.toISOString(), userId: principal.userId, centreId: principal.centreId };
    await writeRow(tx, { entity: 'consent', id: args.id, data, centreId: principal.centreId, ownerCode: null, clientId: args.clientId });
    return applied(args.clientId);
  }),

  /** Opening a profile leaves an audit record with the reason, also when it happened offline. */
  'client.profileViewed': mutation({ roles: deskRoles, roleMessage, args: ProfileViewed, what: 'profila skatījuma' }, async (args) =>
    ({ status: 'APPLIED', concerned: args.clientId, audit: { reason: args.reason, viewedAt: args.viewedAt ?? null } }),
  ),
};
