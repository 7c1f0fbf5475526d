import type { Principal } from '../auth/tokens';

const staffRoles = ['clerk', 'agent', 'supervisor'];
/** Kiosks handle tickets only; editors maintain their institution's knowledge, not its cases. */
const kioskEntities = ['queue', 'ticket'];
const editorEntities = ['article', 'script', 'article_version', 'script_version'];

/**
 * What a user may see, as a SQL condition over sync_rows whose parameters start at `$from`: rows
 * shared with everyone; for centre staff their centre's rows and, for an owner institution's staff,
 * the rows of services it owns; for a back-office integration its institution's rows; for an editor
 * their institution's articles and scripts; for a kiosk its centre's queues and tickets.
 */
export function visibleTo(p: Principal, from: number): { clause: string; params: unknown[] } {
  if (p.roles.includes('admin')) return { clause: 'true', params: [] };
  // Only the parameters the clause uses are passed: PostgreSQL refuses one it cannot type.
  const params: unknown[] = [];
  const param = (value: unknown) => `$${from + params.push(value) - 1}::text`;
  const has = (roles: string[]) => p.roles.some((r) => roles.includes(r));
  const list = (entities: string[]) => entities.map((e) => `'${e}'`).join(', ');
  const parts = ['everyone'];
  if (has(staffRoles)) parts.push(`centre_id = ${param(p.centreId)}`, `owner_code = ${param(p.institutionCode)}`);
  if (has(['integration'])) parts.push(`owner_code = ${param(p.institutionCode)}`);
  if (has(['editor'])) parts.push(`(owner_code = ${param(p.institutionCode)} AND entity IN (${list(editorEntities)}))`);
  if (has(['kiosk'])) parts.push(`(centre_id = ${param(p.centreId)} AND entity IN (${list(kioskEntities)}))`);
  return { clause: `(${parts.join(' OR ')})`, params };
}

export function canSee(p: Principal, row: { entity: string; everyone: boolean; centre_id: string | null; owner_code: string | null }): boolean {
  if (p.roles.includes('admin') || row.everyone) return true;
  const has = (roles: string[]) => p.roles.some((r) => roles.includes(r));
  const ownCentre = row.centre_id !== null && row.centre_id === p.centreId;
  const ownInstitution = row.owner_code !== null && row.owner_code === p.institutionCode;
  return (
    (has(staffRoles) && (ownCentre || ownInstitution)) ||
    (has(['integration']) && ownInstitution) ||
    (has(['editor']) && ownInstitution && editorEntities.includes(row.entity)) ||
    (has(['kiosk']) && ownCentre && kioskEntities.includes(row.entity))
  );
}
