import { describe, expect, it } from 'vitest';
import { clientIdForPersonalCode } from '../../shared/client-id';
import { isValidCreditorReference } from '../../shared/creditor-reference';
import { checkPersonalCode } from '../../shared/personal-code';
import { generateDemoData } from './generate';
import { generateHistory, workingDays, type HistoryOptions, type HistoryRow } from './history';

const data = generateDemoData();
// Four weeks over the switch to summer time (30 March 2025) and Easter (18 and 21 April 2025 are holidays).
const options: HistoryOptions = { days: 28, seed: 7, casesAndConsultations: 3000, tickets: 6000, today: '2025-04-23', firstCaseNumber: 10_000 };
const collect = (o: HistoryOptions) => [...generateHistory(data, o)].flat();
const rows = collect(options);
type RowOf<E> = Extract<HistoryRow, { entity: E }>;
const of = <E extends HistoryRow['entity']>(entity: E) => rows.filter((r): r is RowOf<E> => r.entity === entity).map((r) => r.data as RowOf<E>['data']);

const riga = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Riga', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' });
/** Riga day, minutes after midnight and weekday, read with the platform's own time-zone data rather than the generator's rule. */
function local(at: string) {
  const parts = Object.fromEntries(riga.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  return { day: `${parts.year}-${parts.month}-${parts.day}`, minutes: Number(parts.hour) * 60 + Number(parts.minute), weekday: parts.weekday };
}

describe('demo history', () => {
  it('is the same for the same seed and differs for another', () => {
    const small = { ...options, days: 7, casesAndConsultations: 200, tickets: 400 };
    expect(collect(small)).toEqual(collect(small));
    expect(collect({ ...small, seed: 8 })).not.toEqual(collect(small));
  });

  it('makes exactly as many tickets, cases and consultations as asked, on working days only', () => {
    expect(of('ticket')).toHaveLength(options.tickets);
    expect(of('case').length + of('consultation').length).toBe(options.casesAndConsultations);
    expect(of('case').length).toBeGreaterThan(options.casesAndConsultations / 4);
    expect(of('consultation').length).toBeGreaterThan(options.casesAndConsultations / 4);
    const days = workingDays(options.today, options.days);
    expect(days).not.toContain('2025-04-18');
    expect(days).not.toContain('2025-04-21');
    expect(days).toHaveLength(18);
    expect(new Set(of('ticket').map((t) => t.day))).toEqual(new Set(days));
  });

  it('identifies clients by valid personal codes, or partly by a phone number, and refers only to them', () => {
    const clients = of('client');
    const ids = new Set(clients.map((c) => c.id));
    expect(ids.size).toBe(clients.length);
    const identified = clients.filter((c) => c.personalCode !== null);
    expect(identified.length).toBeGreaterThan(clients.length / 2);
    for (const c of identified) {
      expect(checkPersonalCode(c.personalCode ?? '')).toMatchObject({ valid: true, normalised: c.personalCode });
      expect(c.id).toBe(clientIdForPersonalCode(c.personalCode ?? ''));
      expect(c.firstName).toMatch(/^\p{Lu}\p{Ll}+$/u);
    }
    const partial = clients.filter((c) => c.personalCode === null);
    expect(partial.length).toBeGreaterThan(0);
    for (const c of partial) expect(c.phone).toMatch(/^\+371\d{8}$/u);
    for (const c of of('case')) {
      expect(ids.has(c.clientId ?? '')).toBe(true);
      if ('personalCode' in c.form) expect(checkPersonalCode(String(c.form.personalCode)).valid).toBe(true);
    }
    for (const c of of('consultation')) if (c.client.kind === 'client') expect(ids.has(c.client.clientId)).toBe(true);
  });

  it('numbers tickets per queue and Riga day from 001 in the order they were issued', () => {
    const byQueueDay = new Map<string, { number: string; issuedAt: string; day: string }[]>();
    for (const t of of('ticket')) {
      const key = `${t.queueId}/${t.day}`;
      byQueueDay.set(key, [...(byQueueDay.get(key) ?? []), t]);
      expect(local(t.issuedAt).day).toBe(t.day);
    }
    for (const [key, tickets] of byQueueDay) {
      const letter = key.split('/')[0]?.split('-').at(-1)?.toUpperCase();
      const ordered = [...tickets].sort((a, b) => a.issuedAt.localeCompare(b.issuedAt) || a.number.localeCompare(b.number));
      expect(ordered.map((t) => t.number)).toEqual(ordered.map((_, i) => `${letter}${String(i + 1).padStart(3, '0')}`));
    }
  });

  it('keeps the queue inside opening hours, with waits, service, priorities and no-shows', () => {
    const tickets = of('ticket');
    const staff = new Map(data.users.map((u) => [u.id, u]));
    for (const t of tickets) {
      const issued = local(t.issuedAt);
      expect(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']).toContain(issued.weekday);
      expect(issued.minutes).toBeGreaterThanOrEqual(8 * 60 + 30);
      expect(issued.minutes).toBeLessThan(17 * 60);
      for (const at of [t.calledAt, t.startedAt, t.finishedAt]) {
        if (at === null) continue;
        expect(at >= t.issuedAt).toBe(true);
        expect(local(at).day).toBe(t.day);
        expect(local(at).minutes).toBeLessThan(18 * 60);
      }
      if (t.status === 'done') {
        expect(t.calledAt! <= t.startedAt! && t.startedAt! < t.finishedAt!).toBe(true);
        expect(staff.get(t.userId ?? '')?.deskId).toBe(t.deskId);
        expect(staff.get(t.userId ?? '')?.centreId).toBe(t.centreId);
      }
    }
    const share = (status: string) => tickets.filter((t) => t.status === status).length / tickets.length;
    expect(share('done')).toBeGreaterThan(0.85);
    expect(share('no_show')).toBeGreaterThan(0.02);
    expect(new Set(tickets.map((t) => t.category))).toEqual(new Set(['regular', 'appointment', 'elderly', 'disability']));
    const waits = tickets.filter((t) => t.startedAt).map((t) => (Date.parse(t.calledAt!) - Date.parse(t.issuedAt)) / 60_000);
    waits.sort((a, b) => a - b);
    expect(waits[Math.floor(waits.length / 2)]).toBeLessThan(20);
    expect(waits.at(-1)).toBeGreaterThan(10);
  });

  it('is busier on Mondays than on Fridays and at midday than in the first hour', () => {
    const perWeekday = new Map<string, number[]>();
    const perDay = new Map<string, number>();
    for (const t of of('ticket')) perDay.set(t.day, (perDay.get(t.day) ?? 0) + 1);
    for (const [day, n] of perDay) {
      const weekday = local(`${day}T12:00:00Z`).weekday ?? '';
      perWeekday.set(weekday, [...(perWeekday.get(weekday) ?? []), n]);
    }
    const mean = (w: string) => (perWeekday.get(w) ?? []).reduce((a, b) => a + b, 0) / (perWeekday.get(w)?.length ?? 1);
    expect(mean('Mon')).toBeGreaterThan(mean('Fri'));
    const inHour = (h: number) => of('ticket').filter((t) => Math.floor(local(t.issuedAt).minutes / 60) === h).length;
    expect(inHour(12)).toBeGreaterThan(inHour(8) * 2);
  });

  it('gives cases unique numbers from the reserved range and a lifecycle that ends for old cases', () => {
    const cases = of('case');
    const numbers = cases.map((c) => c.caseNumber);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const c of cases) {
      const [code, n] = c.caseNumber.split(' ');
      expect(code).toBe(c.serviceCode);
      expect(Number(n)).toBeGreaterThanOrEqual(options.firstCaseNumber);
      expect(Number(n)).toBeLessThan(options.firstCaseNumber + options.casesAndConsultations);
      const times = c.history.map((h) => h.at);
      expect(times).toEqual([...times].sort());
      expect(c.history.filter((h) => h.to !== null).at(-1)?.to).toBe(c.status);
      expect(times.at(-1)! < `${options.today}T00:00:00Z`).toBe(true);
    }
    const finals = ['closed', 'cancelled', 'rejected'];
    const old = cases.filter((c) => c.createdAt < '2025-04-01' && data.services.find((s) => s.code === c.serviceCode)!.typicalDurationDays <= 5);
    expect(old.length).toBeGreaterThan(50);
    expect(old.filter((c) => finals.includes(c.status)).length / old.length).toBeGreaterThan(0.9);
    const recent = cases.filter((c) => c.createdAt >= '2025-04-22');
    expect(recent.some((c) => !finals.includes(c.status))).toBe(true);
    for (const row of rows) if (row.entity === 'case') expect(row.open).toBe(!finals.includes(row.data.status));
  });

  it('invoices fee-bearing services with valid references, some paid, some not', () => {
    const invoices = of('invoice');
    const cases = new Map(of('case').map((c) => [c.id, c]));
    expect(invoices.length).toBeGreaterThan(0);
    for (const i of invoices) {
      const c = cases.get(i.caseId);
      expect(i.number).toBe(`${c?.caseNumber}/1`);
      expect(isValidCreditorReference(i.reference)).toBe(true);
      expect(data.services.find((s) => s.code === i.serviceCode)?.fee.amountCents).toBe(i.amountCents);
      expect(i.status === 'paid').toBe(i.payments.length > 0);
    }
    expect(new Set(invoices.map((i) => i.status))).toContain('paid');
    expect(invoices.some((i) => i.status !== 'paid')).toBe(true);
  });

  it('records worktime and ratings for some of the finished visits', () => {
    const done = new Map(of('ticket').filter((t) => t.status === 'done').map((t) => [t.id, t]));
    const feedback = of('feedback');
    expect(feedback.length).toBeGreaterThan(done.size / 20);
    for (const f of feedback) expect(done.get(f.ticketId ?? '')?.userId).toBe(f.userId);
    const worktime = of('worktime');
    expect(worktime.length).toBeGreaterThan(done.size / 4);
    for (const w of worktime) expect(w.endedAt > w.startedAt).toBe(true);
  });
});
