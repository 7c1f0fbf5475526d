import type { Db } from '../db/connection';

export interface CaseRow {
  id: string;
  case_number: string;
  service_code: string;
  service_name: string | null;
  owner_code: string;
  owner_name: string | null;
  client_id: string | null;
  client_name: string | null;
  channel: string;
  status: string;
  level: string;
  assignee_id: string | null;
  assignee_name: string | null;
  created_at: string;
  due_at: string | null;
  escalated: number;
  data: string;
  version: number | null;
}

const select = `
  SELECT c.id, c.case_number, c.service_code, s.name AS service_name, c.owner_code, i.name AS owner_name,
         c.client_id, nullif(trim(coalesce(k.first_name, '') || ' ' || coalesce(k.last_name, '')), '') AS client_name,
         c.channel, c.status, c.level, c.assignee_id, u.display_name AS assignee_name, c.created_at, c.due_at, c.escalated,
         -- The whole case (form, history, notes) is the synced row itself: pending edits on top, else as confirmed.
         coalesce((SELECT data FROM local_rows WHERE entity = 'case' AND id = c.id), (SELECT data FROM replica_rows WHERE entity = 'case' AND id = c.id)) AS data,
         c.version
    FROM cases c
    LEFT JOIN services s ON s.code = c.service_code
    LEFT JOIN institutions i ON i.code = c.owner_code
    LEFT JOIN clients k ON k.id = c.client_id
    LEFT JOIN users u ON u.id = c.assignee_id`;

const open = `c.status NOT IN ('closed', 'cancelled', 'rejected')`;

export function caseQueries(db: Db) {
  return {
    byId: db.prepare<[string], CaseRow>(`${select} WHERE c.id = ?`),
    /** Mine: assigned to me, and what I registered that waits for the client or for me. */
    mine: db.prepare<[string], CaseRow>(`${select} WHERE c.assignee_id = ? AND ${open} ORDER BY c.changed_at DESC LIMIT 200`),
    /** My institution's: cases of services it owns, and those handed to the second level. */
    institution: db.prepare<{ institution: string | null; centre: string | null }, CaseRow>(
      `${select} WHERE ${open} AND (c.owner_code = :institution OR (c.level = 'second_level' AND c.centre_id = :centre)) ORDER BY c.due_at IS NULL, c.due_at LIMIT 200`,
    ),
    today: db.prepare<{ userId: string; day: string }, CaseRow>(`${select} WHERE c.created_by = :userId AND c.local_date = :day ORDER BY c.created_at DESC, c.case_number DESC`),
    ofClient: db.prepare<[string], CaseRow>(`${select} WHERE c.client_id = ? ORDER BY c.created_at DESC, c.case_number DESC`),
    service: db.prepare<[string], { name: string; owner_code: string; fee_kind: string; fee_cents: number; required_documents: string; form: string; channels: string }>(
      `SELECT name, owner_code, fee_kind, fee_cents, required_documents, form, channels FROM services WHERE code = ?`,
    ),
    userName: db.prepare<[string], { display_name: string }>(`SELECT display_name FROM users WHERE id = ?`),
    userOf: db.prepare<[string], { centre_id: string | null; institution_code: string | null }>(`SELECT centre_id, institution_code FROM users WHERE id = ?`),
    colleagues: db.prepare<[string], { id: string; display_name: string }>(
      `SELECT c.id, c.display_name FROM users me JOIN users c ON c.centre_id = me.centre_id AND c.id <> me.id
        WHERE me.id = ? AND c.active = 1
          AND EXISTS (SELECT 1 FROM json_each(c.roles) r WHERE r.value IN ('clerk', 'agent', 'supervisor'))`,
    ),
    clientExists: db.prepare<[string], { id: string }>(`SELECT id FROM clients WHERE id = ?`),
  };
}
