import type { Db } from '../db/connection';
import type { LocalEffect, Projection } from '../sync/store';

/**
 * An invoice as this desk shows it before the platform confirms it: the amount is the service's fee
 * or state duty from the catalogue, as the platform computes it (`platform/invoices/mutations.ts`).
 */
export function invoiceEffects(db: Db): Record<string, LocalEffect> {
  const feeOfCase = db.prepare<[string], { client_id: string | null; service_code: string; owner_code: string; fee_kind: string; fee_cents: number }>(
    `SELECT c.client_id, c.service_code, c.owner_code, s.fee_kind, s.fee_cents FROM cases c JOIN services s ON s.code = c.service_code WHERE c.id = ?`,
  );
  return {
    'invoice.issue': {
      entity: 'invoice',
      writes: () => 'all',
      apply(current, args, meta) {
        if (current) return current;
        const c = feeOfCase.get(String(args.caseId));
        if (!c) throw new Error('case not here');
        return {
          ...args,
          clientId: c.client_id,
          serviceCode: c.service_code,
          ownerCode: c.owner_code,
          kind: c.fee_kind,
          amountCents: c.fee_cents,
          status: 'issued',
          issuedAt: meta.at,
          issuedBy: meta.userId,
          payments: [],
        };
      },
    },
    'invoice.cancel': {
      entity: 'invoice',
      writes: () => [],
      apply(current) {
        if (!current) throw new Error('invoice not here');
        return { ...current, status: 'cancelled' };
      },
    },
    /** A client's rating: the platform keeps it for the statistics; nothing on this desk lists it. */
    'feedback.create': { entity: 'feedback', writes: () => 'all', apply: (_current, args, meta) => ({ ...args, at: meta.at }) },
  };
}

export function invoiceProjection(db: Db): Projection {
  const put = db.prepare(
    `INSERT INTO invoices (id, case_id, client_id, number, reference, kind, amount_cents, paid_cents, status, issued_at, data, version)
     VALUES (@id, @caseId, @clientId, @number, @reference, @kind, @amountCents, @paidCents, @status, @issuedAt, @data, @version)
     ON CONFLICT (id) DO UPDATE SET client_id = excluded.client_id, kind = excluded.kind, amount_cents = excluded.amount_cents,
       paid_cents = excluded.paid_cents, status = excluded.status, data = excluded.data, version = excluded.version`,
  );
  const remove = db.prepare(`DELETE FROM invoices WHERE id = ?`);
  return {
    put(id, d, { version, pending }) {
      const payments = Array.isArray(d.payments) ? (d.payments as { amountCents: number }[]) : [];
      put.run({
        id,
        caseId: d.caseId,
        clientId: d.clientId ?? null,
        number: d.number,
        reference: d.reference,
        kind: d.kind,
        amountCents: d.amountCents,
        paidCents: payments.reduce((sum, p) => sum + p.amountCents, 0),
        status: d.status,
        issuedAt: d.issuedAt,
        data: JSON.stringify(d),
        version: pending ? null : version,
      });
    },
    remove: (id) => void remove.run(id),
  };
}
