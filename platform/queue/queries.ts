import { rigaDay } from '../../shared/riga-day';
import { clamp, need, type Context } from '../access';
import type { Sql } from '../db/sql';
import type { FeedbackData, QueueData, TicketData, WorktimeData } from '../entities';
import { platformError } from '../errors';
import { visibleRows } from '../sync/read';

/** Supervisors and administrators may look at any centre they can see; staff at their own. */
function centreFor(ctx: Context, requested: string | null | undefined): string {
  const p = need(ctx);
  const centre = requested ?? p.centreId;
  if (!centre) throw platformError('BAD_REQUEST', 'Norādiet centru.');
  if (centre !== p.centreId && !p.roles.includes('admin')) throw platformError('FORBIDDEN', 'Šī centra rindas jums nav pieejamas.');
  return centre;
}

export function queueQueries(sql: Sql) {
  return {
    async queues(_: unknown, args: { centreId?: string | null }, ctx: Context) {
      const centre = centreFor(ctx, args.centreId);
      return visibleRows<QueueData>(sql, need(ctx), 'queue', { where: `data->>'centreId' = $3`, params: [centre], order: `data->>'letter'`, limit: 100 });
    },
    async tickets(_: unknown, args: { centreId?: string | null; day?: string | null; status?: string[] | null; first?: number }, ctx: Context) {
      const centre = centreFor(ctx, args.centreId);
      const day = args.day ?? rigaDay(new Date());
      const params: unknown[] = [centre, day];
      const status = args.status?.length ? `AND data->>'status' = ANY($${3 + params.push(args.status) - 1})` : '';
      return visibleRows<TicketData>(sql, need(ctx), 'ticket', {
        where: `centre_id = $3 AND data->>'day' = $4 ${status}`,
        params,
        order: `data->>'issuedAt'`,
        limit: clamp(args.first, 2000, 200),
      });
    },
    /** A clerk's day sheet: their own, or any of the centre's for its supervisor. */
    async worktime(_: unknown, args: { userId?: string | null; day: string }, ctx: Context) {
      const p = need(ctx);
      const userId = args.userId ?? p.userId;
      if (userId !== p.userId && !p.roles.some((r) => r === 'supervisor' || r === 'admin')) throw platformError('FORBIDDEN', 'Cita darbinieka darba laiku redz tikai vadītājs.');
      if (!/^\d{4}-\d{2}-\d{2}$/u.test(args.day)) throw platformError('BAD_REQUEST', 'Datumam jābūt formā GGGG-MM-DD.');
      return visibleRows<WorktimeData>(sql, p, 'worktime', {
        // Stored in UTC: a Riga day starts on the previous UTC date, so read two and keep the Riga day's.
        where: `data->>'userId' = $3 AND substr(data->>'startedAt', 1, 10) BETWEEN $4 AND $5`,
        params: [userId, new Date(Date.parse(`${args.day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10), args.day],
        order: `data->>'startedAt'`,
        limit: 1000,
      }).then((rows) => rows.filter((r) => rigaDay(new Date(r.startedAt)) === args.day));
    },
    async feedback(_: unknown, args: { centreId?: string | null; from: string; to: string; first?: number }, ctx: Context) {
      const p = need(ctx, ['supervisor', 'admin']);
      const centre = centreFor(ctx, args.centreId);
      return visibleRows<FeedbackData>(sql, p, 'feedback', {
        where: `centre_id = $3 AND data->>'at' >= $4 AND data->>'at' < $5`,
        params: [centre, args.from, args.to],
        order: `data->>'at' DESC`,
        limit: clamp(args.first, 5000, 200),
      });
    },
  };
}
