import { words } from '../text/fold';

/**
 * A light Latvian stemmer on folded text (after the fashion of Kreslins' suffix stripper, as in
 * Lucene's LatvianStemmer): it strips one noun, adjective or verb ending so that `pabalsts`,
 * `pabalsta`, `pabalstu` and `pabalstiem` all index as `pabalst`. Longest endings first.
 */
const endings = ['ajiem', 'ajai', 'ajam', 'ajos', 'ajas', 'iem', 'aja', 'ais', 'am', 'em', 'im', 'um', 'us', 'as', 'es', 'os', 'ij', 'is', 'ie', 'ai', 'ei', 'u', 'a', 'i', 'e', 'o', 's'];
const vowels = /[aeiou]/u;

export function stem(word: string): string {
  if (word.length < 4 || /\d/u.test(word)) return word;
  for (const ending of endings) {
    if (!word.endsWith(ending)) continue;
    const rest = word.slice(0, -ending.length);
    // `statuss` → `status`, the same stem as `statusa`: a doubled s is the nominative's own s.
    if (ending === 'us' && word.endsWith('uss')) continue;
    if (rest.length >= 3 && vowels.test(rest)) return rest;
  }
  return word;
}

/** Folded, stemmed terms of a text, in order: what the index stores and what a query is cut into. */
export function analyze(text: string): string[] {
  return words(text).map(stem);
}
