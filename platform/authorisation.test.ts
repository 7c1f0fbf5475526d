import { randomUUID } from 'node:crypto';
import { GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientIdForPersonalCode } from '../shared/client-id';
import type { Platform } from './server';
import { connectDesk, engines, startTestPlatform, type TestDesk } from './test-support/platform';

const CODE = '010190-10001';
const personal = ['client', 'case', 'consultation', 'consent', 'invoice'];

describe.each(engines)('who may see and do what, on %s', (engine) => {
  let platform: Platform;
  let clerk: TestDesk;
  const caseId = randomUUID();
  const entitiesSeenBy = async (desk: TestDesk) => new Set((await desk.pull()).changes.map((c) => c.entity));

  beforeAll(async () => {
    platform = await startTestPlatform(engine);
    clerk = await connectDesk(platform, 'klerks');
    const clientId = clientIdForPersonalCode(CODE);
    await clerk.push('client.create', { id: clientId, personalCode: CODE, firstName: 'Līga', lastName: 'Bērziņa', phone: null, email: null, bankAccount: null });
    const { reserveCaseNumbers } = await clerk.request<{ reserveCaseNumbers: { first: number } }>(`mutation ($c: ID!) { reserveCaseNumbers(clientId: $c, count: 1) { first } }`, { c: clerk.clientId });
    const created = await clerk.push('case.create', { id: caseId, caseNumber: `1001 ${reserveCaseNumbers.first}`, serviceCode: '1001', clientId, channel: 'in_person', form: {} });
    expect(created.status).toBe('APPLIED');
    await clerk.push('consultation.create', { id: randomUUID(), serviceCode: '1001', channel: 'in_person', client: { kind: 'client', clientId }, outcome: 'informed', note: '' });
  });
  afterAll(async () => platform?.close());

  it('refuses everything but signing in to an anonymous caller', async () => {
    const anonymous = new GraphQLClient(`${platform.url}/graphql`);
    for (const query of ['{ me { id } }', '{ clients(search: "berzina") { id } }', '{ pull(checkpoint: 0) { checkpoint } }', '{ submissions { attempts } }']) {
      await expect(anonymous.request(query)).rejects.toThrow(/Nepieciešama pieslēgšanās/u);
    }
  });

  it('gives a kiosk its centre queues and tickets but no personal data', async () => {
    const kiosk = await connectDesk(platform, 'kiosks.riga-centrs');
    const seen = await entitiesSeenBy(kiosk);
    expect(seen.has('queue')).toBe(true);
    expect(personal.filter((e) => seen.has(e))).toEqual([]);
    await expect(kiosk.request('{ clients(search: "berzina") { id } }')).rejects.toThrow(/Jūsu lomai tas nav atļauts/u);
    expect((await kiosk.push('case.take', { id: caseId })).reason).toBe('Jūsu lomai nav atļauts strādāt ar lietām.');
  });

  it("keeps an institution's editor out of its cases, and its back office out of other owners' cases", async () => {
    const editor = await connectDesk(platform, 'redaktore.vsaa');
    const editorSees = await entitiesSeenBy(editor);
    expect(personal.filter((e) => editorSees.has(e))).toEqual([]);
    const vsaa = await connectDesk(platform, 'sistema.vsaa');
    expect((await vsaa.pull()).changes.some((c) => c.id === caseId)).toBe(false);
    const pmlp = await connectDesk(platform, 'sistema.pmlp');
    expect((await pmlp.pull()).changes.some((c) => c.id === caseId)).toBe(true);
    expect((await pmlp.push('consultation.create', { id: randomUUID(), serviceCode: null, channel: 'phone', client: { kind: 'anonymous' }, outcome: 'informed', note: '' })).reason).toBe(
      'Jūsu lomai nav atļauts reģistrēt konsultācijas.',
    );
  });

  it('shows the audit trail to a supervisor of the centre, not to a clerk', async () => {
    await expect(clerk.request('{ auditEvents { action } }')).rejects.toThrow(/Jūsu lomai tas nav atļauts/u);
    const supervisor = await connectDesk(platform, 'vaditajs');
    const { auditEvents } = await supervisor.request<{ auditEvents: { action: string; clientConcerned: string | null }[] }>('{ auditEvents(first: 50) { action clientConcerned } }');
    expect(auditEvents.map((e) => e.action)).toEqual(expect.arrayContaining(['client.create', 'case.create', 'consultation.create']));
    const other = await connectDesk(platform, 'operators');
    await expect(other.request('{ auditEvents { action } }')).rejects.toThrow(/Jūsu lomai tas nav atļauts/u);
  });
});
