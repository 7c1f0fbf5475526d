import type { Sql } from '../db/sql';
import type { CaseData, DocumentData, InvoiceData } from '../entities';
import { clamp, need, type Context } from '../access';
import { readRow } from '../sync/rows';
import { canSee } from '../sync/scope';
import { visibleRows } from '../sync/read';
import { reserveCaseNumbers } from './numbers';
import { deskRoles } from '../sync/outcome';
import { platformError } from '../errors';

export function caseQueries(sql: Sql) {
  const documentsOf = async (caseId: string): Promise<(DocumentData & { uploaded: boolean })[]> => {
    const rows = await sql.query<{ data: DocumentData; complete: boolean | null }>(
      `SELECT r.data, c.complete FROM sync_rows r LEFT JOIN document_content c ON c.id = r.id
        WHERE r.entity = 'document' AND NOT r.deleted AND r.data->>'caseId' = $1 ORDER BY r.data->>'createdAt'`,
      [caseId],
    );
    return rows.map((r) => ({ ...r.data, uploaded: r.complete === true }));
  };

  return {
    Query: {
      async case(_: unknown, args: { id: string }, ctx: Context) {
        const p = need(ctx);
        const row = await readRow<CaseData>(sql, 'case', args.id);
        return row && !row.deleted && canSee(p, row) ? row.data : null;
      },
      async cases(_: unknown, args: { status?: string[] | null; assignedToMe?: boolean | null; level?: string | null; first?: number }, ctx: Context) {
        const p = need(ctx);
        const conditions: string[] = [];
        const params: unknown[] = [];
        if (args.status?.length) conditions.push(`data->>'status' = ANY($${3 + params.push(args.status) - 1})`);
        if (args.assignedToMe) conditions.push(`data->>'assigneeId' = $${3 + params.push(p.userId) - 1}`);
        if (args.level) conditions.push(`data->>'level' = $${3 + params.push(args.level) - 1}`);
        return visibleRows<CaseData>(sql, p, 'case', { where: conditions.join(' AND ') || 'true', params, order: `data->>'createdAt' DESC`, limit: clamp(args.first, 500) });
      },
      /**
       * Hands out applications waiting for the caller's institution as a lease: each comes back after a
       * growing pause until the back office accepts it, so one that crashed mid-way loses nothing.
       */
      async submissions(_: unknown, args: { first?: number }, ctx: Context) {
        const p = need(ctx, ['integration']);
        const leased = await sql.transaction((tx) =>
          tx.query<{ case_id: string; attempts: number }>(
            `UPDATE backoffice_outbox SET attempts = attempts + 1, next_at = now() + least(power(2, attempts), 60) * interval '1 minute'
              WHERE case_id IN (SELECT case_id FROM backoffice_outbox WHERE owner_code = $1 AND sent_at IS NULL AND next_at <= now() ORDER BY next_at LIMIT $2 FOR UPDATE SKIP LOCKED)
              RETURNING case_id, attempts`,
            [p.institutionCode, clamp(args.first, 100, 20)],
          ),
        );
        const result = [];
        for (const lease of leased) {
          const row = await readRow<CaseData>(sql, 'case', lease.case_id);
          if (row) result.push({ case: row.data, attempts: lease.attempts, documents: await documentsOf(row.id) });
        }
        return result;
      },
    },
    Mutation: {
      async reserveCaseNumbers(_: unknown, args: { clientId: string; count?: number }, ctx: Context) {
        const p = need(ctx, deskRoles);
        if (!/^[\w-]{8,80}$/u.test(args.clientId)) throw platformError('BAD_REQUEST', 'Nederīgs darba vietas identifikators.');
        await sql.query(`INSERT INTO sync_clients (client_id, user_id) VALUES ($1, $2) ON CONFLICT (client_id) DO NOTHING`, [args.clientId, p.userId]);
        return reserveCaseNumbers(sql, args.clientId, clamp(args.count, 1000, 100));
      },
    },
    Case: {
      documents: (c: CaseData) => documentsOf(c.id),
      invoices: async (c: CaseData) =>
        (await sql.query<{ data: InvoiceData }>(`SELECT data FROM sync_rows WHERE entity = 'invoice' AND NOT deleted AND data->>'caseId' = $1 ORDER BY data->>'issuedAt'`, [c.id])).map((r) => r.data),
    },
  };
}
