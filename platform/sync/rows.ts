import type { Sql } from '../db/sql';

/** Takes the next seq. The counter row stays locked until commit, so seq order is commit order. */
export async function nextSeq(tx: Sql): Promise<number> {
  const [row] = await tx.query<{ seq: string }>(`UPDATE sync_counter SET seq = seq + 1 WHERE id = 1 RETURNING seq`);
  return Number(row?.seq);
}

export interface SyncRow {
  entity: string;
  id: string;
  version: number;
  deleted: boolean;
  data: Record<string, unknown>;
  field_versions: Record<string, number>;
  centre_id: string | null;
  owner_code: string | null;
}

export async function readRow(tx: Sql, entity: string, id: string, forUpdate = false): Promise<SyncRow | null> {
  const [row] = await tx.query<SyncRow>(
    `SELECT entity, id, version, deleted, data, field_versions, centre_id, owner_code FROM sync_rows WHERE entity = $1 AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [entity, id],
  );
  return row ? { ...row, version: Number(row.version) } : null;
}

/** Writes a whole row at a new seq; every field it carries gets that seq as its field version. */
export async function writeRow(
  tx: Sql,
  row: { entity: string; id: string; data: Record<string, unknown>; centreId: string | null; ownerCode: string | null; fieldVersions?: Record<string, number> },
): Promise<number> {
  const seq = await nextSeq(tx);
  const fieldVersions = row.fieldVersions ?? Object.fromEntries(Object.keys(row.data).map((k) => [k, seq]));
  await tx.query(
    `INSERT INTO sync_rows (entity, id, version, deleted, data, field_versions, centre_id, owner_code)
     VALUES ($1, $2, $3, false, $4, $5, $6, $7)
     ON CONFLICT (entity, id) DO UPDATE SET version = excluded.version, deleted = false, data = excluded.data,
       field_versions = excluded.field_versions, centre_id = excluded.centre_id, owner_code = excluded.owner_code`,
    [row.entity, row.id, seq, JSON.stringify(row.data), JSON.stringify(fieldVersions), row.centreId, row.ownerCode],
  );
  return seq;
}
