import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { clientIdForPersonalCode } from '../../shared/client-id';
import { invoiceNumber, invoiceReference } from '../../shared/creditor-reference';
import { escalateOverdue } from '../cases/sla';
import type { Platform } from '../server';
import { connectDesk, engines, startTestPlatform, type TestDesk } from '../test-support/platform';
import { draw } from './decide';
import { startBackOfficeSimulation } from './simulation';

const CODE = '010190-10001';
const PACE = 60_000;

/** An id whose simulated fate is the plain path: no missing document, no refusal. */
function plainCaseId(): string {
  for (;;) {
    const id = randomUUID();
    if (draw(id, 'client') >= 0.08 && draw(id, 'reject') >= 0.04) return id;
  }
}

/** An invoice id the simulated client pays (one in ten never does). */
function payingInvoiceId(): string {
  for (;;) {
    const id = randomUUID();
    if (draw(id, 'pays') < 0.9) return id;
  }
}

async function submit(desk: TestDesk, serviceCode: string, caseNumber: string, form: Record<string, unknown>): Promise<string> {
  const id = plainCaseId();
  const clientId = clientIdForPersonalCode(CODE);
  expect((await desk.push('case.create', { id, caseNumber, serviceCode, clientId, channel: 'in_person', form })).status).toBe('APPLIED');
  expect((await desk.push('case.submit', { id, authorisation: { onBehalf: true, signed: true, note: null } })).status).toBe('APPLIED');
  return id;
}

describe.each(engines)('simulated back offices on %s', (engine) => {
  let platform: Platform;
  let stop: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await stop?.();
    await platform?.close();
  });

  it('take submitted applications, ask for payment, see it paid and make a decision, all through the public API', async () => {
    platform = await startTestPlatform(engine);
    const desk = await connectDesk(platform, 'klerks');
    let now = new Date();
    const errors: unknown[] = [];
    const simulation = startBackOfficeSimulation({
      url: platform.url,
      accounts: [{ username: 'sistema.pmlp', password: 'demo' }, { username: 'sistema.nva', password: 'demo' }],
      paceMs: PACE,
      tickMs: 3_600_000,
      now: () => now,
      onError: (_account, error) => errors.push(error),
    });
    stop = simulation.stop;
    const later = () => (now = new Date(now.getTime() + 4 * PACE));
    const status = async (id: string) => (await desk.request<{ case: { status: string } }>(`query ($id: ID!) { case(id: $id) { status } }`, { id })).case.status;

    await desk.push('client.create', { id: clientIdForPersonalCode(CODE), personalCode: CODE, firstName: 'Līga', lastName: 'Bērziņa', phone: null, email: null, bankAccount: null });
    const { reserveCaseNumbers: block } = await desk.request<{ reserveCaseNumbers: { first: number } }>(`mutation ($c: ID!) { reserveCaseNumbers(clientId: $c, count: 5) { first } }`, { c: desk.clientId });
    const passportNumber = `1001 ${block.first}`;
    const passport = await submit(desk, '1001', passportNumber, { personalCode: CODE, documentKind: 'pase', urgency: 'parastais', pickup: 'Rīga' });
    const unemployed = await submit(desk, 'P.02', `P.02 ${block.first + 1}`, { personalCode: CODE, education: 'vidējā', availableFrom: '2026-12-01' });

    await simulation.tick();
    expect([await status(passport), await status(unemployed)]).toEqual(['in_progress', 'in_progress']);

    later();
    await simulation.tick();
    expect([await status(passport), await status(unemployed)]).toEqual(['waiting_payment', 'result_ready']);

    const invoiceId = payingInvoiceId();
    await desk.push('invoice.issue', { id: invoiceId, caseId: passport, number: invoiceNumber(passportNumber, 1), reference: invoiceReference(passportNumber, 1) });
    for (let round = 0; round < 4 && (await status(passport)) !== 'result_ready'; round++) {
      later();
      await simulation.tick();
    }
    expect(await status(passport)).toBe('result_ready');
    const { case: done } = await desk.request<{ case: { backOfficeRef: string; invoices: { status: string }[] } }>(`query ($id: ID!) { case(id: $id) { backOfficeRef invoices { status } } }`, { id: passport });
    expect(done).toEqual({ backOfficeRef: `PMLP-1001-${block.first}`, invoices: [{ status: 'paid' }] });
    expect(errors).toEqual([]);
  });

  it('escalates an application past its deadline once', async () => {
    platform = await startTestPlatform(engine);
    const desk = await connectDesk(platform, 'klerks');
    await desk.push('client.create', { id: clientIdForPersonalCode(CODE), personalCode: CODE, firstName: 'Līga', lastName: 'Bērziņa', phone: null, email: null, bankAccount: null });
    const { reserveCaseNumbers: block } = await desk.request<{ reserveCaseNumbers: { first: number } }>(`mutation ($c: ID!) { reserveCaseNumbers(clientId: $c, count: 1) { first } }`, { c: desk.clientId });
    const id = await submit(desk, 'P.02', `P.02 ${block.first}`, { personalCode: CODE, education: 'vidējā', availableFrom: '2026-12-01' });
    const afterSla = new Date(Date.now() + 6 * 86_400_000);
    expect(await escalateOverdue(platform.sql, new Date())).toBe(0);
    expect(await escalateOverdue(platform.sql, afterSla)).toBe(1);
    expect(await escalateOverdue(platform.sql, afterSla)).toBe(0);
    const { case: escalated } = await desk.request<{ case: { escalated: boolean; history: { by: string; reason: string | null }[] } }>(`query ($id: ID!) { case(id: $id) { escalated history { by reason } } }`, { id });
    expect(escalated.escalated).toBe(true);
    expect(escalated.history.at(-1)).toEqual({ by: 'system', reason: 'Pārsniegts pakalpojuma izpildes termiņš (SLA).' });
  });
});
