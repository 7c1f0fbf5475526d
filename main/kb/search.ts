import type { Db } from '../db/connection';
import { fold } from '../text/fold';
import { createVocabulary, type Vocabulary } from './fuzzy';
import { analyze, stem } from './stem';

export interface Segment {
  text: string;
  hit: boolean;
}

export interface KbHit {
  id: string;
  title: string;
  topic: string;
  status: 'current' | 'outdated';
  tags: string[];
  snippet: Segment[];
}

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
  const loadVocabulary = () => {
    if (!vocabulary) {
      sorted = (db.prepare(`SELECT term FROM kb_vocab ORDER BY term`).pluck().all() as string[]);
      vocabulary = createVocabulary(sorted);
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
  const select = db.prepare<[string, number], Row>(
    `SELECT a.id, a.title, a.topic, a.status, a.tags, a.body
       FROM kb_fts JOIN kb_articles a ON a.rowid = kb_fts.rowid
      WHERE kb_fts MATCH ?
      ORDER BY a.status = 'outdated', bm25(kb_fts, 10.0, 6.0, 1.0)
      LIMIT ?`,
  );

  return {
    /** Call after articles change, so typo correction knows their words. */
    invalidate() {
      vocabulary = null;
    },

    search(query: string, limit = 10): KbHit[] {
      const terms = analyze(query);
      if (terms.length === 0) return [];
      const vocab = loadVocabulary();
      const typing = !/\s$/u.test(query);
      const exact = new Set<string>();
      const prefixes: string[] = [];
      const groups = terms.map((term, i) => {
        const asPrefix = typing && i === terms.length - 1;
        const known = asPrefix ? hasPrefix(term) : vocab.has(term);
        if (asPrefix) prefixes.push(term);
        else exact.add(term);
        const alternatives = known ? [] : vocab.near(term);
        alternatives.forEach((a) => exact.add(a));
        return [asPrefix ? `${quote(term)}*` : quote(term), ...alternatives.map(quote)];
      });
      const match = groups.map((g) => `(${g.join(' OR ')})`).join(' AND ');
      const rows = select.all(match, limit);
      const matches = (t: string) => exact.has(t) || prefixes.some((p) => t.startsWith(p));
      return rows.map((r) => ({
        id: r.id,
        title: r.title,
        topic: r.topic,
        status: r.status,
        tags: JSON.parse(r.tags) as string[],
        snippet: snippet(r.body, matches),
      }));
    },
  };
}
