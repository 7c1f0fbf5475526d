import { generateHistory, workingDays, type DemoData, type HistoryRow } from '../assets/demo';
import { rigaDay } from '../shared/riga-day';
import { parseCaseNumber, reserveCaseNumbers } from './cases/numbers';
import type { Sql } from './db/sql';
import type { CaseData, ClientData, ConsultationData, FeedbackData, InvoiceData, TicketData, WorktimeData } from './entities';
import type { Visibility } from './sync/rows';

/** The figures for 90 days at scale 1. */
const PER_90_DAYS = { casesAndConsultations: 100_000, tickets: 200_000 };
const DAY = 86_400_000;
/** Rows per INSERT: large enough to keep PGlite busy with rows rather than statements. */
const CHUNK = 2000;
/** The case number block the history's cases take their numbers from. */
const HISTORY_NUMBERS = 'demo-history';

export interface DemoHistoryOptions {
  days: number;
  /** 1: the figures, about 100,000 cases and consultations and 200,000 tickets per 90 days. */
  scale: number;
  seed?: number;
  /** Finished rows older than this are kept for statistics only, never sent to desks (default 14). */
  syncDays?: number;
  /** The Riga day the history ends before; today by default. */
  today?: string;
  /** After each batch; carries counts only, never personal data, so it may go to a log. */
  onProgress?: (progress: { days: number; of: number; rows: number }) => void;
}

/**
 * Who may see a history row: exactly what the live mutation that makes such a row sets. Assigning
 * each generated shape to the platform's entity type is also where a drift between the two fails to
 * compile.
 */
function visibility(row: HistoryRow, ownerOfService: Map<string, string>): Visibility & { clientId: string | null } {
  switch (row.entity) {
    case 'client': {
      const client: ClientData = row.data;
      return { centreId: client.centreId, ownerCode: null, clientId: client.id };
    }
    case 'case': {
      const c: CaseData = row.data;
      return { centreId: c.centreId, ownerCode: c.ownerCode, clientId: c.clientId };
    }
    case 'consultation': {
      const c: ConsultationData = row.data;
      return { centreId: c.centreId, ownerCode: (c.serviceCode && ownerOfService.get(c.serviceCode)) || null, clientId: c.client.kind === 'client' ? c.client.clientId : null };
    }
    case 'invoice': {
      const invoice: InvoiceData = row.data;
      return { centreId: row.caseCentreId, ownerCode: invoice.ownerCode, clientId: invoice.clientId };
    }
    case 'ticket': {
      const ticket: TicketData = row.data;
      return { centreId: ticket.centreId, ownerCode: null, clientId: null };
    }
    case 'worktime': {
      const worktime: WorktimeData = row.data;
      return { centreId: worktime.centreId, ownerCode: null, clientId: null };
    }
    case 'feedback': {
      const feedback: FeedbackData = row.data;
      return { centreId: feedback.centreId, ownerCode: null, clientId: null };
    }
  }
}

/**
 * Loads the demo's statistics history into a database that has none yet, a day per transaction.
 * Each transaction takes its seq range from the counter it holds locked until commit, so seq stays
 * gap-free and in commit order as with every other write. Finished rows older than `syncDays` are
 * archived: the platform keeps them for statistics and desks never pull them; open cases stay live.
 */
export async function seedHistory(sql: Sql, data: DemoData, options: DemoHistoryOptions): Promise<{ rows: number; archived: number }> {
  const today = options.today ?? rigaDay(new Date());
  const share = (options.scale * options.days) / 90;
  const casesAndConsultations = Math.round(PER_90_DAYS.casesAndConsultations * share);
  const tickets = Math.round(PER_90_DAYS.tickets * share);
  const days = workingDays(today, options.days).length;
  if (days === 0 || casesAndConsultations + tickets === 0) return { rows: 0, archived: 0 };

  // Numbers are reserved like a desk's block, so none a desk is handed later can repeat one.
  const block = await reserveCaseNumbers(sql, HISTORY_NUMBERS, Math.max(1, casesAndConsultations));
  const ownerOfService = new Map(data.services.map((s) => [s.code, s.ownerCode]));
  // Riga midnight is two or three hours earlier, when nobody works: the cut falls between days either way.
  const cutoff = Date.parse(`${today}T00:00:00Z`) - (options.syncDays ?? 14) * DAY;
  const total = { rows: 0, archived: 0 };
  let done = 0;

  const history = generateHistory(data, { days: options.days, seed: options.seed ?? data.seed, casesAndConsultations, tickets, today, firstCaseNumber: block.first });
  for (const batch of history) {
    await sql.transaction(async (tx) => {
      const [counter] = await tx.query<{ seq: string }>(`UPDATE sync_counter SET seq = seq + $1 WHERE id = 1 RETURNING seq`, [batch.length]);
      const first = Number(counter?.seq) - batch.length + 1;
      for (let start = 0; start < batch.length; start += CHUNK) {
        const rows = batch.slice(start, start + CHUNK).map((row, k) => {
          const version = first + start + k;
          const archived = !row.open && Date.parse(row.lastAt) < cutoff;
          if (archived) total.archived++;
          const { centreId, ownerCode, clientId } = visibility(row, ownerOfService);
          const fieldVersions = Object.fromEntries(Object.keys(row.data).map((f) => [f, version]));
          return { e: row.entity, i: row.data.id, v: version, d: row.data, f: fieldVersions, c: centreId, o: ownerCode, l: clientId, a: archived };
        });
        await tx.query(
          `INSERT INTO sync_rows (entity, id, version, deleted, data, field_versions, centre_id, owner_code, everyone, client_id, archived)
           SELECT e, i, v, false, d, f, c, o, false, l, a FROM json_to_recordset($1::json) AS r(e text, i text, v bigint, d jsonb, f jsonb, c text, o text, l text, a boolean)`,
          [JSON.stringify(rows)],
        );
      }
      const cases = batch.flatMap((row) => (row.entity === 'case' ? [row.data] : []));
      if (cases.length === 0) return;
      await tx.query(`INSERT INTO case_numbers (number, case_id) SELECT n, c FROM json_to_recordset($1::json) AS r(n bigint, c text)`, [
        JSON.stringify(cases.map((c) => ({ n: parseCaseNumber(c.caseNumber)?.number, c: c.id }))),
      ]);
      // Applications the owner has not taken yet wait for its back office, as case.submit leaves them.
      const waiting = cases.filter((c) => c.status === 'submitted');
      if (waiting.length > 0) {
        await tx.query(`INSERT INTO backoffice_outbox (case_id, owner_code) SELECT c, o FROM json_to_recordset($1::json) AS r(c text, o text)`, [
          JSON.stringify(waiting.map((c) => ({ c: c.id, o: c.ownerCode }))),
        ]);
      }
    });
    total.rows += batch.length;
    if (batch[0]?.entity !== 'client') done++;
    options.onProgress?.({ days: done, of: days, rows: total.rows });
  }
  return total;
}
