import type { Db } from '../db/connection';

export interface ConsultationRow {
  id: string;
  created_at: string;
  service_code: string | null;
  service_name: string | null;
  channel: string;
  client_kind: 'anonymous' | 'phone';
  client_phone: string | null;
  client_id: string | null;
  client_name: string | null;
  outcome: string;
  note: string;
  clerk_name: string;
  script_title: string | null;
  version: number | null;
}

export function consultationQueries(db: Db) {
  return {
    forUserOnDay: db.prepare<{ userId: string; localDate: string }, ConsultationRow>(
      `SELECT c.id, c.created_at, c.service_code, s.name AS service_name, c.channel, c.client_kind, c.client_phone,
              c.client_id, trim(coalesce(k.first_name, '') || ' ' || coalesce(k.last_name, '')) AS client_name,
              c.outcome, c.note, u.display_name AS clerk_name, ks.title AS script_title, c.version
         FROM consultations c
         JOIN users u ON u.id = c.user_id
         LEFT JOIN services s ON s.code = c.service_code
         LEFT JOIN clients k ON k.id = c.client_id
         LEFT JOIN kb_scripts ks ON ks.id = c.script ->> '$.id'
        WHERE c.user_id = :userId AND c.local_date = :localDate
        ORDER BY c.created_at DESC, c.rowid DESC`,
    ),
    byId: db.prepare<[string], ConsultationRow>(
      `SELECT c.id, c.created_at, c.service_code, s.name AS service_name, c.channel, c.client_kind, c.client_phone,
              c.client_id, trim(coalesce(k.first_name, '') || ' ' || coalesce(k.last_name, '')) AS client_name,
              c.outcome, c.note, u.display_name AS clerk_name, ks.title AS script_title, c.version
         FROM consultations c JOIN users u ON u.id = c.user_id LEFT JOIN services s ON s.code = c.service_code
         LEFT JOIN clients k ON k.id = c.client_id
         LEFT JOIN kb_scripts ks ON ks.id = c.script ->> '$.id'
        WHERE c.id = ?`,
    ),
    serviceExists: db.prepare<[string], { code: string }>(`SELECT code FROM services WHERE code = ?`),
    scriptExists: db.prepare<[string], { id: string }>(`SELECT id FROM kb_scripts WHERE id = ?`),
  };
}
