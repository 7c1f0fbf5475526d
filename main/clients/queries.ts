import type { Db } from '../db/connection';

export interface ClientRow {
  id: string;
  personal_code: string | null;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  email: string | null;
  bank_account: string | null;
  version: number | null;
}

const columns = `id, personal_code, first_name, last_name, phone, email, bank_account, version`;

export function clientQueries(db: Db) {
  return {
    byId: db.prepare<[string], ClientRow>(`SELECT ${columns} FROM clients WHERE id = ?`),
    byCode: db.prepare<[string], ClientRow>(`SELECT ${columns} FROM clients WHERE personal_code = ?`),
    byCodePrefix: db.prepare<[string], ClientRow>(`SELECT ${columns} FROM clients WHERE personal_code LIKE ? || '%' LIMIT 50`),
    byPhone: db.prepare<[string], ClientRow>(`SELECT ${columns} FROM clients WHERE phone_digits = ? LIMIT 50`),
    byEmail: db.prepare<[string], ClientRow>(`SELECT ${columns} FROM clients WHERE lower(email) = lower(?) LIMIT 50`),
    /** Every word typed must start a word of the name: `berz an` finds Anna Bērziņa. */
    byName: (words: string[]) =>
      db
        .prepare<string[], ClientRow>(`SELECT ${columns} FROM clients WHERE ${words.map(() => `(' ' || search_name) LIKE '% ' || ? || '%' ESCAPE '\\'`).join(' AND ')} LIMIT 200`)
        .all(...words.map((w) => w.replace(/[%_\\]/gu, '\\$&'))),
    byFullName: db.prepare<[string], ClientRow>(`SELECT ${columns} FROM clients WHERE search_name = ? LIMIT 20`),
  };
}
