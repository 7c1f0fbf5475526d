import { clamp, need, type Context } from '../access';
import type { Sql } from '../db/sql';
import type { ArticleData, ScriptData } from '../entities';
import { visibleRows } from '../sync/read';

export function kbQueries(sql: Sql) {
  return {
    async articles(_: unknown, args: { topic?: string | null; first?: number }, ctx: Context) {
      const p = need(ctx);
      const params = args.topic ? [args.topic] : [];
      return visibleRows<ArticleData>(sql, p, 'article', { where: args.topic ? `data->>'topic' = $3` : 'true', params, order: `data->>'title'`, limit: clamp(args.first, 500) });
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
