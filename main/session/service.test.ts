import { describe, expect, it } from 'vitest';
import { useTestDesk } from '../test-support/workstation';

describe('sign-in on the desk', () => {
  const desk = useTestDesk();

  it('signs the demo clerk in at their desk and audits it', async () => {
    const d = await desk.start();
    const session = await d.call('session.signIn', { username: 'klerks', password: 'demo' });
    expect(session.user).toMatchObject({ displayName: 'Anna Bērziņa', roles: ['clerk'] });
    expect(session.desk?.centreName).toMatch(/Rīg/u);
    expect(await d.call('session.current', {})).toEqual(session);
    const audit = d.workstation.db.prepare(`SELECT action, outcome, detail FROM audit_events`).all();
    expect(audit).toEqual([{ action: 'session.signIn', outcome: 'ok', detail: null }]);
  });

  it('answers a wrong password and an unknown user alike, and audits the failure', async () => {
    const d = await desk.start();
    const wrong = await d.fail('session.signIn', { username: 'klerks', password: 'nepareiza' });
    const unknown = await d.fail('session.signIn', { username: 'nav-tada', password: 'demo' });
    expect(wrong).toEqual(unknown);
    expect(wrong).toMatchObject({ code: 'BAD_CREDENTIALS' });
    const failures = d.workstation.db.prepare(`SELECT count(*) AS n FROM audit_events WHERE outcome = 'failed'`).get();
    expect(failures).toEqual({ n: 2 });
  });

  it('slows down guessing: the sixth wrong attempt in five minutes is refused with a wait time', async () => {
    const d = await desk.start();
    for (let i = 0; i < 5; i++) await d.fail('session.signIn', { username: 'klerks', password: `x${i}` });
    const locked = await d.fail('session.signIn', { username: 'Klerks', password: 'demo' });
    expect(locked).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    expect((locked as { retryAfter?: number }).retryAfter).toBeGreaterThan(0);
    const other = await d.call('session.signIn', { username: 'operators', password: 'demo' });
    expect(other.user.roles).toContain('agent');
  });

  it('signs out, after which desk calls are refused', async () => {
    const d = await desk.start();
    await d.call('session.signIn', { username: 'klerks', password: 'demo' });
    await d.call('session.signOut', {});
    expect(await d.call('session.current', {})).toBeNull();
    expect(await d.fail('status.get', {})).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
