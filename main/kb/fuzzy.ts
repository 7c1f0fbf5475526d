/**
 * Optimal-string-alignment distance (Damerau–Levenshtein with adjacent swaps), giving up as soon as
 * it must exceed `max`: most vocabulary terms are rejected after a row or two.
 */
export function withinDistance(a: string, b: string, max: number): number | null {
  if (Math.abs(a.length - b.length) > max) return null;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (prevPrev[j - 2] ?? 0) + 1);
      row.push(d);
      if (d < best) best = d;
    }
    if (best > max) return null;
    prevPrev = prev;
    prev = row;
  }
  const d = prev[b.length] ?? max + 1;
  return d <= max ? d : null;
}

/** How many typos a term of this length may carry: none in short words, where a slip is a new word. */
export function allowedTypos(term: string): number {
  if (term.length <= 3) return 0;
  return term.length <= 7 ? 1 : 2;
}

/**
 * The index vocabulary bucketed by length, so a misspelt term is compared only with terms of nearly
 * its length rather than with all of them.
 */
export function createVocabulary(terms: Iterable<string>) {
  const byLength = new Map<number, string[]>();
  const all = new Set<string>();
  for (const term of terms) {
    all.add(term);
    const bucket = byLength.get(term.length) ?? [];
    bucket.push(term);
    byLength.set(term.length, bucket);
  }
  return {
    has: (term: string) => all.has(term),
    /** Terms within the allowed typos, nearest first. */
    near(term: string, limit = 4): string[] {
      const max = allowedTypos(term);
      if (max === 0) return [];
      const found: [string, number][] = [];
      for (let len = term.length - max; len <= term.length + max; len++) {
        for (const candidate of byLength.get(len) ?? []) {
          const d = withinDistance(term, candidate, max);
          if (d !== null && d > 0) found.push([candidate, d]);
        }
      }
      return found.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0])).slice(0, limit).map(([t]) => t);
    },
  };
}

export type Vocabulary = ReturnType<typeof createVocabulary>;
