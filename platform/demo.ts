import { DEMO_PASSWORD, demoQueues, demoSystemAccounts, generateDemoData } from '../assets/demo';
import { demoArticles, demoScripts } from '../assets/demo/knowledge-base';
import { hashPassword } from './auth/login';
import type { Sql } from './db/sql';
import type { QueueData } from './entities';
import { seedHistory, type DemoHistoryOptions } from './demo-history';
import { writeRow } from './sync/rows';

/**
 * Loads the demo directory, users, system accounts, catalogue and queues into an empty platform
 * database, once; with `history`, months of past work for the statistics before them.
 */
export async function seedDemo(sql: Sql, options: { passwordMemoryCost?: number; history?: DemoHistoryOptions } = {}): Promise<boolean> {
  const [existing] = await sql.query(`SELECT 1 FROM institutions LIMIT 1`);
  if (existing) return false;
  const data = generateDemoData();
  if (options.history) {
    // The directory goes in last and so marks a finished seeding: a start stopped while the history
    // loaded left rows but no institutions, and nobody could sign in to add any, so they go.
    await sql.exec(`DELETE FROM sync_rows; DELETE FROM case_numbers; DELETE FROM case_number_blocks; DELETE FROM backoffice_outbox`);
    await seedHistory(sql, data, options.history);
  }
  const accounts = [
    ...data.users,
    ...demoSystemAccounts(data).map((a) => ({ ...a, deskId: null, password: DEMO_PASSWORD })),
  ];
  const hashes = await Promise.all(accounts.map((u) => hashPassword(u.password, options.passwordMemoryCost)));
  await sql.transaction(async (tx) => {
    for (const i of data.institutions) await tx.query(`INSERT INTO institutions VALUES ($1, $2, $3, $4)`, [i.code, i.name, i.nameEn, i.kind]);
    for (const c of data.centres) await tx.query(`INSERT INTO centres VALUES ($1, $2, $3, $4, $5)`, [c.id, c.name, c.municipality, c.address, c.kind]);
    for (const d of data.desks) await tx.query(`INSERT INTO desks VALUES ($1, $2, $3)`, [d.id, d.centreId, d.name]);
    for (const [n, u] of accounts.entries()) {
      await tx.query(
        `INSERT INTO users (id, username, display_name, roles, centre_id, institution_code, desk_id, password_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [u.id, u.username, u.displayName, u.roles, u.centreId, u.institutionCode, u.deskId, hashes[n]],
      );
    }
    for (const i of data.institutions) {
      await writeRow(tx, { entity: 'institution', id: i.code, data: { ...i }, everyone: true, centreId: null, ownerCode: i.code });
    }
    for (const s of data.services) {
      const { code, ...rest } = s;
      await writeRow(tx, { entity: 'service', id: code, data: { code, ...rest }, everyone: true, centreId: null, ownerCode: s.ownerCode });
    }
    for (const q of demoQueues(data.centres, data.services)) {
      // Social insurance and employment (A) takes longer; the others aim at a quarter of an hour.
      const queue: QueueData = { ...q, waitTargetMinutes: q.letter === 'A' ? 20 : 15 };
      await writeRow(tx, { entity: 'queue', id: q.id, data: queue, centreId: q.centreId, ownerCode: null });
    }
    // The knowledge base as the demo editor published it, each with its first version kept.
    const published = { version: 1, updatedBy: 'user-redaktors', updatedAt: new Date().toISOString() };
    for (const a of demoArticles()) {
      const visibility = { everyone: a.audience === 'providers', ownerCode: a.ownerCode, centreId: null };
      await writeRow(tx, { entity: 'article', id: a.id, data: { ...a, ...published }, ...visibility });
      await writeRow(tx, { entity: 'article_version', id: `${a.id}@1`, data: { ...a, ...published }, ...visibility, archived: true });
    }
    for (const s of demoScripts) {
      await writeRow(tx, { entity: 'script', id: s.id, data: { ...s, ...published }, everyone: true, centreId: null, ownerCode: null });
      await writeRow(tx, { entity: 'script_version', id: `${s.id}@1`, data: { ...s, ...published }, everyone: true, centreId: null, ownerCode: null, archived: true });
    }
  });
  return true;
}
