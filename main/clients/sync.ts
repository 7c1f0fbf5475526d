import { checkPersonalCode } from '../../shared/personal-code';
import type { Db } from '../db/connection';
import type { LocalEffect, Projection, RowData } from '../sync/store';
import { fold } from '../text/fold';

/**
 * Client mutations as this desk shows them before the platform confirms them
 * (`platform/clients/mutations.ts` decides). A second registration of a known person fills in only
 * what was empty, as the platform does.
 */
export const clientEffects: Record<string, LocalEffect> = {
  'client.create': {
    entity: 'client',
    writes: () => 'all',
    apply(current, args, meta) {
      const code = typeof args.personalCode === 'string' ? (checkPersonalCode(args.personalCode).normalised ?? args.personalCode) : null;
      if (!current) return { centreId: null, createdBy: meta.userId, createdAt: meta.at, ...args, personalCode: code };
      const filled: RowData = { ...current };
      for (const [field, value] of Object.entries(args)) if (value !== null && (filled[field] === null || filled[field] === undefined)) filled[field] = value;
      return filled;
    },
  },
  'client.update': {
    entity: 'client',
    writes: (args) => Object.keys(args.changes as RowData),
    apply(current, args) {
      if (!current) throw new Error('client not here');
      return { ...current, ...(args.changes as RowData) };
    },
  },
  /** An offline profile view: only an audit record for the platform, nothing any screen lists. */
  'client.profileViewed': { entity: 'profile_view', writes: () => 'all', apply: (_current, args) => args },
};

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The `clients` table lookups read, kept in step with the visible client rows. */
export function clientProjection(db: Db): Projection {
  const put = db.prepare(
    `INSERT INTO clients (id, personal_code, first_name, last_name, search_name, phone, phone_digits, email, bank_account, centre_id, created_at, version)
     VALUES (@id, @personalCode, @firstName, @lastName, @searchName, @phone, @phoneDigits, @email, @bankAccount, @centreId, @createdAt, @version)
     ON CONFLICT (id) DO UPDATE SET personal_code = excluded.personal_code, first_name = excluded.first_name, last_name = excluded.last_name,
       search_name = excluded.search_name, phone = excluded.phone, phone_digits = excluded.phone_digits, email = excluded.email,
       bank_account = excluded.bank_account, centre_id = excluded.centre_id, created_at = excluded.created_at, version = excluded.version`,
  );
  const remove = db.prepare(`DELETE FROM clients WHERE id = ?`);
  return {
    put(id, d, { version, pending }) {
      const phone = str(d.phone);
      put.run({
        id,
        personalCode: str(d.personalCode),
        firstName: str(d.firstName),
        lastName: str(d.lastName),
        searchName: fold(`${str(d.firstName) ?? ''} ${str(d.lastName) ?? ''}`.trim()),
        phone,
        phoneDigits: phone ? phone.replace(/\D/gu, '').replace(/^371(?=\d{8}$)/u, '') : null,
        email: str(d.email),
        bankAccount: str(d.bankAccount),
        centreId: str(d.centreId),
        createdAt: String(d.createdAt ?? ''),
        version: pending ? null : version,
      });
    },
    remove: (id) => void remove.run(id),
  };
}
