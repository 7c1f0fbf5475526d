import type { Db } from '../db/connection';
import type { Projection } from '../sync/store';

/** Institutions and the service catalogue as the platform sends them, into the tables search reads. */
export function catalogueProjections(db: Db): Record<string, Projection> {
  const institution = db.prepare(
    `INSERT INTO institutions (code, name, name_en, kind, iban, registration_number) VALUES (@code, @name, @nameEn, @kind, @iban, @registrationNumber)
     ON CONFLICT (code) DO UPDATE SET name = excluded.name, name_en = excluded.name_en, kind = excluded.kind,
       iban = excluded.iban, registration_number = excluded.registration_number`,
  );
  const service = db.prepare(
    `INSERT INTO services (code, name, description, owner_code, channels, fee_kind, fee_cents, synonyms, required_documents, typical_duration_days, sla_days, form)
     VALUES (@code, @name, @description, @ownerCode, @channels, @feeKind, @feeCents, @synonyms, @requiredDocuments, @typicalDurationDays, @slaDays, @form)
     ON CONFLICT (code) DO UPDATE SET name = excluded.name, description = excluded.description, owner_code = excluded.owner_code,
       channels = excluded.channels, fee_kind = excluded.fee_kind, fee_cents = excluded.fee_cents, synonyms = excluded.synonyms,
       required_documents = excluded.required_documents, typical_duration_days = excluded.typical_duration_days,
       sla_days = excluded.sla_days, form = excluded.form`,
  );
  return {
    institution: {
      put: (_id, d) => void institution.run({ iban: null, registrationNumber: null, ...d }),
      // Cases and services refer to institutions; a withdrawn one stays for them to name.
      remove: () => undefined,
    },
    service: {
      put(_id, d) {
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
      },
      // Past cases still name a withdrawn service; the catalogue marks it when withdrawal exists.
      remove: () => undefined,
    },
  };
}
