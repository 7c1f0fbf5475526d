import type { Db } from '../db/connection';
import { analyze } from './stem';

export interface ArticleInput {
  id: string;
  topic: string;
  title: string;
  body: string;
  tags: string[];
  serviceCodes: string[];
  audience: 'all' | 'provider' | 'owner';
  status: 'current' | 'outdated';
  updatedAt: string;
  updatedBy: string | null;
  source: string | null;
}

/** Writes articles and their analysed index rows together; a changed article bumps its version. */
export function createArticleWriter(db: Db) {
  const upsert = db.prepare<ArticleInput & { tagsJson: string; servicesJson: string }, { rowid: number }>(
    `INSERT INTO kb_articles (id, topic, title, body, tags, service_codes, audience, status, updated_at, updated_by, source)
     VALUES (:id, :topic, :title, :body, :tagsJson, :servicesJson, :audience, :status, :updatedAt, :updatedBy, :source)
     ON CONFLICT (id) DO UPDATE SET topic = excluded.topic, title = excluded.title, body = excluded.body, tags = excluded.tags,
       service_codes = excluded.service_codes, audience = excluded.audience, status = excluded.status,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by, source = excluded.source, version = version + 1
     RETURNING rowid`,
  );
  const unindex = db.prepare(`DELETE FROM kb_fts WHERE rowid = ?`);
  const index = db.prepare(`INSERT INTO kb_fts (rowid, title, tags, body) VALUES (?, ?, ?, ?)`);
  const write = (article: ArticleInput) => {
    const { rowid } = upsert.get({ ...article, tagsJson: JSON.stringify(article.tags), servicesJson: JSON.stringify(article.serviceCodes) })!;
    unindex.run(rowid);
    index.run(rowid, analyze(article.title).join(' '), analyze(article.tags.join(' ')).join(' '), analyze(article.body).join(' '));
  };
  return {
    write: (article: ArticleInput) => db.transaction(write)(article),
    writeMany: db.transaction((articles: ArticleInput[]) => articles.forEach(write)),
  };
}
