import type { Sql } from '../db/sql';
import type { CaseData, DocumentData } from '../entities';
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
      async submissions(_: unknown, args: { first?: number }, ctx: Context) {
        const p = need(ctx, ['integration']);
        const rows = await sql.query<{ data: CaseData; attempts: number }>(
          `SELECT r.data, o.attempts FROM backoffice_outbox o JOIN sync_rows r ON r.entity = 'case' AND r.id = o.case_id
            WHERE o.owner_code = $1 AND o.sent_at IS NULL AND o.next_at <= now() ORDER BY o.next_at LIMIT $2`,
          [p.institutionCode, clamp(args.first, 100, 20)],
        );
        return Promise.all(rows.map(async (r) => ({ case: r.data, attempts: r.attempts, documents: await documentsOf(r.data.id) })));
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
        (await sql.query<{ data: unknown }>(`SELECT data FROM sync_rows WHERE entity = 'invoice' AND NOT deleted AND data->>'caseId' = $1 ORDER BY data->>'issuedAt'`, [c.id])).map((r) => r.data),
    },
  };
}
