import { describe, expect, it } from 'vitest';
import { useTestDesk } from '../test-support/workstation';
import { parseLookup } from './service';

describe('client lookup', () => {
  const desk = useTestDesk();

  it('tells apart a personal code, a phone, an e-mail and a name, and says what is wrong with a bad code', () => {
    expect(parseLookup('010190-10001')).toEqual({ kind: 'code', code: '010190-10001' });
    expect(parseLookup('01019010001')).toEqual({ kind: 'code', code: '010190-10001' });
    expect(parseLookup('0101901')).toEqual({ kind: 'codePrefix', prefix: '010190-1' });
    expect(parseLookup('+371 2612 3456')).toEqual({ kind: 'phone', digits: '26123456' });
    expect(parseLookup('26123456')).toEqual({ kind: 'phone', digits: '26123456' });
    expect(parseLookup('Anna@Example.LV')).toEqual({ kind: 'email', email: 'anna@example.lv' });
    expect(parseLookup('Bērziņa An')).toEqual({ kind: 'name', words: ['berzina', 'an'] });
    expect(() => parseLookup('010190-10002')).toThrow(/kontrolcipars/u);
    expect(() => parseLookup('310290-10001')).toThrow(/dzimšanas datumu/u);
    expect(() => parseLookup('0101901000')).not.toThrow();
    expect(() => parseLookup('010190100011')).toThrow(/11 cipariem/u);
  });

  it('registers clients offline, finds them by any of their details, and warns of likely duplicates', async () => {
    const d = await desk.start();
    await d.call('session.signIn', { username: 'klerks', password: 'demo' });
    const badCode = await d.fail('clients.create', { personalCode: '010190-10002', firstName: 'Jānis', lastName: 'Ozoliņš', phone: null, email: null });
    expect(badCode).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'personalCode', message: 'checksum' }] });
    expect(await d.fail('clients.create', { personalCode: null, firstName: null, lastName: null, phone: null, email: null })).toMatchObject({ code: 'INVALID_INPUT' });

    const janis = await d.call('clients.create', { personalCode: '01019010001', firstName: 'Jānis', lastName: 'Ozoliņš', phone: '+371 2612 3456', email: null });
    expect(janis).toMatchObject({ personalCode: '010190-10001', personalCodeMasked: '010190-*****', syncState: 'pending' });
    const caller = await d.call('clients.create', { personalCode: null, firstName: null, lastName: null, phone: '27654321', email: null });
    expect(caller.personalCode).toBeNull();

    for (const query of ['010190-10001', 'ozolins', 'JĀNIS ozol', '26123456', '+37126123456']) {
      const found = await d.call('clients.search', { query });
      expect(found.items.map((c) => c.id), query).toEqual([janis.id]);
      expect(found.items[0]?.personalCodeMasked).toBe('010190-*****');
    }
    expect((await d.call('clients.search', { query: '010190-10001' })).items[0]).not.toHaveProperty('personalCode');

    const same = await d.call('clients.duplicates', { personalCode: null, firstName: 'Janis', lastName: 'Ozolins', phone: null, email: null });
    expect(same.map((c) => c.id)).toEqual([janis.id]);
    expect(await d.call('clients.duplicates', { personalCode: null, firstName: 'Pēteris', lastName: 'Kalniņš', phone: null, email: null })).toEqual([]);
  });

  it('opens a profile offline only with a reason, and records the view for the audit log and the platform', async () => {
    const d = await desk.start();
    await d.call('session.signIn', { username: 'klerks', password: 'demo' });
    const janis = await d.call('clients.create', { personalCode: '010190-10001', firstName: 'Jānis', lastName: 'Ozoliņš', phone: null, email: null });
    expect(await d.fail('clients.openProfile', { clientId: janis.id, reason: '' })).toMatchObject({ code: 'INVALID_INPUT' });
    await d.call('consultations.register', { serviceCode: 'P.02', channel: 'phone', client: { kind: 'client', clientId: janis.id }, outcome: 'informed', note: '' });
    const profile = await d.call('clients.openProfile', { clientId: janis.id, reason: 'Klienta konsultācija' });
    expect(profile).toMatchObject({ source: 'desk', client: { personalCode: '010190-10001' } });
    expect(profile.timeline).toMatchObject([{ kind: 'consultation', service: { code: 'P.02' }, outcome: 'informed' }]);
    const audit = d.workstation.db.prepare(`SELECT action, subject, detail FROM audit_events WHERE action = 'client.profile'`).all();
    expect(audit).toEqual([{ action: 'client.profile', subject: janis.id, detail: '{"channel":"offline"}' }]);
    const queued = d.workstation.db.prepare(`SELECT name, args FROM outbox WHERE name = 'client.profileViewed'`).all() as { args: string }[];
    expect(queued).toHaveLength(1);
    expect(JSON.parse(queued[0]?.args ?? '{}')).toMatchObject({ clientId: janis.id, reason: 'Klienta konsultācija' });
  });
});
