import { demoAccounts, generateDemoData } from '../../assets/demo';
import type { Db } from '../db/connection';
import { DEFAULT_COST, hashPassword } from '../session/password';


export interface SeedOptions {
  /** The desk this installation acts as; defaults to the demo clerk's desk. */
  deskId: string | null;
  /** scrypt cost; tests lower it, the quick start keeps the real one. */
  passwordCost?: number;
}

/**
 * Loads the demo directory and catalogue into an empty database, once. A database that already has
 * data (a real desk, or a demo desk after its first start) is left alone.
 */
export async function seedDemo(db: Db, options: SeedOptions): Promise<void> {
  const hasData = db.prepare(`SELECT 1 FROM institutions LIMIT 1`).get();
  if (hasData) return;
  const data = generateDemoData();
  const hashes = await Promise.all(data.users.map((u) => hashPassword(u.password, options.passwordCost ?? DEFAULT_COST)));
  const clerk = data.users.find((u) => u.username === demoAccounts[0]?.username);
  const deskId = options.deskId ?? clerk?.deskId ?? null;

  db.transaction(() => {
    const institution = db.prepare(`INSERT INTO institutions (code, name, name_en, kind, iban, registration_number) VALUES (?, ?, ?, ?, ?, ?)`);
    for (const i of data.institutions) institution.run(i.code, i.name, i.nameEn, i.kind, i.iban, i.registrationNumber);
    const centre = db.prepare(`INSERT INTO centres (id, name, municipality, address, kind) VALUES (?, ?, ?, ?, ?)`);
    for (const c of data.centres) centre.run(c.id, c.name, c.municipality, c.address, c.kind);
    const desk = db.prepare(`INSERT INTO desks (id, centre_id, name) VALUES (?, ?, ?)`);
    for (const d of data.desks) desk.run(d.id, d.centreId, d.name);
    const user = db.prepare(
      `INSERT INTO users (id, username, display_name, roles, centre_id, institution_code, desk_id, password_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    data.users.forEach((u, i) =>
      user.run(u.id, u.username, u.displayName, JSON.stringify(u.roles), u.centreId, u.institutionCode, u.deskId, hashes[i]),
    );
    const service = db.prepare(
      `INSERT INTO services (code, name, description, owner_code, channels, fee_kind, fee_cents, synonyms,
                             required_documents, typical_duration_days, sla_days, form)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const s of data.services) {
      service.run(
        s.code,
        s.name,
        s.description,
        s.ownerCode,
        JSON.stringify(s.channels),
        s.fee.kind,
        s.fee.amountCents,
        JSON.stringify(s.synonyms),
        JSON.stringify(s.requiredDocuments),
        s.typicalDurationDays,
        s.slaDays,
        JSON.stringify(s.form),
      );
    }
    if (deskId) db.prepare(`INSERT OR REPLACE INTO settings (key, value) VALUES ('desk_id', ?)`).run(deskId);
  })();
}
