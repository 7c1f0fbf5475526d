import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { clientIdForPersonalCode } from '../../shared/client-id';
import { invoiceNumber, invoiceReference } from '../../shared/creditor-reference';
import type { Platform } from '../server';
import { connectDesk, engines, startTestPlatform, type TestDesk } from '../test-support/platform';

const CODE = '010190-10001';
const passportForm = { personalCode: CODE, documentKind: 'pase', urgency: 'parastais', pickup: 'Rīga, Brīvības iela 49/53' };

async function caseNumbers(desk: TestDesk) {
  const { reserveCaseNumbers } = await desk.request<{ reserveCaseNumbers: { first: number; last: number } }>(
    `mutation ($c: ID!) { reserveCaseNumbers(clientId: $c, count: 10) { first last } }`,
    { c: desk.clientId },
  );
  let next = reserveCaseNumbers.first;
  return (serviceCode: string) => `${serviceCode} ${next++}`;
}

async function registerClient(desk: TestDesk) {
  const id = clientIdForPersonalCode(CODE) ?? '';
  const result = await desk.push('client.create', { id, personalCode: CODE, firstName: 'Līga', lastName: 'Bērziņa', phone: '+37120000001', email: null, bankAccount: null });
  expect(result.status).toBe('APPLIED');
  return id;
}

describe.each(engines)('case work on %s', (engine) => {
  let platform: Platform;
  afterEach(async () => platform?.close());

  it('takes an application from draft through the owner back office to delivery, with history and an invoice paid', async () => {
    platform = await startTestPlatform(engine);
    const desk = await connectDesk(platform, 'klerks');
    const pmlp = await connectDesk(platform, 'sistema.pmlp');
    const number = await caseNumbers(desk);
    const clientId = await registerClient(desk);
    const caseId = randomUUID();
    const caseNumber = number('1001');

    expect((await desk.push('case.create', { id: caseId, caseNumber, serviceCode: '1001', clientId, channel: 'in_person', form: { ...passportForm, pickup: '' } })).status).toBe('APPLIED');
    const incomplete = await desk.push('case.submit', { id: caseId, authorisation: { onBehalf: true, signed: true, note: null } });
    expect(incomplete).toMatchObject({ status: 'REJECTED', reason: expect.stringContaining('Aizpildiet lauku „Saņemšanas vieta”') });
    // The desk says which version of the form it edited: it saw its own draft as pulled.
    const seen = (await desk.pull()).changes.find((c) => c.id === caseId)?.version;
    expect((await desk.push('case.update', { id: caseId, changes: { form: passportForm } }, { form: seen })).status).toBe('APPLIED');
    expect((await desk.push('case.submit', { id: caseId, authorisation: { onBehalf: true, signed: true, note: null } })).status).toBe('APPLIED');

    // The desk may not decide what only the owner decides.
    expect((await desk.push('case.transition', { id: caseId, to: 'result_ready' })).reason).toMatch(/izskata pakalpojuma turētājs|nosaka pakalpojuma turētājs|nevar pārcelt/u);

    const { submissions } = await pmlp.request<{ submissions: { case: { id: string; caseNumber: string } }[] }>(`{ submissions { case { id caseNumber } } }`);
    expect(submissions.map((s) => s.case.caseNumber)).toEqual([caseNumber]);
    expect((await pmlp.push('backoffice.accept', { id: caseId, reference: 'PMLP-2026-1' })).status).toBe('APPLIED');
    expect((await pmlp.request<{ submissions: unknown[] }>(`{ submissions { attempts } }`)).submissions).toEqual([]);

    const n = 1;
    const invoiceId = randomUUID();
    const issued = await desk.push('invoice.issue', { id: invoiceId, caseId, number: invoiceNumber(caseNumber, n), reference: invoiceReference(caseNumber, n) });
    expect(issued.status).toBe('APPLIED');
    expect((await pmlp.push('backoffice.report', { id: caseId, to: 'waiting_payment', reason: 'Gaidām valsts nodevu' })).status).toBe('APPLIED');
    expect((await pmlp.push('backoffice.payment', { invoiceId, amountCents: 3500, paidAt: new Date().toISOString(), source: 'Valsts kase' })).status).toBe('APPLIED');
    expect((await pmlp.push('backoffice.report', { id: caseId, to: 'in_progress' })).status).toBe('APPLIED');
    expect((await pmlp.push('backoffice.report', { id: caseId, to: 'result_ready', result: 'Pase izgatavota' })).status).toBe('APPLIED');
    expect((await desk.push('case.transition', { id: caseId, to: 'delivered' })).status).toBe('APPLIED');

    const { case: done } = await desk.request<{ case: { status: string; history: { to: string | null; by: string }[]; invoices: { status: string; reference: string }[]; result: string } }>(
      `query ($id: ID!) { case(id: $id) { status result history { to by } invoices { status reference } } }`,
      { id: caseId },
    );
    expect(done.status).toBe('delivered');
    expect(done.result).toBe('Pase izgatavota');
    expect(done.history.map((h) => h.to)).toEqual(['draft', 'submitted', 'in_progress', 'waiting_payment', 'in_progress', 'result_ready', 'delivered']);
    expect(done.invoices).toEqual([{ status: 'paid', reference: invoiceReference(caseNumber, 1) }]);

    // Every mutation about the client is in the audit log with the client concerned.
    const [audit] = await platform.sql.query<{ n: string }>(`SELECT count(*) AS n FROM audit_events WHERE client_concerned = $1`, [clientId]);
    expect(Number(audit?.n)).toBeGreaterThanOrEqual(10);
  });

  it('refuses a case number not reserved for the desk, and keeps another centre and another owner out', async () => {
    platform = await startTestPlatform(engine);
    const desk = await connectDesk(platform, 'klerks');
    const other = await connectDesk(platform, 'operators');
    const vid = await connectDesk(platform, 'sistema.vid');
    const number = await caseNumbers(desk);
    const clientId = await registerClient(desk);
    const stolen = await desk.push('case.create', { id: randomUUID(), caseNumber: '1001 99999', serviceCode: '1001', clientId, channel: 'in_person', form: passportForm });
    expect(stolen.reason).toMatch(/nav piešķirts šai darba vietai/u);

    const caseId = randomUUID();
    await desk.push('case.create', { id: caseId, caseNumber: number('1001'), serviceCode: '1001', clientId, channel: 'in_person', form: passportForm });
    expect((await other.request<{ case: unknown }>(`query ($id: ID!) { case(id: $id) { id } }`, { id: caseId })).case).toBeNull();
    expect((await other.push('case.take', { id: caseId })).reason).toBe('Šī lieta pieder citam centram.');
    expect((await vid.push('backoffice.report', { id: caseId, to: 'in_progress' })).reason).toBe('Šī lieta nav jūsu iestādes pakalpojums.');
    expect((await vid.pull()).changes.some((c) => c.id === caseId)).toBe(false);
  });

  it('merges two offline registrations of one person and conflicts on a name typed differently', async () => {
    platform = await startTestPlatform(engine);
    const a = await connectDesk(platform, 'klerks');
    const b = await connectDesk(platform, 'anna.vitola');
    const id = clientIdForPersonalCode(CODE);
    const base = { id, personalCode: CODE, firstName: 'Līga', lastName: 'Bērziņa', phone: null, email: null, bankAccount: null };
    expect((await a.push('client.create', base)).status).toBe('APPLIED');
    expect((await b.push('client.create', { ...base, phone: '+37129999999' })).status).toBe('APPLIED');
    const conflict = await b.push('client.create', { ...base, lastName: 'Bērziņa-Kalniņa' });
    expect(conflict).toMatchObject({ status: 'CONFLICT', conflict: { fields: ['lastName'] } });
    const invalid = await a.push('client.create', { ...base, id: randomUUID(), personalCode: '010190-10002' });
    expect(invalid.reason).toMatch(/kontrolcipars/u);

    const { clients } = await a.request<{ clients: { personalCode: string; phone: string }[] }>(`{ clients(search: "berzina") { personalCode phone } }`);
    expect(clients).toEqual([{ personalCode: '010190-*****', phone: '+37129999999' }]);
  });

  it('opens a client profile only with a reason, across centres, and audits it', async () => {
    platform = await startTestPlatform(engine);
    const desk = await connectDesk(platform, 'klerks');
    const agent = await connectDesk(platform, 'operators');
    const clientId = await registerClient(desk);
    await agent.push('consultation.create', { id: randomUUID(), serviceCode: null, channel: 'phone', client: { kind: 'client', clientId }, outcome: 'informed', note: '' });
    const query = `query ($id: ID!, $r: String!) { clientProfile(clientId: $id, reason: $r) { client { personalCode } consultations { channel } } }`;
    await expect(agent.request(query, { id: clientId, r: '' })).rejects.toThrow(/Norādiet, kāpēc/u);
    const { clientProfile } = await agent.request<{ clientProfile: { client: { personalCode: string }; consultations: { channel: string }[] } }>(query, { id: clientId, r: 'Zvanītājs lūdz pārbaudīt iesniegumu' });
    expect(clientProfile).toEqual({ client: { personalCode: CODE }, consultations: [{ channel: 'phone' }] });
    const [event] = await platform.sql.query<{ user_id: string; detail: { reason: string } }>(`SELECT user_id, detail FROM audit_events WHERE action = 'client.profile' AND client_concerned = $1`, [clientId]);
    expect(event).toEqual({ user_id: 'user-operators', detail: { reason: 'Zvanītājs lūdz pārbaudīt iesniegumu', channel: 'online' } });
  });
  it('takes a client’s rating of a finished case or a consultation once, and lands it on the clerk and service', async () => {
    platform = await startTestPlatform(engine);
    const desk = await connectDesk(platform, 'klerks');
    const number = await caseNumbers(desk);
    const clientId = await registerClient(desk);
    const caseId = randomUUID();
    await desk.push('case.create', { id: caseId, caseNumber: number('P.02'), serviceCode: 'P.02', clientId, channel: 'in_person', form: {} });
    expect((await desk.push('feedback.create', { id: randomUUID(), caseId, rating: 5 })).reason).toMatch(/kad tā ir pabeigta/u);
    await desk.push('case.transition', { id: caseId, to: 'cancelled', reason: 'Klients atsauca' });
    expect((await desk.push('feedback.create', { id: randomUUID(), caseId, rating: 3 })).status).toBe('APPLIED');
    expect((await desk.push('feedback.create', { id: randomUUID(), caseId, rating: 5 })).reason).toBe('Šis apmeklējums jau ir novērtēts.');
    const consultationId = randomUUID();
    await desk.push('consultation.create', { id: consultationId, serviceCode: '1001', channel: 'phone', client: { kind: 'client', clientId }, outcome: 'informed', note: '' });
    expect((await desk.push('feedback.create', { id: randomUUID(), consultationId: randomUUID(), rating: 5 })).reason).toMatch(/Konsultācija/u);
    expect((await desk.push('feedback.create', { id: randomUUID(), consultationId, rating: 5, comment: 'Paldies' })).status).toBe('APPLIED');
    const supervisor = await connectDesk(platform, 'vaditajs');
    const { feedback } = await supervisor.request<{ feedback: { rating: number; userId: string; serviceCode: string; caseId: string | null; consultationId: string | null }[] }>(
      `query ($f: String!, $t: String!) { feedback(from: $f, to: $t) { rating userId serviceCode caseId consultationId } }`,
      { f: new Date(Date.now() - 60_000).toISOString(), t: new Date(Date.now() + 60_000).toISOString() },
    );
    expect(feedback.sort((a, b) => a.rating - b.rating)).toEqual([
      { rating: 3, userId: 'user-klerks', serviceCode: 'P.02', caseId, consultationId: null },
      { rating: 5, userId: 'user-klerks', serviceCode: '1001', caseId: null, consultationId },
    ]);
  });
});
