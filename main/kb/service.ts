import { AppError, type KbArticle } from '../../preload/contract';
import type { Db } from '../db/connection';
import { createKbSearch } from './search';

interface ArticleRow {
  id: string;
  title: string;
  topic: string;
  body: string;
  tags: string;
  service_codes: string;
  status: KbArticle['status'];
  version: number;
  updated_at: string;
  source: string | null;
}

export function createKnowledgeService(db: Db) {
  const search = createKbSearch(db);
  const byId = db.prepare<[string], ArticleRow>(
    `SELECT id, title, topic, body, tags, service_codes, status, version, updated_at, source FROM kb_articles WHERE id = ?`,
  );
  return {
    search: (query: string, limit: number) => ({ items: search.search(query, limit) }),
    invalidate: search.invalidate,
    get(id: string): KbArticle {
      const row = byId.get(id);
      if (!row) throw new AppError('NOT_FOUND', 'Raksts zināšanu bāzē nav atrasts; iespējams, tas ir dzēsts.');
      return {
        id: row.id,
        title: row.title,
        topic: row.topic,
        body: row.body,
        tags: JSON.parse(row.tags) as string[],
        serviceCodes: JSON.parse(row.service_codes) as string[],
        status: row.status,
        version: row.version,
        updatedAt: row.updated_at,
        source: row.source,
      };
    },
  };
}
