import type { Sql } from '../db/sql';

/**
 * Case numbers (`<service code> <number>`, domain.md) are unique across the country, yet a desk must
 * print one on the application while offline. So the platform hands each desk installation a block
 * of numbers in advance and accepts a case only with a number from that desk's own blocks.
 */
export async function reserveCaseNumbers(sql: Sql, clientId: string, count: number): Promise<{ first: number; last: number }> {
  return sql.transaction(async (tx) => {
    const [row] = await tx.query<{ last: string }>(`UPDATE case_number_counter SET last = last + $1 WHERE id = 1 RETURNING last`, [count]);
    const last = Number(row?.last);
    const first = last - count + 1;
    await tx.query(`INSERT INTO case_number_blocks (client_id, first, last) VALUES ($1, $2, $3)`, [clientId, first, last]);
    return { first, last };
  });
}

export function parseCaseNumber(caseNumber: string): { serviceCode: string; number: number } | null {
  const match = /^(\S+) (\d{5,12})$/u.exec(caseNumber);
  return match?.[1] && match[2] ? { serviceCode: match[1], number: Number(match[2]) } : null;
}

/** Claims a number for a case: it must come from this desk's blocks and not be used yet. */
export async function claimCaseNumber(tx: Sql, clientId: string, number: number, caseId: string): Promise<string | null> {
  const [block] = await tx.query(`SELECT 1 FROM case_number_blocks WHERE client_id = $1 AND $2 BETWEEN first AND last`, [clientId, number]);
  if (!block) return 'Lietas numurs nav piešķirts šai darba vietai: sinhronizējiet darba vietu un reģistrējiet lietu vēlreiz.';
  const [used] = await tx.query(`SELECT case_id FROM case_numbers WHERE number = $1`, [number]);
  if (used) return 'Šis lietas numurs jau ir izmantots citai lietai.';
  await tx.query(`INSERT INTO case_numbers (number, case_id) VALUES ($1, $2)`, [number, caseId]);
  return null;
}
