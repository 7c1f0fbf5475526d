import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../main/db/connection';
import { catalogueSearchBench } from './catalogue-search';
import { consultationWriteBench } from './consultation-write';
import { judged } from './kb-judged';
import { kbSearchBench } from './kb-search';
import type { Figure } from './measure';
import { deskSyncBench } from './desk-sync';
import { platformSyncBench } from './platform-sync';
import { queueStatsBench } from './queue-stats';

/**
 * `npm run bench`: each figure is a ratio against a baseline measured in the same run on the same
 * machine, because absolute timings on shared machines say little. Never part of `npm test`.
 */
const dir = mkdtempSync(join(tmpdir(), 'lete-bench-'));
try {
  const db = openDatabase(join(dir, 'lete.sqlite'));
  const kb = await kbSearchBench(db, Number(process.env.LETE_BENCH_KB_ARTICLES ?? 50_000));
  const figures: Figure[] = [...(await catalogueSearchBench(db)), ...(await consultationWriteBench(db)), ...kb.figures];
  db.close();
  figures.push(...(await platformSyncBench()), ...(await deskSyncBench()), ...(await queueStatsBench()));
  const ms = (n: number) => `${n.toFixed(3)} ms`;
  for (const f of figures) {
    process.stdout.write(
      `${f.name}\n  p50 ${ms(f.ours.p50)} vs ${ms(f.baseline.p50)} → ×${(f.ours.p50 / f.baseline.p50).toFixed(2)}` +
        `   ${f.ours.tailName} ${ms(f.ours.tail)} vs ${ms(f.baseline.tail)} → ×${(f.ours.tail / f.baseline.tail).toFixed(2)}` +
        `   throughput ×${(f.ours.hz / f.baseline.hz).toFixed(2)}\n`,
    );
  }
  process.stdout.write(`knowledge search quality on ${judged.length} judged Latvian queries (no diacritics, some typos):\n`);
  for (const q of kb.quality) {
    process.stdout.write(`  ${q.name.padEnd(11)} recall@5 ${q.recallAt5.toFixed(2)}   MRR ${q.mrr.toFixed(2)}\n`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
