import type { KbHit, Segment } from '../../preload/contract';
import type { Db } from '../db/connection';
import { fold, words } from '../text/fold';
import { createVocabulary, type Vocabulary } from './fuzzy';
import { stem } from './stem';


interface Row {
  id: string;
  title: string;
  topic: string;
  status: 'current' | 'outdated';
  tags: string;
  body: string;
}

const quote = (term: string) => `"${term.replaceAll('"', '""')}"`;
const TOKEN = /[\p{L}\p{N}]+(?:\.[\p{L}\p{N}]+)*/gu;

/** Editors' section and list markers are layout, not words a clerk should see in a result line. */
const withoutMarkup = (body: string) => body.replace(/^\s*(?:#{1,6}|\d{1,2}\.|[-•])\s+/gmu, '');

/** The stretch of the body with the most matched words, as segments the screen marks up itself. */
export function snippet(body: string, matches: (term: string) => boolean, words = 28): Segment[] {
  const tokens = [...body.matchAll(TOKEN)].map((m) => ({ start: m.index, end: m.index + m[0].length, hit: matches(stem(fold(m[0]))) }));
  if (tokens.length === 0) return [{ text: body.slice(0, 200), hit: false }];
  let bestStart = 0;
  let bestHits = -1;
  let hits = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]?.hit) hits++;
    if (i >= words && tokens[i - words]?.hit) hits--;
    if (hits > bestHits) {
      bestHits = hits;
      bestStart = Math.max(0, i - words + 1);
    }
  }
  const window = tokens.slice(bestStart, bestStart + words);
  const segments: Segment[] = [];
  let at = window[0]?.start ?? 0;
  if (bestStart > 0) segments.push({ text: '… ', hit: false });
  for (const token of window) {
    if (token.start > at) segments.push({ text: body.slice(at, token.start), hit: false });
    segments.push({ text: body.slice(token.start, token.end), hit: token.hit });
    at = token.end;
  }
  if (bestStart + words < tokens.length) segments.push({ text: ' …', hit: false });
  return segments;
}

/**
 * Knowledge search on SQLite FTS5: every query word must match (its stem, as a prefix while the clerk
 * is still typing it, or a vocabulary term within one or two typos); title and tag hits outrank body
 * hits; current articles come before outdated ones.
 */
export function createKbSearch(db: Db) {
  let vocabulary: Vocabulary | null = null;
  let sorted: string[] = [];
  let loadedGeneration = -1;
  const generation = db.prepare<[], number>(`SELECT value FROM kb_generation WHERE id = 1`).pluck();
  // Typo correction knows only the words articles really have, so it reloads when articles change.
  const loadVocabulary = () => {
    const current = generation.get() ?? 0;
    if (!vocabulary || current !== loadedGeneration) {
      sorted = db.prepare(`SELECT term FROM kb_vocab ORDER BY term`).pluck().all() as string[];
      vocabulary = createVocabulary(sorted);
      loadedGeneration = current;
    }
    return vocabulary;
  };
  const hasPrefix = (prefix: string) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid] ?? '') < prefix) lo = mid + 1;
      else hi = mid;
    }
    return (sorted[lo] ?? '').startsWith(prefix);
  };
  // Title candidates are ranked by title and tags alone: a body that repeats the words must not push a
  // short, exactly titled article out of the pool.
  const selectTitles = db.prepare<[string, number], Row>(
    `SELECT a.id, a.title, a.topic, a.status, a.tags, a.body
       FROM kb_fts JOIN kb_articles a ON a.rowid = kb_fts.rowid
      WHERE kb_fts MATCH ?
      ORDER BY bm25(kb_fts, 10.0, 6.0, 0.0)
      LIMIT ?`,
  );
  const select = db.prepare<[string, number], Row>(
    `SELECT a.id, a.title, a.topic, a.status, a.tags, a.body
       FROM (SELECT rowid, rank FROM kb_fts WHERE kb_fts MATCH ? ORDER BY rank LIMIT ?) f
       JOIN kb_articles a ON a.rowid = f.rowid
      ORDER BY f.rank`,
  );

  const relatedTo = db.prepare<[string, number], { id: string }>(
    `SELECT a.id FROM (SELECT rowid, rank FROM kb_fts WHERE kb_fts MATCH ? ORDER BY rank LIMIT ?) f
       JOIN kb_articles a ON a.rowid = f.rowid ORDER BY a.status = 'outdated', f.rank`,
  );

  return {
    /**
     * Articles about a passage of text (a script step read out to a caller): any of its words, by
     * plain relevance. A sentence is not a query someone typed, so no word is required and no typo
     * is corrected: a correction would turn the words of a sentence into other words.
     */
    related(text: string, limit: number): string[] {
      const terms = [...new Set(words(text).map(stem))].filter((t) => t.length >= 3);
      if (terms.length === 0) return [];
      return relatedTo.all(terms.map((t) => (t.length >= 4 ? `${quote(t)}*` : quote(t))).join(' OR '), limit).map((r) => r.id);
    },

    search(query: string, limit = 10): Omit<KbHit, 'changed'>[] {
      const typed = words(query);
      const terms = typed.map(stem);
      if (terms.length === 0) return [];
      const vocab = loadVocabulary();
      // Stems are prefixes of their word forms, so every term of four letters or more matches as a
      // prefix; shorter ones must match whole, or `un` would find everything.
      const groups = terms.map((term) => {
        const prefix = term.length >= 4 || (term === terms.at(-1) && !/\s$/u.test(query));
        const known = prefix ? hasPrefix(term) : vocab.has(term);
        // A known word may still be a misspelling of the one in an article (OCR text is full of
        // them), so its near neighbours are tried too, but only against titles, where it is cheap.
        const alternatives = !known ? vocab.near(term, 3) : term.length >= 5 ? vocab.near(term, 4) : [];
        return { term, prefix, known, alternatives };
      });
      const exactly = (group: (typeof groups)[number], t: string) => (group.prefix ? t.startsWith(group.term) : t === group.term);
      const covers = (group: (typeof groups)[number], t: string) => exactly(group, t) || group.alternatives.includes(t);
      const expression = (joiner: string, titlesOnly = false) =>
        groups
          .map((g) => {
            const alternatives = titlesOnly || !g.known ? g.alternatives : [];
            return `(${[g.prefix ? `${quote(g.term)}*` : quote(g.term), ...alternatives.map(quote)].join(' OR ')})`;
          })
          .join(joiner);

      // Every word must match; only when nothing does are articles with some of the words shown.
      // Title and tag hits are gathered on their own first, so long bodies that repeat the words
      // cannot crowd a short, exactly titled article out of the candidates.
      const pool = Math.max(limit * 4, 40);
      const seen = new Set<string>();
      const asTyped = selectTitles.all(`{title tags} : (${expression(' AND ')})`, pool);
      const inTitles = asTyped.length >= pool ? asTyped : [...asTyped, ...selectTitles.all(`{title tags} : (${expression(' AND ', true)})`, pool)];
      // Body-only hits rank below every title hit, so with enough title hits they need not be ranked.
      const inBodies = inTitles.length >= limit ? [] : select.all(expression(' AND '), pool);
      let rows = [...inTitles, ...inBodies].filter((r) => !seen.has(r.id) && seen.add(r.id));
      if (rows.length === 0 && groups.length > 1) rows = select.all(expression(' OR '), pool);

      // Among the candidates, an article whose title carries the words, and little else, comes first:
      // a clerk asking for "lietotāju atbalsts" wants that section, not one that merely mentions it.
      const ranked = rows
        .map((row, order) => {
          // A section number ("4.5.") is not a word the clerk could have typed.
          const surface = words(row.title).filter((w) => !/^[\d.]+$/u.test(w));
          const title = surface.map(stem);
          // The word form as typed counts most, then the same stem, then a typo-corrected word.
          const covered = groups.reduce(
            (n, g, i) =>
              n + (surface.includes(typed[i] ?? '') ? 1 : title.some((t) => exactly(g, t)) ? 0.9 : title.some((t) => covers(g, t)) ? 0.5 : 0),
            0,
          );
          // Words of the title the query did not ask for weigh against it: a short title that is the
          // query (even OCR-misspelt) beats a long one that merely contains its words.
          const unasked = title.filter((t) => !groups.some((g) => covers(g, t))).length;
          return { row, order, score: covered - 0.5 * unasked };
        })
        .sort((a, b) => Number(a.row.status === 'outdated') - Number(b.row.status === 'outdated') || b.score - a.score || a.order - b.order)
        .slice(0, limit);
      const matches = (t: string) => groups.some((g) => covers(g, t));
      return ranked.map(({ row }) => ({
        id: row.id,
        title: row.title,
        topic: row.topic,
        status: row.status,
        tags: JSON.parse(row.tags) as string[],
        snippet: snippet(withoutMarkup(row.body), matches),
      }));
    },
  };
}
