import type { Db } from '../main/db/connection';
import { principalOf } from '../platform/auth/login';
import type { Platform } from '../platform/server';
import { pull } from '../platform/sync/pull';

/** What the sync fault tests compare: a consultation as the platform holds it and as a desk shows it. */
export interface HeldConsultation {
  version: number;
  data: Record<string, unknown>;
}

/** The consultations the platform would send this user: its own scope rule, from seq 0. */
export async function platformConsultations(platform: Platform, username: string): Promise<Map<string, HeldConsultation>> {
  const [user] = await platform.sql.query<{ id: string; roles: string[]; centre_id: string | null; institution_code: string | null }>(
    `SELECT id, roles, centre_id, institution_code FROM users WHERE username = $1`,
    [username],
  );
  if (!user) throw new Error(`no user ${username} on the platform`);
  const all = await pull(platform.sql, principalOf(user), 0, 1_000_000, null);
  const rows = new Map<string, HeldConsultation>();
  for (const c of all.changes) {
    if (c.entity === 'consultation' && !c.deleted) rows.set(c.id, { version: c.version, data: c.data as Record<string, unknown> });
  }
  return rows;
}

/** The desk's confirmed consultations (its replica). */
export function deskReplica(db: Db): Map<string, HeldConsultation> {
  const rows = db.prepare<[], { id: string; version: number; data: string }>(`SELECT id, version, data FROM replica_rows WHERE entity = 'consultation'`).all();
  return new Map(rows.map((r) => [r.id, { version: r.version, data: JSON.parse(r.data) as Record<string, unknown> }]));
}

/** The desk's `consultations` table, what the day's list and the edit dialog read. */
export function deskShown(db: Db): Map<string, { note: string; outcome: string; channel: string; version: number | null }> {
  const rows = db
    .prepare<[], { id: string; note: string; outcome: string; channel: string; version: number | null }>(`SELECT id, note, outcome, channel, version FROM consultations`)
    .all();
  return new Map(rows.map(({ id, ...rest }) => [id, rest]));
}

/** JSON with object keys sorted, so equal values compare equal whatever order their keys came in. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/**
 * Differences between a quiescent desk and the platform, as readable lines (empty when they agree):
 * the replica holds exactly the platform's rows for the user (same versions, same data), the table the
 * screens read shows exactly those values as confirmed, and nothing is left pending.
 */
export function disagreements(db: Db, platformRows: Map<string, HeldConsultation>): string[] {
  const problems: string[] = [];
  const replica = deskReplica(db);
  const shown = deskShown(db);
  for (const [id, held] of platformRows) {
    const mine = replica.get(id);
    if (!mine) problems.push(`${id}: on the platform (v${held.version}), not on the desk`);
    else if (mine.version !== held.version || canonical(mine.data) !== canonical(held.data)) {
      problems.push(`${id}: desk has v${mine.version} ${JSON.stringify(mine.data)}, platform v${held.version} ${JSON.stringify(held.data)}`);
    }
    const row = shown.get(id);
    const expected = { note: held.data.note, outcome: held.data.outcome, channel: held.data.channel, version: held.version };
    if (canonical(row) !== canonical(expected)) problems.push(`${id}: shown as ${JSON.stringify(row)}, expected ${JSON.stringify(expected)}`);
  }
  for (const id of replica.keys()) if (!platformRows.has(id)) problems.push(`${id}: on the desk, not on the platform`);
  for (const id of shown.keys()) if (!platformRows.has(id)) problems.push(`${id}: shown on the desk, not on the platform`);
  const left = db.prepare<[], { outbox: number; overlay: number }>(`SELECT (SELECT count(*) FROM outbox) AS outbox, (SELECT count(*) FROM local_rows) AS overlay`).get();
  if (left?.outbox || left?.overlay) problems.push(`still pending on the desk: ${JSON.stringify(left)}`);
  return problems;
}

/** What the platform recorded of one installation's mutations, in mutation-number order. */
export async function platformMutations(platform: Platform, clientId: string): Promise<{ mutationId: number; name: string; status: string; version: number | null }[]> {
  const rows = await platform.sql.query<{ mutation_id: string; name: string; status: string; version: string | null }>(
    `SELECT mutation_id, name, status, version FROM sync_mutations WHERE client_id = $1 ORDER BY mutation_id`,
    [clientId],
  );
  return rows.map((r) => ({ mutationId: Number(r.mutation_id), name: r.name, status: r.status, version: r.version === null ? null : Number(r.version) }));
}

/** How many times each consultation was created on the platform (its audit trail of applied creates). */
export async function createsApplied(platform: Platform, ids: string[]): Promise<Map<string, number>> {
  const rows = await platform.sql.query<{ subject: string; n: string }>(
    `SELECT subject, count(*) AS n FROM audit_events
      WHERE action = 'consultation.create' AND detail->>'status' = 'APPLIED' AND subject = ANY($1) GROUP BY subject`,
    [ids],
  );
  const counts = new Map(ids.map((id) => [id, 0]));
  for (const r of rows) counts.set(r.subject, Number(r.n));
  return counts;
}

/** Waits for a condition, checking every 50 ms, and fails with `what` after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`not in time: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
