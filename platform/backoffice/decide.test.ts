import { describe, expect, it } from 'vitest';
import type { CaseData } from '../entities';
import { decide } from './decide';

const now = new Date('2026-11-23T12:00:00Z');

function inProgress(n: number, hoursAgo: number): CaseData {
  const at = new Date(now.getTime() - hoursAgo * 3_600_000).toISOString();
  return {
    id: `case-${n}`,
    caseNumber: `P.02 ${10_000 + n}`,
    serviceCode: 'P.02',
    ownerCode: 'NVA',
    clientId: null,
    channel: 'in_person',
    status: 'in_progress',
    level: 'owner',
    assigneeId: null,
    form: {},
    authorisation: null,
    centreId: 'riga-centrs',
    createdBy: 'user-klerks',
    createdAt: at,
    submittedAt: at,
    dueAt: null,
    escalated: false,
    result: null,
    backOfficeRef: null,
    notes: [],
    history: [{ at, by: 'sistema.nva', action: 'accept', from: 'submitted', to: 'in_progress', reason: null }],
    ticketId: null,
  };
}

describe('simulated back office', () => {
  it('works through a backlog a few cases per round, the longest waiting first', () => {
    const cases = new Map(Array.from({ length: 100 }, (_, n) => [`case-${n}`, inProgress(n, 1 + n)] as const));
    const decisions = decide({ cases, invoices: new Map(), fees: new Map([['P.02', 'free']]) }, now, 60_000, 10);
    expect(decisions).toHaveLength(10);
    const ids = decisions.map((d) => (d.name === 'backoffice.report' ? d.args.id : ''));
    expect(ids).toEqual(Array.from({ length: 10 }, (_, i) => `case-${99 - i}`));
  });
});
