import type { Sql } from '../db/sql';
import type { CaseData } from '../entities';
import { patchRow, readRow } from '../sync/rows';
import { openStatuses } from '../../shared/case-lifecycle';

/**
 * Escalates every open case past its SLA deadline to second-level specialists, once, with a history
 * entry and an audit record; desks learn of it through their next pull.
 */
export async function escalateOverdue(sql: Sql, now: Date): Promise<number> {
  const overdue = await sql.query<{ id: string }>(
    `SELECT id FROM sync_rows WHERE entity = 'case' AND NOT deleted AND NOT archived AND data->>'status' = ANY($1)
       AND (data->>'escalated')::boolean = false AND data->>'dueAt' < $2`,
    [openStatuses, now.toISOString()],
  );
  let escalated = 0;
  for (const { id } of overdue) {
    const done = await sql.transaction(async (tx) => {
      const row = await readRow<CaseData>(tx, 'case', id, true);
      if (!row || row.data.escalated || !row.data.dueAt || row.data.dueAt >= now.toISOString()) return false;
      const entry = { at: now.toISOString(), by: 'system', action: 'escalated', from: null, to: null, reason: 'Pārsniegts pakalpojuma izpildes termiņš (SLA).' };
      await patchRow(tx, row, { escalated: true, level: row.data.level === 'owner' ? 'owner' : 'second_level', history: [...row.data.history, entry] });
      await tx.query(`INSERT INTO audit_events (user_id, action, subject, client_concerned, detail) VALUES (NULL, 'case.escalate.sla', $1, $2, $3)`, [
        id,
        row.data.clientId,
        JSON.stringify({ dueAt: row.data.dueAt }),
      ]);
      return true;
    });
    if (done) escalated++;
  }
  return escalated;
}
