import { clamp, need, type Context } from '../access';
import type { Sql } from '../db/sql';
import type { ArticleData, ScriptData } from '../entities';
import { visibleRows } from '../sync/read';

export function kbQueries(sql: Sql) {
  return {
    async articles(_: unknown, args: { topic?: string | null; first?: number | null; after?: string | null }, ctx: Context) {
      const p = need(ctx);
      const where: string[] = [];
      const params: unknown[] = [];
      if (args.topic) where.push(`data->>'topic' = $${params.push(args.topic) + 2}`);
      if (args.after) where.push(`id > $${params.push(args.after) + 2}`);
      return visibleRows<ArticleData>(sql, p, 'article', { where: where.join(' AND ') || 'true', params, order: 'id', limit: clamp(args.first ?? 50, 500) });
    },
    /** Who published what when: every version, newest first. */
    async articleVersions(_: unknown, args: { id: string }, ctx: Context) {
      const p = need(ctx);
      return visibleRows<ArticleData>(sql, p, 'article_version', { where: `data->>'id' = $3`, params: [args.id], order: `(data->>'version')::int DESC`, limit: 200 });
    },
    async scripts(_: unknown, __: unknown, ctx: Context) {
      return visibleRows<ScriptData>(sql, need(ctx), 'script', { order: `data->>'title'`, limit: 500 });
    },
  };
}
