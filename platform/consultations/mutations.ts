import { z } from 'zod';
import { channelArg, noteArg, outcomeArg, phoneArg } from '../common-args';
import type { ConsultationData } from '../entities';
import { applied, deskRoles, mutation, reject, type MutationHandler } from '../sync/outcome';
import { patchRow, readRow, staleFields, writeRow } from '../sync/rows';

const ConsultationCreate = z.object({
  id: z.uuid(),
  serviceCode: z.string().max(20).nullable(),
  channel: channelArg,
  client: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('anonymous') }),
    z.object({ kind: z.literal('phone'), phone: phoneArg }),
    z.object({ kind: z.literal('client'), clientId: z.uuid() }),
  ]),
  outcome: outcomeArg,
  note: noteArg,
  ticketId: z.uuid().nullable().optional(),
  script: z.object({ id: z.string().max(80), version: z.number().int().positive(), path: z.array(z.string().max(80)).max(200) }).nullable().optional(),
});

const ConsultationUpdate = z.object({
  id: z.uuid(),
  changes: z.object({ outcome: outcomeArg.optional(), note: noteArg.optional(), channel: channelArg.optional() }).strict(),
});

const roleMessage = 'Jūsu lomai nav atļauts reģistrēt konsultācijas.';

export const consultationMutations: Record<string, MutationHandler> = {
  'consultation.create': mutation({ roles: deskRoles, roleMessage, args: ConsultationCreate, what: 'konsultācijas' }, async (args, { tx, principal, now }) => {
    if (await readRow(tx, 'consultation', args.id)) return reject('Konsultācija ar šādu identifikatoru jau ir reģistrēta.');
    let ownerCode: string | null = null;
    if (args.serviceCode) {
      const service = await readRow(tx, 'service', args.serviceCode);
      if (!service || service.deleted) return reject(`Pakalpojums ${args.serviceCode} katalogā nav atrasts.`);
      ownerCode = service.owner_code;
    }
    const clientId = args.client.kind === 'client' ? args.client.clientId : null;
    const data: ConsultationData = {
      ...args,
      ticketId: args.ticketId ?? null,
      script: args.script ?? null,
      userId: principal.userId,
      centreId: principal.centreId,
      createdAt: now.toISOString(),
    };
    await writeRow(tx, { entity: 'consultation', id: args.id, data, centreId: principal.centreId, ownerCode, clientId });
    return applied(clientId);
  }),

  'consultation.update': mutation({ roles: deskRoles, roleMessage, args: ConsultationUpdate, what: 'konsultācijas izmaiņu' }, async ({ id, changes }, { tx, principal, baseVersions }) => {
    const row = await readRow<ConsultationData>(tx, 'consultation', id, true);
    if (!row || row.deleted) return reject('Konsultācija nav atrasta; iespējams, tā ir dzēsta.');
    if (!principal.roles.includes('admin') && row.centre_id !== principal.centreId) return reject('Šī konsultācija pieder citam centram.');
    const stale = staleFields(row, Object.keys(changes), baseVersions);
    if (stale.length > 0) return { status: 'CONFLICT', fields: stale, serverState: row.data as unknown as Record<string, unknown> };
    await patchRow(tx, row, changes);
    return applied(row.client_id);
  }),
};
