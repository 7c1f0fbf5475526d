import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { importedArticleIds, sectionsOfText } from '../../shared/kb-sections';
import type { PlatformClient } from '../sync/platform-client';

/** What the import publishes for one section: the article.publish arguments minus the base version. */
export interface ImportedArticle {
  id: string;
  title: string;
  body: string;
  topic: string;
  tags: string[];
  serviceCodes: string[];
  legislation: { title: string; url: string }[];
  audience: 'providers';
  template: 'free';
  source: string;
}

/** Articles from Markdown, HTML or plain-text files: ids are stable per file and section, so importing again updates in place. */
export function articlesFromFiles(paths: string[], options: { topic?: string } = {}): ImportedArticle[] {
  return paths.flatMap((path) => {
    const file = basename(path);
    const sections = sectionsOfText(readFileSync(path, 'utf8'), file);
    const documentTitle = sections[0]?.title ?? file;
    const ids = importedArticleIds(file, sections);
    return sections.map((s, i) => ({
      id: ids[i] ?? '',
      topic: options.topic ?? `Importēts / ${documentTitle.slice(0, 80)}`,
      title: s.title.slice(0, 300),
      body: s.body.slice(0, 200_000),
      tags: [],
      serviceCodes: [],
      legislation: [],
      audience: 'providers' as const,
      template: 'free' as const,
      source: s.anchor ? `${file}#${s.anchor}` : file,
    }));
  });
}

export interface ImportReport {
  published: number;
  unchanged: number;
  refused: { title: string; reason: string }[];
}

type Importer = Pick<PlatformClient, 'push' | 'importedArticles'>;

/**
 * Publishes the articles through the platform's own article.publish intent, as an editor: each gets
 * the version the platform holds as its base, so an article an editor changed meanwhile is refused as
 * a conflict and reported, never overwritten. Articles whose text did not change are left alone.
 */
export async function importArticles(platform: Importer, articles: ImportedArticle[], options: { batch?: number; pageSize?: number } = {}): Promise<ImportReport> {
  const pageSize = options.pageSize ?? 500;
  const held = new Map<string, { version: number; same: (a: ImportedArticle) => boolean }>();
  for (let after: string | null = null; ; ) {
    const page = await platform.importedArticles(pageSize, after);
    for (const a of page) {
      held.set(a.id, {
        version: a.version,
        same: (b) => a.title === b.title && a.body === b.body && a.topic === b.topic && a.source === b.source,
      });
    }
    if (page.length < pageSize) break;
    after = page.at(-1)?.id ?? null;
  }

  const report: ImportReport = { published: 0, unchanged: 0, refused: [] };
  const changed = articles.filter((a) => {
    const same = held.get(a.id)?.same(a) ?? false;
    if (same) report.unchanged++;
    return !same;
  });
  // A client id of its own per run: the platform numbers each client's mutations from 1 without gaps.
  const clientId = `import-${randomUUID()}`;
  const size = options.batch ?? 100;
  for (let i = 0; i < changed.length; i += size) {
    const batch = changed.slice(i, i + size);
    const results = await platform.push(
      clientId,
      batch.map((a, n) => ({
        mutationId: i + n + 1,
        key: randomUUID(),
        name: 'article.publish',
        args: { ...a, baseVersion: held.get(a.id)?.version ?? 0 },
      })),
    );
    results.forEach((r, n) => {
      const article = batch[n];
      if (!article) return;
      if (r.status === 'APPLIED' || r.status === 'ALREADY_APPLIED') report.published++;
      else report.refused.push({ title: article.title, reason: r.reason ?? (r.status === 'CONFLICT' ? 'Cits redaktors rakstu mainīja importa laikā.' : r.status) });
    });
  }
  return report;
}
