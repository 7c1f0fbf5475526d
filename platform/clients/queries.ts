import { maskPersonalCode } from '../../shared/personal-code';
import type { Sql } from '../db/sql';
import type { CaseData, ClientData, ConsentData, ConsultationData, InvoiceData } from '../entities';
import { platformError } from '../errors';
import { clamp, need, type Context } from '../access';
import { deskRoles } from '../sync/outcome';

/** Folds Latvian letters and case in SQL the way the desk folds them, so `berzina` finds `Bērziņa`. */
const fold = (expr: string) => `translate(lower(${expr}), 'āčēģīķļņōŗšūž', 'acegiklnorsuz')`;
const foldText = (text: string) => text.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '').replace(/[%_\\]/gu, '\\$&');

/** A personal code (or its start), a phone number, an e-mail, or a name: told apart by their shape. */
function searchCondition(search: string): { where: string; param: string } {
  const trimmed = search.trim();
  const digits = trimmed.replace(/[\s-]/gu, '');
  const phoneLike = trimmed.startsWith('+') || digits.length === 8;
  if (/^\d{6,11}$/u.test(digits) && !phoneLike) {
    const prefix = digits.length > 6 ? `${digits.slice(0, 6)}-${digits.slice(6)}` : digits;
    return { where: `data->>'personalCode' LIKE $1 || '%'`, param: prefix };
  }
  if (/^\+?\d{7,15}$/u.test(digits)) return { where: `regexp_replace(data->>'phone', '\\D', '', 'g') LIKE '%' || $1`, param: digits.replace(/^\+/u, '') };
  if (search.includes('@')) return { where: `lower(data->>'email') = $1`, param: search.trim().toLowerCase() };
  return {
    where: `(${fold(`coalesce(data->>'firstName', '') || ' ' || coalesce(data->>'lastName', '')`)} LIKE '%' || $1 || '%'
             OR ${fold(`coalesce(data->>'lastName', '') || ' ' || coalesce(data->>'firstName', '')`)} LIKE '%' || $1 || '%')`,
    param: foldText(search.trim()),
  };
}

/** What `sync_rows.data` holds for each entity a client's profile gathers. */
interface ProfileData {
  client: ClientData;
  consent: ConsentData;
  case: CaseData;
  consultation: ConsultationData;
  invoice: InvoiceData;
}

const masked = (c: ClientData): ClientData => ({ ...c, personalCode: c.personalCode ? maskPersonalCode(c.personalCode) : null });

export function clientQueries(sql: Sql) {
  return {
    /** Any centre's clerk may find any client; lists never show a whole personal code. */
    async clients(_: unknown, args: { search: string; first?: number }, ctx: Context) {
      need(ctx, deskRoles);
      if (args.search.trim().length < 2) throw platformError('BAD_REQUEST', 'Ievadiet vismaz divas rakstzīmes, lai meklētu klientu.');
      const { where, param } = searchCondition(args.search);
      const rows = await sql.query<{ data: ClientData }>(
        `SELECT data FROM sync_rows WHERE entity = 'client' AND NOT deleted AND ${where} ORDER BY data->>'lastName', data->>'firstName' LIMIT $2`,
        [param, clamp(args.first, 100, 20)],
      );
      return rows.map((r) => masked(r.data));
    },

    /** The 360 view, across every centre; it needs a reason and leaves an audit record. */
    async clientProfile(_: unknown, args: { clientId: string; reason: string }, ctx: Context) {
      const p = need(ctx, deskRoles);
      if (args.reason.trim().length < 3) throw platformError('BAD_REQUEST', 'Norādiet, kāpēc atverat klienta profilu (piemēram, klienta piekrišana pieteikuma iesniegšanai).');
      const rows = await sql.query<{ entity: keyof ProfileData; data: unknown }>(
        `SELECT entity, data FROM sync_rows WHERE client_id = $1 AND NOT deleted AND entity IN ('client', 'consent', 'case', 'consultation', 'invoice') ORDER BY version`,
        [args.clientId],
      );
      const of = <E extends keyof ProfileData>(entity: E) => rows.filter((r) => r.entity === entity).map((r) => r.data as ProfileData[E]);
      const [client] = of('client');
      if (!client) throw platformError('BAD_REQUEST', 'Klients nav atrasts.');
      await sql.query(`INSERT INTO audit_events (user_id, action, subject, client_concerned, detail) VALUES ($1, 'client.profile', $2, $2, $3)`, [
        p.userId,
        args.clientId,
        JSON.stringify({ reason: args.reason.trim(), channel: 'online' }),
      ]);
      return { client, consents: of('consent'), cases: of('case'), consultations: of('consultation'), invoices: of('invoice') };
    },
  };
}
