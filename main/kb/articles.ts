import type { Db } from '../db/connection';
import { analyze } from './stem';

/** An article as the platform publishes it (platform/entities.ts ArticleData). */
export interface ArticleInput {
  id: string;
  topic: string;
  title: string;
  body: string;
  tags: string[];
  serviceCodes: string[];
  legislation: { title: string; url: string }[];
  audience: 'providers' | 'owners';
  ownerCode: string | null;
  template: 'procedure' | 'faq' | 'back_office' | 'free';
  status: 'current' | 'outdated';
  version: number;
  updatedAt: string;
  updatedBy: string | null;
  source: string | null;
}

/**
 * Writes articles with their analysed index rows, their services and a line of version history, in
 * one go, so search never sees a half-written article.
 */
export function createArticleWriter(db: Db) {
  const upsert = db.prepare<Record<string, unknown>, { rowid: number }>(
    `INSERT INTO kb_articles (id, topic, title, body, tags, service_codes, legislation, audience, owner_code, template, status, version, updated_at, updated_by, source)
     VALUES (:id, :topic, :title, :body, :tags, :serviceCodes, :legislation, :audience, :ownerCode, :template, :status, :version, :updatedAt, :updatedBy, :source)
     ON CONFLICT (id) DO UPDATE SET topic = excluded.topic, title = excluded.title, body = excluded.body, tags = excluded.tags,
       service_codes = excluded.service_codes, legislation = excluded.legislation, audience = excluded.audience, owner_code = excluded.owner_code,
       template = excluded.template, status = excluded.status, version = excluded.version, updated_at = excluded.updated_at,
       updated_by = excluded.updated_by, source = excluded.source
     RETURNING rowid`,
  );
  const rowidOf = db.prepare<[string], number>(`SELECT rowid FROM kb_articles WHERE id = ?`).pluck();
  const unindex = db.prepare(`DELETE FROM kb_fts WHERE rowid = ?`);
  const index = db.prepare(`INSERT INTO kb_fts (rowid, title, tags, body) VALUES (?, ?, ?, ?)`);
  const clearServices = db.prepare(`DELETE FROM kb_article_services WHERE article_id = ?`);
  const addService = db.prepare(`INSERT OR IGNORE INTO kb_article_services (service_code, article_id) VALUES (?, ?)`);
  const remember = db.prepare(
    `INSERT OR REPLACE INTO kb_article_versions (article_id, version, title, status, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const remove = db.prepare(`DELETE FROM kb_articles WHERE id = ?`);
  const bump = db.prepare(`UPDATE kb_generation SET value = value + 1 WHERE id = 1`);

  const write = (a: ArticleInput) => {
    const { rowid } = upsert.get({
      ...a,
      tags: JSON.stringify(a.tags),
      serviceCodes: JSON.stringify(a.serviceCodes),
      legislation: JSON.stringify(a.legislation),
    })!;
    unindex.run(rowid);
    index.run(rowid, analyze(a.title).join(' '), analyze(a.tags.join(' ')).join(' '), analyze(a.body).join(' '));
    clearServices.run(a.id);
    for (const code of a.serviceCodes) addService.run(code, a.id);
    remember.run(a.id, a.version, a.title, a.status, a.updatedBy, a.updatedAt);
  };
  return {
    write: db.transaction((article: ArticleInput) => {
      write(article);
      bump.run();
    }),
    writeMany: db.transaction((articles: ArticleInput[]) => {
      articles.forEach(write);
      bump.run();
    }),
    remove: db.transaction((id: string) => {
      const rowid = rowidOf.get(id);
      if (rowid === undefined) return;
      unindex.run(rowid);
      remove.run(id);
      bump.run();
    }),
  };
}
