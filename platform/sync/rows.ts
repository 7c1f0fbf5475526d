import type { Sql } from '../db/sql';

/** Takes the next seq. The counter row stays locked until commit, so seq order is commit order. */
export async function nextSeq(tx: Sql): Promise<number> {
  const [row] = await tx.query<{ seq: string }>(`UPDATE sync_counter SET seq = seq + 1 WHERE id = 1 RETURNING seq`);
  return Number(row?.seq);
}

export interface SyncRow<T = Record<string, unknown>> {
  entity: string;
  id: string;
  version: number;
  deleted: boolean;
  data: T;
  field_versions: Record<string, number>;
  centre_id: string | null;
  owner_code: string | null;
  everyone: boolean;
  client_id: string | null;
}

const columns = 'entity, id, version, deleted, data, field_versions, centre_id, owner_code, everyone, client_id';

export async function readRow<T = Record<string, unknown>>(tx: Sql, entity: string, id: string, forUpdate = false): Promise<SyncRow<T> | null> {
  const [row] = await tx.query<SyncRow<T>>(`SELECT ${columns} FROM sync_rows WHERE entity = $1 AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`, [entity, id]);
  return row ? { ...row, version: Number(row.version) } : null;
}

/** Who may see a row: everyone, one centre, the owner institution's staff, or a combination. */
export interface Visibility {
  everyone?: boolean;
  centreId: string | null;
  ownerCode: string | null;
  clientId?: string | null;
}

/** Writes a whole row at a new seq; every field it carries gets that seq as its field version. */
export async function writeRow(
  tx: Sql,
  row: { entity: string; id: string; data: object; archived?: boolean } & Visibility,
): Promise<number> {
  const seq = await nextSeq(tx);
  const fieldVersions = Object.fromEntries(Object.keys(row.data).map((k) => [k, seq]));
  await tx.query(
    `INSERT INTO sync_rows (entity, id, version, deleted, data, field_versions, centre_id, owner_code, everyone, client_id, archived)
     VALUES ($1, $2, $3, false, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (entity, id) DO UPDATE SET version = excluded.version, deleted = false, data = excluded.data,
       field_versions = excluded.field_versions, centre_id = excluded.centre_id, owner_code = excluded.owner_code,
       everyone = excluded.everyone, client_id = excluded.client_id, archived = excluded.archived`,
    [
      row.entity,
      row.id,
      seq,
      JSON.stringify(row.data),
      JSON.stringify(fieldVersions),
      row.centreId,
      row.ownerCode,
      row.everyone ?? false,
      row.clientId ?? null,
      row.archived ?? false,
    ],
  );
  return seq;
}

/**
 * Changes some fields of an existing row at a new seq; only those fields get the new field version, so
 * a desk that edited a different field merges instead of conflicting.
 */
export async function patchRow<T extends object>(tx: Sql, row: SyncRow<T>, changes: Partial<T>, visibility?: Partial<Visibility>): Promise<T> {
  const seq = await nextSeq(tx);
  const data = { ...row.data, ...changes };
  const fieldVersions = { ...row.field_versions, ...Object.fromEntries(Object.keys(changes).map((f) => [f, seq])) };
  await tx.query(
    `UPDATE sync_rows SET data = $3, field_versions = $4, version = $5, centre_id = $6, owner_code = $7, client_id = $8, archived = false
      WHERE entity = $1 AND id = $2`,
    [
      row.entity,
      row.id,
      JSON.stringify(data),
      JSON.stringify(fieldVersions),
      seq,
      visibility?.centreId !== undefined ? visibility.centreId : row.centre_id,
      visibility?.ownerCode !== undefined ? visibility.ownerCode : row.owner_code,
      visibility?.clientId !== undefined ? visibility.clientId : row.client_id,
    ],
  );
  return data;
}

/** Fields the desk changed that someone else changed on the server after the desk last saw them. */
export function staleFields(row: SyncRow<object>, fields: string[], baseVersions: Record<string, number>): string[] {
  return fields.filter((f) => (row.field_versions[f] ?? 0) > (baseVersions[f] ?? 0));
}
