import { v5 as uuidV5 } from 'uuid';

/**
 * Cutting existing material (Markdown, HTML, the plain text of government documents) into knowledge
 * articles. Pure, so the platform's demo, the import command and the desk read documents alike.
 */
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


/** Fixed namespace for imported articles: the same file and section get the same id on every import. */
const IMPORT_NAMESPACE = '5b0f2f8e-6d0a-4c1e-9a55-3e8f6c1d2a70';

export function importedArticleId(file: string, anchor: string, index: number): string {
  return uuidV5(`${file}#${anchor || index}`, IMPORT_NAMESPACE);
}

/**
 * Ids for a document's sections. Anchors repeat (a numbered list restarts in every chapter), so a
 * repeated anchor is told apart by how many times it came before.
 */
export function importedArticleIds(file: string, sections: Section[]): string[] {
  const seen = new Map<string, number>();
  return sections.map((s, i) => {
    const n = seen.get(s.anchor) ?? 0;
    seen.set(s.anchor, n + 1);
    return importedArticleId(file, n === 0 ? s.anchor : `${s.anchor}~${n + 1}`, i);
  });
}

/** Sections of one document by its kind, from its name's extension. */
export function sectionsOfText(text: string, fileName: string): Section[] {
  const dot = fileName.lastIndexOf('.');
  const name = dot > 0 ? fileName.slice(0, dot) : fileName;
  const ext = dot > 0 ? fileName.slice(dot).toLowerCase() : '';
  if (ext === '.md' || ext === '.markdown') return splitMarkdown(text, name);
  if (ext === '.html' || ext === '.htm') return splitMarkdown(htmlToText(text), name);
  return splitNumbered(text, name);
}
