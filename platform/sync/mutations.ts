import { z } from 'zod';
import type { Principal } from '../auth/tokens';
import type { Sql } from '../db/sql';
import { nextSeq, readRow, writeRow } from './rows';

export type Outcome =
  | { status: 'APPLIED' }
  | { status: 'REJECTED'; reason: string }
  | { status: 'CONFLICT'; fields: string[]; serverState: Record<string, unknown> };

export interface MutationContext {
  tx: Sql;
  principal: Principal;
  clientId: string;
  mutationId: number;
  baseVersions: Record<string, number>;
  now: Date;
}

const channel = z.enum(['in_person', 'phone', 'email', 'portal', 'post', 'e_address']);
const outcome = z.enum(['informed', 'referred', 'application_needed', 'unresolved']);
const deskRoles = ['clerk', 'agent', 'supervisor'];

const ConsultationCreate = z.object({
  id: z.uuid(),
  serviceCode: z.string().max(20).nullable(),
  channel,
  client: z.discriminatedUnion('kind', [z.object({ kind: z.literal('anonymous') }), z.object({ kind: z.literal('phone'), phone: z.string().regex(/^\+?\d{7,15}$/u) })]),
  outcome,
  note: z.string().max(2000),
});

const ConsultationUpdate = z.object({
  id: z.uuid(),
  changes: z.object({ outcome: outcome.optional(), note: z.string().max(2000).optional(), channel: channel.optional() }).strict(),
});

const reject = (reason: string): Outcome => ({ status: 'REJECTED', reason });

/**
 * The mutations a desk may push. Each validates its arguments and the user's right to make it; a
 * refusal is a REJECTED outcome with a Latvian reason, and the desk's counter still moves on.
 */
export const mutationHandlers: Record<string, (args: unknown, ctx: MutationContext) => Promise<Outcome>> = {
  async 'consultation.create'(raw, { tx, principal, now }) {
    if (!principal.roles.some((r) => deskRoles.includes(r))) return reject('Jūsu lomai nav atļauts reģistrēt konsultācijas.');
    const parsed = ConsultationCreate.safeParse(raw);
    if (!parsed.success) return reject(`Nederīgi konsultācijas dati: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}.`);
    const args = parsed.data;
    if (await readRow(tx, 'consultation', args.id)) return reject('Konsultācija ar šādu identifikatoru jau ir reģistrēta.');
    let ownerCode: string | null = null;
    if (args.serviceCode) {
      const service = await readRow(tx, 'service', args.serviceCode);
      if (!service || service.deleted) return reject(`Pakalpojums ${args.serviceCode} katalogā nav atrasts.`);
      ownerCode = service.owner_code;
    }
    await writeRow(tx, {
      entity: 'consultation',
      id: args.id,
      data: { ...args, userId: principal.userId, centreId: principal.centreId, createdAt: now.toISOString() },
      centreId: principal.centreId,
      ownerCode,
    });
    return { status: 'APPLIED' };
  },

  async 'consultation.update'(raw, { tx, principal, baseVersions }) {
    const parsed = ConsultationUpdate.safeParse(raw);
    if (!parsed.success) return reject('Nederīgas konsultācijas izmaiņas.');
    const { id, changes } = parsed.data;
    const row = await readRow(tx, 'consultation', id, true);
    if (!row || row.deleted) return reject('Konsultācija nav atrasta; iespējams, tā ir dzēsta.');
    if (!principal.roles.includes('admin') && row.centre_id !== principal.centreId) return reject('Šī konsultācija pieder citam centram.');
    // A field changed on the server since the desk read it is a conflict; other fields merge.
    const fields = Object.keys(changes);
    const stale = fields.filter((f) => (row.field_versions[f] ?? 0) > (baseVersions[f] ?? 0));
    if (stale.length > 0) return { status: 'CONFLICT', fields: stale, serverState: row.data };
    const seq = await nextSeq(tx);
    const data = { ...row.data, ...changes };
    const fieldVersions = { ...row.field_versions, ...Object.fromEntries(fields.map((f) => [f, seq])) };
    await tx.query(`UPDATE sync_rows SET data = $3, field_versions = $4, version = $5 WHERE entity = $1 AND id = $2`, [
      'consultation',
      id,
      JSON.stringify(data),
      JSON.stringify(fieldVersions),
      seq,
    ]);
    return { status: 'APPLIED' };
  },
};
