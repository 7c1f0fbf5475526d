export const caseStatuses = ['draft', 'submitted', 'in_progress', 'waiting_client', 'waiting_payment', 'result_ready', 'delivered', 'closed', 'cancelled', 'rejected'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/** Who works on a case now: the desk that took it, a second-level specialist, or the owner institution. */
export type CaseLevel = 'desk' | 'second_level' | 'owner';

/** One line of a case's history: who did what, when, from which status to which, and why. */
export interface HistoryEntry {
  at: string;
  by: string;
  action: string;
  from: string | null;
  to: string | null;
  reason: string | null;
}

/**
 * A new application as the platform records it and as the desk shows it before the platform
 * confirms it: one definition, so the two cannot drift apart. The desk does not know the centre the
 * platform will file it under and passes null.
 */
export function draftCase<A extends { ticketId?: string | null }>(args: A, by: { userId: string; centreId: string | null; ownerCode: string; at: string }) {
  return {
    ...args,
    ownerCode: by.ownerCode,
    status: 'draft' as const,
    level: 'desk' as const,
    assigneeId: by.userId,
    authorisation: null,
    centreId: by.centreId,
    createdBy: by.userId,
    createdAt: by.at,
    submittedAt: null,
    dueAt: null,
    escalated: false,
    result: null,
    backOfficeRef: null,
    notes: [],
    history: [{ at: by.at, by: by.userId, action: 'created', from: null, to: 'draft', reason: null } satisfies HistoryEntry],
    ticketId: args.ticketId ?? null,
  };
}

/** What the lifecycle needs to know of a case; the platform and the desk both check against it. */
interface CaseState {
  status: CaseStatus;
  caseNumber: string;
  level: CaseLevel;
}

/** Who moves a case: staff of the centres, or the owner institution's back office. */
export type Actor = 'desk' | 'backoffice';

const D: Actor[] = ['desk'];
const B: Actor[] = ['backoffice'];
const DB: Actor[] = ['desk', 'backoffice'];

/**
 * The case lifecycle. The server checks every change against it, so a desk that was offline cannot
 * move a case the owner has meanwhile rejected.
 */
const transitions: Record<CaseStatus, Partial<Record<CaseStatus, Actor[]>>> = {
  draft: { submitted: D, cancelled: D },
  submitted: { in_progress: B, rejected: B, cancelled: D },
  in_progress: { waiting_client: DB, waiting_payment: B, result_ready: DB, rejected: B },
  waiting_client: { submitted: D, in_progress: B, cancelled: D },
  waiting_payment: { in_progress: B, cancelled: D },
  result_ready: { delivered: D },
  delivered: { closed: DB },
  closed: {},
  cancelled: {},
  rejected: {},
};

export const statusNames: Record<CaseStatus, string> = {
  draft: 'melnraksts',
  submitted: 'iesniegta',
  in_progress: 'izskatīšanā',
  waiting_client: 'gaida klientu',
  waiting_payment: 'gaida samaksu',
  result_ready: 'rezultāts gatavs',
  delivered: 'izsniegta',
  closed: 'slēgta',
  cancelled: 'atcelta',
  rejected: 'noraidīta',
};

export const openStatuses: CaseStatus[] = ['submitted', 'in_progress', 'waiting_client', 'waiting_payment', 'result_ready'];

/** Null when allowed; otherwise the Latvian reason the desk shows. */
export function transitionProblem(current: CaseState, to: CaseStatus, actor: Actor): string | null {
  const allowed = transitions[current.status][to];
  if (!allowed) return `Lietu ${current.caseNumber} nevar pārcelt no statusa „${statusNames[current.status]}” uz „${statusNames[to]}”.`;
  if (!allowed.includes(actor)) {
    return actor === 'desk'
      ? `Statusu „${statusNames[to]}” lietai ${current.caseNumber} nosaka pakalpojuma turētājs.`
      : `Statusu „${statusNames[to]}” lietai ${current.caseNumber} nosaka klientu apkalpošanas centrs.`;
  }
  // An owner's decision is not the desk's to make, even for a case the desk still holds.
  if (actor === 'desk' && to === 'result_ready' && current.level === 'owner') return `Lietu ${current.caseNumber} izskata pakalpojuma turētājs.`;
  return null;
}

export function nextStatuses(current: CaseStatus, actor: Actor): CaseStatus[] {
  return (Object.entries(transitions[current]) as [CaseStatus, Actor[]][]).filter(([, actors]) => actors.includes(actor)).map(([s]) => s);
}
