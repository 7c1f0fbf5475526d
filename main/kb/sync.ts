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
  };
}
