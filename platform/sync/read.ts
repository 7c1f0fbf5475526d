import type { Principal } from '../auth/tokens';
import type { Sql } from '../db/sql';
import { visibleTo } from './scope';

/**
 * Current rows of one entity the user may see, with extra conditions on `data` from `$3` on; the
 * typed queries read the same rows desks pull, so both always agree.
 */
export async function visibleRows<T>(
  sql: Sql,
  principal: Principal,
  entity: string,
  options: { where?: string; params?: unknown[]; order?: string; limit: number },
): Promise<T[]> {
  const params = options.params ?? [];
  const scope = visibleTo(principal, 3 + params.length);
  const rows = await sql.query<{ data: T }>(
    `SELECT data FROM sync_rows WHERE entity = $1 AND NOT deleted AND ${options.where ?? 'true'} AND ${scope.clause}
      ORDER BY ${options.order ?? 'version DESC'} LIMIT $2`,
    [entity, options.limit, ...params, ...scope.params],
  );
  return rows.map((r) => r.data);
}
