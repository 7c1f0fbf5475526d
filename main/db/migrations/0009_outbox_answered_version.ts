import type { Migration } from '../migrate';

/**
 * The version the platform answered for an outbox entry it applied, kept while the entry waits for a
 * pull to confirm it. An edit the clerk makes on top of that change in the meantime takes it as its
 * base; before this column such an edit recorded `{"mine": n}`, waited for an answer that had already
 * come, and once the pull removed entry n it blocked the rest of the outbox for good.
 */
export const m0009OutboxAnsweredVersion: Migration = {
  version: 9,
  name: 'outbox-answered-version',
  up(db) {
    db.exec(`
      ALTER TABLE outbox ADD COLUMN version INTEGER;
      -- Entries still waiting for an earlier answer of ours are rare; every answer looks them up, so a
      -- drain of thousands of queued changes stays linear.
      CREATE INDEX outbox_waiting_base ON outbox(mutation_id) WHERE base_versions LIKE '%"mine"%';
    `);
    // Bases already stuck that way: waiting on an entry no longer in the outbox. 0 has the platform
    // check the edit against everything — a conflict for the clerk at worst, never an overwrite.
    const waiting = db.prepare<[], { mutation_id: number; base_versions: string }>(`SELECT mutation_id, base_versions FROM outbox WHERE base_versions LIKE '%"mine"%'`).all();
    const present = db.prepare<[number], { n: number }>(`SELECT count(*) AS n FROM outbox WHERE mutation_id = ?`);
    const setBase = db.prepare(`UPDATE outbox SET base_versions = ? WHERE mutation_id = ?`);
    for (const row of waiting) {
      const base = JSON.parse(row.base_versions) as Record<string, number | { mine: number }>;
      let changed = false;
      for (const [field, b] of Object.entries(base)) {
        if (typeof b === 'object' && !present.get(b.mine)?.n) {
          base[field] = 0;
          changed = true;
        }
      }
      if (changed) setBase.run(JSON.stringify(base), row.mutation_id);
    }
  },
};
