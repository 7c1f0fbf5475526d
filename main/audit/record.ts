import type { Db } from '../db/connection';

export interface AuditEvent {
  at: Date;
  userId: string | null;
  action: string;
  subject?: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  /** Codes and ids only: the audit log is read by operators, so it carries no personal data. */
  detail?: Record<string, string | number | boolean | null>;
}

export function recordAudit(db: Db, event: AuditEvent): void {
  db.prepare(
    `INSERT INTO audit_events (at, user_id, action, subject, outcome, detail) VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(
    event.at.toISOString(),
    event.userId,
    event.action,
    event.subject ?? null,
    event.outcome,
    event.detail ? JSON.stringify(event.detail) : null,
  );
}
