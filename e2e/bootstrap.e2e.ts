import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../main/clock';
import { openDatabase } from '../main/db/connection';
import { seedDemo } from '../main/demo/seed';
import { createDeskStore } from '../main/sync/desk-store';
import { createSyncEngine, type BootstrapProgress } from '../main/sync/engine';
import { createPlatformClient } from '../main/sync/platform-client';
import { createPlatform } from '../platform/server';

const silent = { info: () => undefined, error: () => undefined };

/** A new desk's first download: a progress bar with an estimate, and a resume where it stopped. */
describe('first download on a new desk', () => {
  const dirs: string[] = [];
  const open: { close(): unknown }[] = [];
  afterEach(async () => {
    for (const o of open.splice(0).reverse()) await o.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'lete-bootstrap-'));
    dirs.push(d);
    return d;
  };

  it('shows how far it has come, and after an interruption carries on from the last batch it stored', async () => {
    const platform = await createPlatform({ dataDir: tempDir(), demo: true, passwordMemoryCost: 1024, demoHistory: { days: 3, scale: 0.05 } });
    open.push(platform);
    const dir = tempDir();
    const db = openDatabase(join(dir, 'lete.sqlite'));
    await seedDemo(db, { deskId: null, passwordCost: 1024 });
    const client = createPlatformClient(platform.url);
    await client.login('klerks', 'demo');
    const checkpoint = () => Number((db.prepare(`SELECT value FROM settings WHERE key = 'checkpoint'`).get() as { value: string } | undefined)?.value ?? 0);

    // The first desk process gets three batches in, then the clerk closes the app.
    const seen: BootstrapProgress[] = [];
    let first: ReturnType<typeof createSyncEngine> | null = null;
    first = createSyncEngine(db, client, createDeskStore(db), {
      clock: systemClock,
      logger: silent,
      pullLimit: 100,
      pollMs: 3_600_000,
      onChange: () => {
        const progress = first?.bootstrap();
        if (!progress) return;
        seen.push(progress);
        if (seen.length === 3) first?.stop();
      },
    });
    first.start();
    await first.syncNow();
    expect(seen).toHaveLength(3);
    expect(seen.map((p) => p.done)).toEqual([...seen.map((p) => p.done)].sort((a, b) => a - b));
    expect(seen.every((p) => p.total >= p.done && p.total > 300)).toBe(true);
    expect(seen.at(-1)?.etaSeconds).not.toBeNull();
    const stoppedAt = checkpoint();
    expect(stoppedAt).toBeGreaterThan(0);
    expect(db.prepare(`SELECT value FROM settings WHERE key = 'bootstrapped'`).get()).toBeUndefined();

    // The next start resumes from the stored checkpoint, not from zero, and finishes.
    const requested: number[] = [];
    const counting = Object.assign(Object.create(client) as typeof client, {
      pull: (from: number, limit: number, id: string) => {
        requested.push(from);
        return client.pull(from, limit, id);
      },
    });
    const second = createSyncEngine(db, counting, createDeskStore(db), { clock: systemClock, logger: silent, pullLimit: 100, pollMs: 3_600_000, onChange: () => undefined });
    second.start();
    await second.syncNow();
    second.stop();
    expect(requested[0]).toBe(stoppedAt);
    expect(second.bootstrap()).toBeNull();
    expect(db.prepare(`SELECT value FROM settings WHERE key = 'bootstrapped'`).get()).toEqual({ value: '1' });

    // Everything the clerk may see arrived, once.
    const [{ visible }] = (await platform.sql.query<{ visible: string }>(
      `SELECT count(*) AS visible FROM sync_rows WHERE NOT archived AND NOT deleted AND (everyone OR centre_id = 'riga-centrs')`,
    )) as [{ visible: string }];
    const replica = db.prepare(`SELECT count(*) AS n FROM replica_rows`).get() as { n: number };
    expect(replica.n).toBe(Number(visible));
    db.close();
  });
});
