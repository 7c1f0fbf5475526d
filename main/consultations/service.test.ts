import { describe, expect, it } from 'vitest';
import type { Clock } from '../clock';
import { useTestDesk } from '../test-support/workstation';

const at = (iso: string): Clock => ({ now: () => new Date(iso) });

describe('consultations', () => {
  const desk = useTestDesk();

  it('registers a consultation in a few fields and lists it today, also after a restart', async () => {
    const clock = at('2026-11-22T09:15:00Z');
    const d = await desk.start({ clock });
    await d.call('session.signIn', { username: 'klerks', password: 'demo' });
    const saved = await d.call('consultations.register', {
      serviceCode: 'P.02',
      channel: 'in_person',
      client: { kind: 'phone', phone: '+371 2612 3456' },
      outcome: 'informed',
      note: 'Izskaidrots, kādi dokumenti vajadzīgi.',
    });
    expect(saved).toMatchObject({
      service: { code: 'P.02' },
      client: { kind: 'phone', phone: '+37126123456' },
      clerkName: 'Anna Bērziņa',
      syncState: 'pending',
    });
    await d.call('consultations.register', {
      serviceCode: null,
      channel: 'phone',
      client: { kind: 'anonymous' },
      outcome: 'referred',
      note: '',
    });
    // Two consultations, and the worktime day the clerk's sign-in at the desk opened.
    expect((await d.call('status.get', {})).pendingChanges).toBe(3);
    d.workstation.close();

    const again = await desk.restart(d.dataDir, clock);
    await again.call('session.signIn', { username: 'klerks', password: 'demo' });
    const today = await again.call('consultations.listToday', {});
    expect(today.map((c) => c.channel)).toEqual(['phone', 'in_person']);
    expect(today[1]?.id).toBe(saved.id);
    expect((await again.call('status.get', {})).pendingChanges).toBe(3);
  });

  it('counts the day in Riga: yesterday evening is not today', async () => {
    const d = await desk.start({ clock: at('2026-11-22T21:30:00Z') }); // 23:30 in Riga
    await d.call('session.signIn', { username: 'klerks', password: 'demo' });
    await d.call('consultations.register', { serviceCode: null, channel: 'phone', client: { kind: 'anonymous' }, outcome: 'informed', note: '' });
    d.workstation.close();
    const next = await desk.restart(d.dataDir, at('2026-11-22T22:30:00Z')); // 00:30 next day in Riga
    await next.call('session.signIn', { username: 'klerks', password: 'demo' });
    expect(await next.call('consultations.listToday', {})).toEqual([]);
  });

  it('writes the row and its outbox entry together, numbered without gaps', async () => {
    const d = await desk.start();
    await d.call('session.signIn', { username: 'klerks', password: 'demo' });
    for (let i = 0; i < 3; i++) {
      await d.call('consultations.register', { serviceCode: 'P.06', channel: 'email', client: { kind: 'anonymous' }, outcome: 'informed', note: `${i}` });
    }
    const outbox = d.workstation.db.prepare(`SELECT mutation_id, name, entity_id FROM outbox ORDER BY mutation_id`).all() as {
      mutation_id: number;
      name: string;
      entity_id: string;
    }[];
    expect(outbox.map((o) => [o.mutation_id, o.name])).toEqual([
      [1, 'worktime.set'],
      [2, 'consultation.create'],
      [3, 'consultation.create'],
      [4, 'consultation.create'],
    ]);
    const ids = (d.workstation.db.prepare(`SELECT id FROM consultations`).all() as { id: string }[]).map((r) => r.id).sort();
    expect(outbox.filter((o) => o.name === 'consultation.create').map((o) => o.entity_id).sort()).toEqual(ids);
  });

  it('refuses a bad phone number or an unknown service with a field-level error and saves nothing', async () => {
    const d = await desk.start();
    await d.call('session.signIn', { username: 'klerks', password: 'demo' });
    const badPhone = await d.fail('consultations.register', {
      serviceCode: null,
      channel: 'phone',
      client: { kind: 'phone', phone: '12' },
      outcome: 'informed',
      note: '',
    });
    expect(badPhone).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'client.phone' }] });
    const unknown = await d.fail('consultations.register', {
      serviceCode: 'ZZ99',
      channel: 'phone',
      client: { kind: 'anonymous' },
      outcome: 'informed',
      note: '',
    });
    expect(unknown).toMatchObject({ code: 'NOT_FOUND', issues: [{ path: 'serviceCode' }] });
    expect(await d.call('consultations.listToday', {})).toEqual([]);
    // Only the worktime day the sign-in opened.
    expect((await d.call('status.get', {})).pendingChanges).toBe(1);
  });

  it('keeps each clerk to their own list, and needs a desk role', async () => {
    const d = await desk.start();
    expect(await d.fail('consultations.listToday', {})).toMatchObject({ code: 'UNAUTHENTICATED' });
    await d.call('session.signIn', { username: 'klerks', password: 'demo' });
    await d.call('consultations.register', { serviceCode: null, channel: 'phone', client: { kind: 'anonymous' }, outcome: 'informed', note: '' });
    await d.call('session.signOut', {});
    await d.call('session.signIn', { username: 'operators', password: 'demo' });
    expect(await d.call('consultations.listToday', {})).toEqual([]);
    await d.call('session.signOut', {});
    await d.call('session.signIn', { username: 'redaktors', password: 'demo' });
    expect(await d.fail('consultations.register', { serviceCode: null, channel: 'phone', client: { kind: 'anonymous' }, outcome: 'informed', note: '' })).toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
