import { clamp, need, type Context } from '../access';
import type { Sql } from '../db/sql';

/**
 * The audit trail: administrators see all of it, a centre's supervisor what the centre's staff did.
 * Reading it is itself an access to personal data, so it too is recorded.
 */
export function auditQueries(sql: Sql) {
  return {
    async auditEvents(_: unknown, args: { clientId?: string | null; userId?: string | null; first?: number }, ctx: Context) {
      const p = need(ctx, ['admin', 'supervisor']);
      const centreOnly = !p.roles.includes('admin');
      const rows = await sql.query<{ id: string; at: Date; user_id: string | null; action: string; subject: string | null; client_concerned: string | null; detail: unknown }>(
        `SELECT a.id, a.at, a.user_id, a.action, a.subject, a.client_concerned, a.detail FROM audit_events a LEFT JOIN users u ON u.id = a.user_id
          WHERE ($1::text IS NULL OR a.client_concerned = $1) AND ($2::text IS NULL OR a.user_id = $2) AND (NOT $3 OR u.centre_id = $4)
          ORDER BY a.id DESC LIMIT $5`,
        [args.clientId ?? null, args.userId ?? null, centreOnly, p.centreId, clamp(args.first, 1000, 100)],
      );
      await sql.query(`INSERT INTO audit_events (user_id, action, client_concerned, detail) VALUES ($1, 'audit.read', $2, $3)`, [
        p.userId,
        args.clientId ?? null,
        JSON.stringify({ userFilter: args.userId ?? null }),
      ]);
      return rows.map((r) => ({ id: String(r.id), at: new Date(r.at).toISOString(), userId: r.user_id, action: r.action, subject: r.subject, clientConcerned: r.client_concerned, detail: r.detail }));
    },
  };
}
