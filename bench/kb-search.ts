import { performance } from 'node:perf_hooks';
import MiniSearch from 'minisearch';
import type { Db } from '../main/db/connection';
import { createArticleWriter, type ArticleInput } from '../main/kb/articles';
import { demoArticles } from '../assets/demo/knowledge-base';
import { createKbSearch } from '../main/kb/search';
import { fold, words } from '../main/text/fold';
import { createRandom } from '../assets/demo/random';
import { judged } from './kb-judged';
import type { Figure, Timing } from './measure';

/** The demo knowledge base (the imported documents) plus deterministic filler made of its own words, up to `total` articles. */
function corpus(total: number): ArticleInput[] {
  const published = { version: 1, updatedAt: '2026-11-22T00:00:00Z', updatedBy: null };
  const real: ArticleInput[] = demoArticles().map((a) => ({ ...a, ...published }));
  const vocabulary = real.flatMap((a) => a.body.split(/\s+/u)).filter((w) => w.length > 2);
  const random = createRandom(42);
  const sentence = (n: number) => Array.from({ length: n }, () => random.pick(vocabulary)).join(' ');
  const filler = Array.from({ length: total - real.length }, (_, i): ArticleInput => ({
    ...real[i % real.length]!,
    id: `filler:${i}`,
    title: sentence(random.int(3, 7)),
    body: sentence(random.int(60, 160)),
    source: null,
  }));
  return [...real, ...filler];
}

function timings(run: (q: string) => unknown, rounds = 8): Timing {
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const { query } of judged) {
      const start = performance.now();
      run(query);
      samples.push(performance.now() - start);
    }
  }
  samples.sort((a, b) => a - b);
  const at = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))] ?? 0;
  const total = samples.reduce((a, b) => a + b, 0);
  return { p50: at(0.5), tail: at(0.95), tailName: 'p95', hz: (samples.length / total) * 1000 };
}

function quality(titlesFor: (q: string) => string[]) {
  let hits = 0;
  let reciprocal = 0;
  for (const { query, answer } of judged) {
    const rank = titlesFor(query).slice(0, 5).findIndex((t) => answer.test(fold(t)));
    if (rank >= 0) {
      hits++;
      reciprocal += 1 / (rank + 1);
    }
  }
  return { recallAt5: hits / judged.length, mrr: reciprocal / judged.length };
}

export interface QualityLine {
  name: string;
  recallAt5: number;
  mrr: number;
}

export async function kbSearchBench(db: Db, total = 50_000): Promise<{ figures: Figure[]; quality: QualityLine[] }> {
  const articles = corpus(total);
  createArticleWriter(db).writeMany(articles);
  const kb = createKbSearch(db);
  // Queries are judged as typed to the end and then a space: whole words, not prefixes.
  const ours = (q: string) => kb.search(`${q} `, 10).map((h) => h.title);

  const mini = new MiniSearch<ArticleInput>({
    fields: ['title', 'body'],
    storeFields: ['title'],
    processTerm: (term) => fold(term),
    searchOptions: { prefix: true, fuzzy: 0.2, boost: { title: 3 } },
  });
  mini.addAll(articles);
  const minisearch = (q: string) => mini.search(q).slice(0, 10).map((r) => String(r.title));

  const like = db.prepare(`SELECT title FROM kb_articles WHERE title LIKE ? OR body LIKE ? LIMIT 10`);
  const plainLike = (q: string) => {
    const first = `%${words(q)[0] ?? q}%`;
    return (like.all(first, first) as { title: string }[]).map((r) => r.title);
  };

  ours('silts');
  const size = `${articles.length} articles`;
  const oursTiming = timings(ours);
  return {
    figures: [
      { name: `knowledge search, ${size}: ours vs MiniSearch (prefix + fuzzy 0.2)`, ours: oursTiming, baseline: timings(minisearch) },
      { name: `knowledge search, ${size}: ours vs plain LIKE on one word`, ours: oursTiming, baseline: timings(plainLike) },
    ],
    quality: [
      { name: 'ours', ...quality(ours) },
      { name: 'MiniSearch', ...quality(minisearch) },
      { name: 'plain LIKE', ...quality(plainLike) },
    ],
  };
}
