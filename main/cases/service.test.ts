import { describe, expect, it } from 'vitest';
import type { Clock } from '../clock';
import { useTestDesk } from '../test-support/workstation';

const at = (iso: string): Clock => ({ now: () => new Date(iso) });
const passForm = { personalCode: '010190-10001', phone: '', documentKind: 'pase', urgency: 'parastais', pickup: 'Rīgas centrs' };

describe('service applications on the desk', () => {
  const desk = useTestDesk();

  async function clerkWithNumbers(clock = at('2026-11-23T09:00:00Z')) {
    const d = await desk.start({ clock });
    await d.call('session.signIn', { username: 'klerks', password: 'demo' });
    // What the platform hands a desk while online; this desk has no platform.
    d.workstation.db.prepare(`INSERT INTO case_number_blocks (first, last, next) VALUES (500001, 500003, 500001)`).run();
    const client = await d.call('clients.create', { personalCode: '010190-10001', firstName: 'Jānis', lastName: 'Ozoliņš', phone: null, email: null });
    return { d, client };
  }

  it('numbers an application from the service code offline, checks the form, and submits it on the client’s behalf', async () => {
    const { d, client } = await clerkWithNumbers();
    const draft = await d.call('cases.create', { serviceCode: '1001', clientId: client.id, channel: 'in_person', form: { personalCode: '010190-10001' } });
    expect(draft).toMatchObject({ caseNumber: '1001 500001', status: 'draft', client: { name: 'Jānis Ozoliņš' }, syncState: 'pending', owner: { code: 'PMLP' } });
    expect(draft.formFields.map((f) => f.key)).toContain('documentKind');
    expect(draft.fee).toEqual({ kind: 'state_duty', amountCents: 3500 });

    const wrong = await d.fail('cases.update', { id: draft.id, form: { ...passForm, personalCode: '010190-10002' } });
    expect(wrong).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'form.personalCode' }] });

    const incomplete = await d.fail('cases.submit', { id: draft.id, onBehalf: true, signed: true, note: null });
    expect(incomplete.code).toBe('INVALID_INPUT');
    expect(incomplete.issues?.map((i) => i.path)).toEqual(expect.arrayContaining(['form.documentKind', 'form.urgency', 'form.pickup']));

    await d.call('cases.update', { id: draft.id, form: passForm });
    const notAuthorised = await d.fail('cases.submit', { id: draft.id, onBehalf: false, signed: true, note: null });
    expect(notAuthorised).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'onBehalf' }] });
    const submitted = await d.call('cases.submit', { id: draft.id, onBehalf: true, signed: true, note: 'Klients klātienē' });
    expect(submitted).toMatchObject({ status: 'submitted', level: 'owner', assignee: null, authorisation: { onBehalf: true, signed: true } });
    expect(submitted.dueAt).toBe('2026-12-08T09:00:00.000Z'); // the service's 15-day SLA
    expect(submitted.history.map((h) => [h.action, h.to, h.by])).toEqual([
      ['created', 'draft', 'Anna Bērziņa'],
      ['status', 'submitted', 'Anna Bērziņa'],
    ]);
    // The owner decides from here: the desk may only cancel.
    expect(submitted.nextStatuses).toEqual(['cancelled']);
    expect(await d.fail('cases.transition', { id: draft.id, to: 'result_ready', reason: null })).toMatchObject({ code: 'CONFLICT' });
    // The sign-in's worktime, registration, draft, form, submission: refused attempts leave nothing behind.
    expect((await d.call('status.get', {})).pendingChanges).toBe(5);
  });

  it('runs out of reserved numbers with a message that says how to get more', async () => {
    const { d, client } = await clerkWithNumbers();
    for (let i = 0; i < 3; i++) await d.call('cases.create', { serviceCode: 'P.02', clientId: client.id, channel: 'in_person', form: {} });
    const none = await d.fail('cases.create', { serviceCode: 'P.02', clientId: client.id, channel: 'in_person', form: {} });
    expect(none.code).toBe('CONFLICT');
    const inbox = await d.call('cases.inbox', { scope: 'today' });
    expect(inbox.map((c) => c.caseNumber)).toEqual(['P.02 500003', 'P.02 500002', 'P.02 500001']);
  });

  it('issues an invoice with a valid RF reference that carries the case number, and not for a free service', async () => {
    const { d, client } = await clerkWithNumbers();
    const pass = await d.call('cases.create', { serviceCode: '1001', clientId: client.id, channel: 'in_person', form: passForm });
    const invoice = await d.call('invoices.issue', { caseId: pass.id });
    // Issued with the draft: the client pays before the owner examines the application.
    expect(invoice).toMatchObject({ number: '1001 500001/1', kind: 'state_duty', amountCents: 3500, status: 'issued', timing: 'prepayment', syncState: 'pending' });
    expect(invoice.reference).toMatch(/^RF\d{2}100150000101$/u);
    expect(await d.call('invoices.byReference', { reference: invoice.reference.replace(/(.{4})/gu, '$1 ') })).toMatchObject({ id: invoice.id });
    const typo = await d.fail('invoices.byReference', { reference: invoice.reference.replace(/1$/u, '2') });
    expect(typo).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'reference' }] });
    expect(await d.fail('invoices.issue', { caseId: pass.id })).toMatchObject({ code: 'CONFLICT' });
    // Withdrawn, the next one gets the next number and its own reference.
    expect(await d.call('invoices.cancel', { id: invoice.id, reason: 'Nepareiza summa' })).toMatchObject({ status: 'cancelled', syncState: 'pending' });
    const second = await d.call('invoices.issue', { caseId: pass.id });
    expect(second.number).toBe('1001 500001/2');
    expect(second.reference).not.toBe(invoice.reference);
    const free = await d.call('cases.create', { serviceCode: 'P.02', clientId: client.id, channel: 'in_person', form: {} });
    expect(await d.fail('invoices.issue', { caseId: free.id })).toMatchObject({ code: 'CONFLICT' });
    expect((await d.call('cases.get', { id: pass.id })).invoices.map((i) => i.status)).toEqual(['cancelled', 'issued']);
  });

  it('hands a case to a colleague of the same centre, and says so in the history', async () => {
    const { d, client } = await clerkWithNumbers();
    const colleagues = await d.call('directory.colleagues', {});
    expect(colleagues.length).toBeGreaterThan(0);
    expect(colleagues.map((c) => c.name)).not.toContain('Anna Bērziņa');
    const names = colleagues.map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'lv')));
    const c = await d.call('cases.create', { serviceCode: 'P.02', clientId: client.id, channel: 'in_person', form: {} });
    const to = colleagues[0];
    if (!to) throw new Error('no colleague');
    const handed = await d.call('cases.transfer', { id: c.id, to: { kind: 'user', userId: to.id }, reason: 'Klients atnāks pie kolēģes' });
    expect(handed).toMatchObject({ assignee: { id: to.id, name: to.name }, level: 'desk' });
    expect(handed.history.at(-1)).toMatchObject({ action: `transfer:${to.id}`, reason: 'Klients atnāks pie kolēģes' });
    expect(await d.fail('cases.transfer', { id: c.id, to: { kind: 'user', userId: 'user-nobody' }, reason: 'Nezināms' })).toMatchObject({ code: 'NOT_FOUND' });
    expect((await d.call('cases.inbox', { scope: 'mine' })).map((x) => x.id)).not.toContain(c.id);
  });

  it('keeps cases, notes and escalations through a restart, and rates a finished case once', async () => {
    const { d, client } = await clerkWithNumbers();
    const c = await d.call('cases.create', { serviceCode: 'P.02', clientId: client.id, channel: 'phone', form: {} });
    await d.call('cases.note', { id: c.id, text: 'Klients atzvanīs pirmdien.' });
    await d.call('cases.escalate', { id: c.id, reason: 'Sarežģīts gadījums' });
    expect(await d.fail('feedback.record', { subject: { kind: 'case', id: c.id }, rating: 5, comment: null })).toMatchObject({ code: 'CONFLICT' });
    await d.call('cases.transition', { id: c.id, to: 'cancelled', reason: 'Klients atsauca' });
    await d.call('feedback.record', { subject: { kind: 'case', id: c.id }, rating: 4, comment: 'Ātri' });
    expect(await d.fail('feedback.record', { subject: { kind: 'case', id: c.id }, rating: 5, comment: null })).toMatchObject({ code: 'CONFLICT' });
    d.workstation.close();
    const again = await desk.restart(d.dataDir, at('2026-11-23T10:00:00Z'));
    await again.call('session.signIn', { username: 'klerks', password: 'demo' });
    const back = await again.call('cases.get', { id: c.id });
    expect(back).toMatchObject({ status: 'cancelled', escalated: true, level: 'second_level', notes: [{ text: 'Klients atzvanīs pirmdien.', by: 'Anna Bērziņa' }] });
    expect(back.history.map((h) => h.action)).toEqual(['created', 'escalated', 'status']);
  });
});
