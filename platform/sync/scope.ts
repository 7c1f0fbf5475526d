import type { Principal } from '../auth/tokens';

/**
 * What a user may see, as a SQL condition over sync_rows starting at placeholder `$from`: rows shared
 * with everyone, their centre's rows and, for an institution's staff, the rows of services it owns.
 * Administrators and the call centre's supervisors see everything.
 */
export function visibleTo(p: Principal, from: number): { clause: string; params: unknown[] } {
  if (p.roles.includes('admin')) return { clause: 'true', params: [] };
  return {
    clause: `(everyone OR centre_id = $${from} OR owner_code = $${from + 1})`,
    params: [p.centreId, p.institutionCode],
  };
}

export function canSee(p: Principal, row: { everyone: boolean; centre_id: string | null; owner_code: string | null }): boolean {
  if (p.roles.includes('admin') || row.everyone) return true;
  return (row.centre_id !== null && row.centre_id === p.centreId) || (row.owner_code !== null && row.owner_code === p.institutionCode);
}
