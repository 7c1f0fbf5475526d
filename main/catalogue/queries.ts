import type { Channel, Fee, Institution, ServiceDetail } from '../../preload/contract';
import type { Db } from '../db/connection';

export interface ServiceRow {
  code: string;
  name: string;
  description: string;
  owner_code: string;
  owner_name: string;
  owner_kind: Institution['kind'];
  channels: string;
  fee_kind: Fee['kind'];
  fee_cents: number;
  synonyms: string;
  required_documents: string;
  typical_duration_days: number;
  sla_days: number;
}

const columns = `s.code, s.name, s.description, s.owner_code, i.name AS owner_name, i.kind AS owner_kind, s.channels,
  s.fee_kind, s.fee_cents, s.synonyms, s.required_documents, s.typical_duration_days, s.sla_days`;

export function catalogueQueries(db: Db) {
  return {
    byCode: db.prepare<[string], ServiceRow>(
      `SELECT ${columns} FROM services s JOIN institutions i ON i.code = s.owner_code WHERE s.code = ?`,
    ),
    // A range on the primary key, so a typed code is found by index, not by scanning the catalogue.
    codePrefix: db.prepare<{ prefix: string; owner: string | null }, ServiceRow>(
      `SELECT ${columns} FROM services s JOIN institutions i ON i.code = s.owner_code
        WHERE s.code >= :prefix AND s.code < :prefix || char(1114111) AND (:owner IS NULL OR s.owner_code = :owner)
        ORDER BY length(s.code), s.code LIMIT 20`,
    ),
    // Column weights: a hit in the code or name outranks one in synonyms, owner or description.
    fullText: db.prepare<{ match: string; owner: string | null; limit: number }, ServiceRow>(
      `SELECT ${columns} FROM services_fts f
         JOIN services s ON s.rowid = f.rowid
         JOIN institutions i ON i.code = s.owner_code
        WHERE services_fts MATCH :match AND (:owner IS NULL OR s.owner_code = :owner)
        ORDER BY bm25(services_fts, 10.0, 8.0, 4.0, 2.0, 1.0), s.code
        LIMIT :limit`,
    ),
    fullTextCount: db.prepare<{ match: string; owner: string | null }, { n: number }>(
      `SELECT count(*) AS n FROM services_fts f JOIN services s ON s.rowid = f.rowid
        WHERE services_fts MATCH :match AND (:owner IS NULL OR s.owner_code = :owner)`,
    ),
    all: db.prepare<{ owner: string | null }, ServiceRow>(
      `SELECT ${columns} FROM services s JOIN institutions i ON i.code = s.owner_code
        WHERE (:owner IS NULL OR s.owner_code = :owner)`,
    ),
    owners: db.prepare<[], Institution>(
      `SELECT code, name, kind FROM institutions WHERE code IN (SELECT DISTINCT owner_code FROM services)`,
    ),
  };
}

export function toServiceDetail(row: ServiceRow, matchedSynonym: string | null = null): ServiceDetail {
  return {
    code: row.code,
    name: row.name,
    owner: { code: row.owner_code, name: row.owner_name, kind: row.owner_kind },
    channels: JSON.parse(row.channels) as Channel[],
    fee: { kind: row.fee_kind, amountCents: row.fee_cents },
    matchedSynonym,
    description: row.description,
    synonyms: JSON.parse(row.synonyms) as string[],
    requiredDocuments: JSON.parse(row.required_documents) as string[],
    typicalDurationDays: row.typical_duration_days,
    slaDays: row.sla_days,
  };
}
