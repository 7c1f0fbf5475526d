import type { Db } from '../db/connection';
import type { LocalEffect, Projection, RowData } from '../sync/store';
import { createArticleWriter, type ArticleInput } from './articles';

const withoutBase = (args: RowData) => {
  const { baseVersion: _base, ...rest } = args;
  return rest;
};

/**
 * How an editor's publishing looks on this desk until the platform confirms it (platform/kb/mutations.ts
 * decides): the new version is readable and searchable at once, offline too.
 */
export const knowledgeEffects: Record<string, LocalEffect> = {
  'article.publish': {
    entity: 'article',
    writes: () => 'all',
    apply: (current, args, meta) => ({
      ownerCode: null,
      ...current,
      ...withoutBase(args),
      version: Number(args.baseVersion) + 1,
      status: 'current',
      updatedBy: meta.userId,
      updatedAt: meta.at,
    }),
  },
  'article.retire': {
    entity: 'article',
    writes: () => ['status'],
    apply(current, _args, meta) {
      if (!current) throw new Error('article not here');
      return { ...current, status: 'outdated', updatedBy: meta.userId, updatedAt: meta.at };
    },
  },
  'article.attach': {
    entity: 'document',
    writes: () => 'all',
    apply: (_current, args, meta) => ({ ...args, caseId: null, kind: 'article_attachment', createdBy: meta.userId, createdAt: meta.at }),
  },
  'script.publish': {
    entity: 'script',
    writes: () => 'all',
    apply: (_current, args, meta) => ({ ...withoutBase(args), version: Number(args.baseVersion) + 1, updatedBy: meta.userId, updatedAt: meta.at }),
  },
};

const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** The platform's article row as the desk's article table and search index hold it. */
export function articleFromRow(id: string, d: RowData): ArticleInput {
  return {
    id,
    topic: String(d.topic ?? ''),
    title: String(d.title ?? ''),
    body: String(d.body ?? ''),
    tags: strings(d.tags),
    serviceCodes: strings(d.serviceCodes),
    legislation: Array.isArray(d.legislation) ? (d.legislation as { title: string; url: string }[]) : [],
    audience: d.audience === 'owners' ? 'owners' : 'providers',
    ownerCode: typeof d.ownerCode === 'string' ? d.ownerCode : null,
    template: (['procedure', 'faq', 'back_office'] as const).find((t) => t === d.template) ?? 'free',
    status: d.status === 'outdated' ? 'outdated' : 'current',
    version: Number(d.version ?? 1),
    updatedAt: String(d.updatedAt ?? ''),
    updatedBy: typeof d.updatedBy === 'string' ? d.updatedBy : null,
    source: typeof d.source === 'string' ? d.source : null,
  };
}

export function knowledgeProjections(db: Db): Record<string, Projection> {
  const articles = createArticleWriter(db);
  const putScript = db.prepare(
    `INSERT INTO kb_scripts (id, title, service_codes, version, updated_at, updated_by, data) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET title = excluded.title, service_codes = excluded.service_codes, version = excluded.version,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by, data = excluded.data`,
  );
  const removeScript = db.prepare(`DELETE FROM kb_scripts WHERE id = ?`);
  // The editor's own file is already on this desk: the article reads it from there at once.
  const putFile = db.prepare(
    `INSERT INTO kb_files (id, article_id, name, media_type, size, sha256, file, created_at)
     VALUES (@id, @articleId, @name, @mediaType, @size, @sha256, (SELECT file FROM attachments WHERE id = @id), @createdAt)
     ON CONFLICT (id) DO UPDATE SET article_id = excluded.article_id, name = excluded.name, media_type = excluded.media_type,
       size = excluded.size, sha256 = excluded.sha256, file = coalesce(kb_files.file, excluded.file)`,
  );
  const removeFile = db.prepare(`DELETE FROM kb_files WHERE id = ?`);
  return {
    article: {
      put: (id, data) => articles.write(articleFromRow(id, data)),
      remove: (id) => articles.remove(id),
    },
    script: {
      put(id, d) {
        const steps = { start: d.start, steps: d.steps };
        putScript.run(id, String(d.title ?? ''), JSON.stringify(strings(d.serviceCodes)), Number(d.version ?? 1), String(d.updatedAt ?? ''), d.updatedBy ?? null, JSON.stringify(steps));
      },
      remove: (id) => void removeScript.run(id),
    },
    // Only an article's files: a case's documents are the case screen's (main/documents).
    document: {
      put(id, d) {
        if (typeof d.articleId !== 'string') return;
        putFile.run({ id, articleId: d.articleId, name: String(d.name ?? ''), mediaType: String(d.mediaType ?? ''), size: Number(d.size ?? 0), sha256: String(d.sha256 ?? ''), createdAt: String(d.createdAt ?? '') });
      },
      remove: (id) => void removeFile.run(id),
    },
  };
}
