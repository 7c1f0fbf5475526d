import { rigaDay } from '../../shared/riga-day';
import type { Db } from '../db/connection';
import type { PullResult } from './platform-client';

type Change = PullResult['changes'][number];

/**
 * Applies one pulled batch and its checkpoint in one transaction: confirmed server state lands in the
 * visible tables, and outbox entries the platform has acknowledged leave the outbox.
 */
export function createApplier(db: Db) {
  const institution = db.prepare(
    `INSERT INTO institutions (code, name, name_en, kind) VALUES (@code, @name, @nameEn, @kind)
     ON CONFLICT (code) DO UPDATE SET name = excluded.name, name_en = excluded.name_en, kind = excluded.kind`,
  );
  const service = db.prepare(
    `INSERT INTO services (code, name, description, owner_code, channels, fee_kind, fee_cents, synonyms, required_documents, typical_duration_days, sla_days, form)
     VALUES (@code, @name, @description, @ownerCode, @channels, @feeKind, @feeCents, @synonyms, @requiredDocuments, @typicalDurationDays, @slaDays, @form)
     ON CONFLICT (code) DO UPDATE SET name = excluded.name, description = excluded.description, owner_code = excluded.owner_code,
       channels = excluded.channels, fee_kind = excluded.fee_kind, fee_cents = excluded.fee_cents, synonyms = excluded.synonyms,
       required_documents = excluded.required_documents, typical_duration_days = excluded.typical_duration_days,
       sla_days = excluded.sla_days, form = excluded.form`,
  );
  // A colleague's consultation is kept only when the desk knows the colleague (its directory).
  const consultation = db.prepare(
    `INSERT INTO consultations (id, created_at, local_date, user_id, desk_id, service_code, channel, client_kind, client_phone, outcome, note, version)
     SELECT @id, @createdAt, @localDate, @userId, NULL, @serviceCode, @channel, @clientKind, @clientPhone, @outcome, @note, @version
      WHERE EXISTS (SELECT 1 FROM users WHERE id = @userId)
     ON CONFLICT (id) DO UPDATE SET channel = excluded.channel, outcome = excluded.outcome, note = excluded.note, version = excluded.version`,
  );
  const acknowledge = db.prepare(`DELETE FROM outbox WHERE mutation_id <= ?`);
  const setting = db.prepare(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);

  function applyChange(c: Change) {
    const d = c.data ?? {};
    if (c.deleted) return; // No synced entity is deleted yet; tombstones arrive with the first one that is.
    if (c.entity === 'institution') institution.run(d);
    else if (c.entity === 'service') {
      const fee = d.fee as { kind: string; amountCents: number };
      service.run({
        ...d,
        channels: JSON.stringify(d.channels),
        feeKind: fee.kind,
        feeCents: fee.amountCents,
        synonyms: JSON.stringify(d.synonyms ?? []),
        requiredDocuments: JSON.stringify(d.requiredDocuments ?? []),
        form: JSON.stringify(d.form ?? []),
      });
    } else if (c.entity === 'consultation') {
      const client = d.client as { kind: 'anonymous' | 'phone'; phone?: string };
      consultation.run({
        id: c.id,
        createdAt: d.createdAt,
        localDate: rigaDay(new Date(String(d.createdAt))),
        userId: d.userId,
        serviceCode: d.serviceCode ?? null,
        channel: d.channel,
        clientKind: client.kind,
        clientPhone: client.kind === 'phone' ? client.phone : null,
        outcome: d.outcome,
        note: d.note ?? '',
        version: c.version,
      });
    }
  }

  return db.transaction((batch: PullResult, clientId: string, at: Date) => {
    for (const c of batch.changes) applyChange(c);
    const ack = batch.acks.find((a) => a.clientId === clientId);
    if (ack) acknowledge.run(ack.lastMutationId);
    setting.run('checkpoint', String(batch.checkpoint));
    setting.run('last_sync_at', at.toISOString());
  });
}
