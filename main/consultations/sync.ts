import { rigaDay } from '../../shared/riga-day';
import type { Db } from '../db/connection';
import type { LocalEffect, Projection, RowData } from '../sync/store';

/**
 * How consultation mutations look on this desk before the platform confirms them. The platform's
 * version (`platform/consultations/mutations.ts`) decides; this only has to show the clerk the same.
 */
export const consultationEffects: Record<string, LocalEffect> = {
  'consultation.create': {
    entity: 'consultation',
    writes: () => 'all',
    apply: (current, args, meta) => ({ userId: meta.userId, createdAt: meta.at, ...current, ...args }),
  },
  'consultation.update': {
    entity: 'consultation',
    writes: (args) => Object.keys(args.changes as RowData),
    apply(current, args) {
      if (!current) throw new Error('consultation not here');
      return { ...current, ...(args.changes as RowData) };
    },
  },
};

/** The `consultations` table the day's list reads, kept in step with the visible rows. */
export function consultationProjection(db: Db): Projection {
  // A colleague's consultation is kept only when the desk knows the colleague (its directory).
  const put = db.prepare(
    `INSERT INTO consultations (id, created_at, local_date, user_id, desk_id, service_code, channel, client_kind, client_phone, client_id, outcome, note, script, version)
     SELECT @id, @createdAt, @localDate, @userId, NULL, @serviceCode, @channel, @clientKind, @clientPhone, @clientId, @outcome, @note, @script, @version
      WHERE EXISTS (SELECT 1 FROM users WHERE id = @userId)
     ON CONFLICT (id) DO UPDATE SET created_at = excluded.created_at, local_date = excluded.local_date, service_code = excluded.service_code,
       channel = excluded.channel, client_kind = excluded.client_kind, client_phone = excluded.client_phone, client_id = excluded.client_id,
       outcome = excluded.outcome, note = excluded.note, script = excluded.script, version = excluded.version`,
  );
  const remove = db.prepare(`DELETE FROM consultations WHERE id = ?`);
  const serviceKnown = db.prepare<[string], { code: string }>(`SELECT code FROM services WHERE code = ?`);
  return {
    put(id, d, { version, pending }) {
      const client = d.client as { kind: string; phone?: string; clientId?: string };
      const createdAt = String(d.createdAt);
      const serviceCode = typeof d.serviceCode === 'string' && serviceKnown.get(d.serviceCode) ? d.serviceCode : null;
      put.run({
        id,
        createdAt,
        localDate: rigaDay(new Date(createdAt)),
        userId: d.userId,
        serviceCode,
        channel: d.channel,
        // A known client is kept by id: the list names them, the client's profile gathers it.
        clientKind: client.kind === 'phone' ? 'phone' : 'anonymous',
        clientPhone: client.kind === 'phone' ? (client.phone ?? null) : null,
        clientId: client.kind === 'client' ? (client.clientId ?? null) : null,
        outcome: d.outcome,
        note: d.note ?? '',
        script: d.script ? JSON.stringify(d.script) : null,
        version: pending ? null : version,
      });
    },
    remove: (id) => void remove.run(id),
  };
}
