import { randomUUID } from 'node:crypto';
import { AppError } from '../../preload/contract';
import { recordAudit } from '../audit/record';
import { signedIn } from '../cases/service';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { Connection } from '../rpc/router';
import type { LocalStore } from '../sync/store';

const finished = ['result_ready', 'delivered', 'closed', 'cancelled', 'rejected'];

/** The client's rating (1–5, a comment) of a finished case or a consultation, for the satisfaction figures. */
export function createFeedbackService(db: Db, deps: { clock: Clock; store: LocalStore; onChanged: () => void }) {
  const caseRow = db.prepare<[string], { status: string; case_number: string }>(`SELECT status, case_number FROM cases WHERE id = ?`);
  const consultation = db.prepare<[string], { id: string }>(`SELECT id FROM consultations WHERE id = ?`);
  const rated = db.prepare<[string, string], { n: number }>(
    `SELECT count(*) AS n FROM outbox WHERE name = 'feedback.create' AND (json_extract(args, '$.caseId') = ? OR json_extract(args, '$.consultationId') = ?)`,
  );
  const save = db.transaction((userId: string, args: { id: string; caseId: string | null; consultationId: string | null; rating: number; comment: string | null }) => {
    const at = deps.clock.now();
    deps.store.mutate({ name: 'feedback.create', args, userId, at });
    recordAudit(db, { at, userId, action: 'feedback.create', subject: args.caseId ?? args.consultationId, outcome: 'ok', detail: { rating: args.rating } });
  });

  return {
    record(connection: Connection, input: { subject: { kind: 'case' | 'consultation'; id: string }; rating: number; comment: string | null }): null {
      const session = signedIn(connection);
      const { kind, id } = input.subject;
      if (kind === 'case') {
        const c = caseRow.get(id);
        if (!c) throw new AppError('NOT_FOUND', 'Lieta nav atrasta.');
        if (!finished.includes(c.status)) throw new AppError('CONFLICT', `Lietu ${c.case_number} var novērtēt, kad tā ir pabeigta.`);
      } else if (!consultation.get(id)) {
        throw new AppError('NOT_FOUND', 'Konsultācija nav atrasta.');
      }
      if ((rated.get(id, id)?.n ?? 0) > 0) throw new AppError('CONFLICT', 'Šis apmeklējums jau ir novērtēts.');
      save(session.user.id, { id: randomUUID(), caseId: kind === 'case' ? id : null, consultationId: kind === 'consultation' ? id : null, rating: input.rating, comment: input.comment || null });
      deps.onChanged();
      return null;
    },
  };
}
