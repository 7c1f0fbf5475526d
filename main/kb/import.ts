import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { ArticleInput } from './articles';

export interface Section {
  title: string;
  body: string;
  /** The section's number or heading path in its document, for the article's source. */
  anchor: string;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** HTML to the Markdown subset the splitter reads: headings kept, every other tag dropped. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/giu, '')
    .replace(/<h([1-3])[^>]*>([\s\S]*?)<\/h\1>/giu, (_m, level: string, inner: string) => `\n${'#'.repeat(Number(level))} ${inner.replace(/<[^>]+>/gu, '').trim()}\n`)
    .replace(/<(br|\/p|\/li|\/div|\/tr)[^>]*>/giu, '\n')
    .replace(/<[^>]+>/gu, '')
    .replace(/&(#\d+|[a-z]+);/giu, (m, e: string) => (e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : entities[e.toLowerCase()] ?? m));
}

function clean(text: string): string {
  return text
    .replace(/\[bookmark:[^\]]*\]/gu, '')
    .replace(/[ \t]+/gu, ' ')
    .replace(/\n{3,}/gu, '\n\n')
    .trim();
}

function split(lines: string[], heading: (line: string) => { title: string; anchor: string } | null, fallbackTitle: string): Section[] {
  const sections: Section[] = [];
  let current: Section = { title: fallbackTitle, body: '', anchor: '' };
  for (const line of lines) {
    const h = heading(line);
    if (!h) {
      current.body += `${line}\n`;
      continue;
    }
    sections.push(current);
    current = { title: h.title, body: '', anchor: h.anchor };
  }
  sections.push(current);
  // A heading with next to nothing under it is a table-of-contents line or a chapter title.
  return sections.map((s) => ({ ...s, body: clean(s.body) })).filter((s) => s.body.length >= 80);
}

/** Markdown: `#`, `##` and `###` headings start articles. */
export function splitMarkdown(text: string, fallbackTitle: string): Section[] {
  return split(text.split('\n'), (line) => {
    const m = /^(#{1,3})\s+(.+?)\s*#*$/u.exec(line);
    return m?.[2] ? { title: m[2], anchor: m[2] } : null;
  }, fallbackTitle);
}

/**
 * Plain text of a government document: numbered headings (`4.4.2. Zināšanu bāze …`) start sections.
 * Table rows and sentences that merely begin with a year are told apart by their shape.
 */
export function splitNumbered(text: string, fallbackTitle: string): Section[] {
  return split(text.split('\n'), (line) => {
    const m = /^\s*(\d{1,2}(?:\.\d{1,2}){0,4}\.?)\s+(\p{Lu}[^\n]{2,90})$/u.exec(line);
    if (!m?.[1] || !m[2]) return null;
    const title = m[2].trim();
    if (/%|\d\s*$|\(\d+\)$/u.test(title) || Number(m[1].split('.')[0]) > 30) return null;
    return { title: `${m[1]} ${title}`, anchor: m[1] };
  }, fallbackTitle);
}

export function sectionsOfFile(path: string): Section[] {
  const raw = readFileSync(path, 'utf8');
  const name = basename(path, extname(path));
  const ext = extname(path).toLowerCase();
  if (ext === '.md' || ext === '.markdown') return splitMarkdown(raw, name);
  if (ext === '.html' || ext === '.htm') return splitMarkdown(htmlToText(raw), name);
  return splitNumbered(raw, name);
}

/** Articles from files: ids are stable per file and section, so importing again updates in place. */
export function articlesFromFiles(paths: string[], options: { topic?: string; at: Date; userId: string | null }): ArticleInput[] {
  return paths.flatMap((path) => {
    const file = basename(path);
    const sections = sectionsOfFile(path);
    const documentTitle = sections[0]?.title ?? file;
    return sections.map((s, i) => ({
      id: `import:${file}:${i + 1}`,
      topic: options.topic ?? `Importēts / ${documentTitle.slice(0, 80)}`,
      title: s.title,
      body: s.body,
      tags: [],
      serviceCodes: [],
      audience: 'all' as const,
      status: 'current' as const,
      updatedAt: options.at.toISOString(),
      updatedBy: options.userId,
      source: s.anchor ? `${file}#${s.anchor}` : file,
    }));
  });
}
