import type { Db } from '../db/connection';
import type { PlatformClient } from '../sync/platform-client';

/** Below this many unused numbers the desk asks for a new block, so an outage of a day never runs out. */
const LOW_WATER = 50;
const BLOCK = 200;

/**
 * Case numbers (`<service code> <number>`, domain.md) come from blocks the platform reserved for this
 * installation, so an application printed offline already carries its final number.
 */
export function caseNumbers(db: Db) {
  const remaining = db.prepare<[], { n: number }>(`SELECT coalesce(sum(last - next + 1), 0) AS n FROM case_number_blocks`);
  const current = db.prepare<[], { first: number; next: number }>(`SELECT first, next FROM case_number_blocks WHERE next <= last ORDER BY first LIMIT 1`);
  const advance = db.prepare(`UPDATE case_number_blocks SET next = next + 1 WHERE first = ?`);
  const add = db.prepare(`INSERT OR IGNORE INTO case_number_blocks (first, last, next) VALUES (?, ?, ?)`);
  return {
    remaining: () => remaining.get()?.n ?? 0,
    /** The next number for a case of `serviceCode`, or null when this desk has none left. Call inside the case's transaction. */
    take(serviceCode: string): string | null {
      const block = current.get();
      if (!block) return null;
      advance.run(block.first);
      return `${serviceCode} ${block.next}`;
    },
    add: (first: number, last: number) => void add.run(first, last, first),
    /** Tops up the desk's numbers while it is online; part of every sync cycle. */
    async replenish(client: PlatformClient, installation: string): Promise<void> {
      if ((remaining.get()?.n ?? 0) >= LOW_WATER) return;
      const block = await client.reserveCaseNumbers(installation, BLOCK);
      add.run(block.first, block.last, block.first);
    },
  };
}

export type CaseNumbers = ReturnType<typeof caseNumbers>;
