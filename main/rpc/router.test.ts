import { describe, expect, it, vi } from 'vitest';
import { AppError, type Session } from '../../preload/contract';
import { createRouter, type Connection, type Handlers } from './router';

const clerk: Session = {
  user: { id: 'u1', username: 'klerks', displayName: 'Anna Bērziņa', roles: ['clerk'] },
  desk: null,
  signedInAt: '2026-11-22T10:00:00.000Z',
};

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const unused = () => {
    throw new Error('not used in this test');
  };
  return {
    'app.info': () => ({ name: 'Lete', version: '0.1.0', host: 'web', locale: 'lv' }),
    'session.signIn': unused,
    'session.current': (_i, c) => c.session,
    'session.signOut': () => null,
    'preferences.setLocale': (i) => ({ locale: i.locale }),
    'catalogue.search': (i) => ({ items: [], total: i.limit }),
    'catalogue.get': unused,
    'catalogue.owners': () => [],
    'consultations.register': unused,
    'consultations.listToday': () => [],
    'consultations.update': unused,
    'clients.search': unused,
    'clients.duplicates': unused,
    'clients.create': unused,
    'clients.openProfile': unused,
    'cases.create': unused,
    'cases.get': unused,
    'cases.update': unused,
    'cases.submit': unused,
    'cases.transition': unused,
    'cases.take': unused,
    'cases.transfer': unused,
    'cases.escalate': unused,
    'cases.note': unused,
    'cases.inbox': unused,
    'cases.attach': unused,
    'cases.pdf': unused,
    'cases.sign': unused,
    'invoices.issue': unused,
    'invoices.byReference': unused,
    'invoices.pdf': unused,
    'feedback.record': unused,
    'queue.overview': unused,
    'queue.callNext': unused,
    'queue.recall': unused,
    'queue.start': unused,
    'queue.noShow': unused,
    'queue.finish': unused,
    'queue.transfer': unused,
    'queue.setServed': unused,
    'queue.issue': unused,
    'queue.book': unused,
    'queue.cancelAppointment': unused,
    'worktime.set': unused,
    'worktime.daySheet': unused,
    'supervision.live': unused,
    'supervision.history': unused,
    'supervision.export': unused,
    'supervision.setTarget': unused,
    'supervision.setAlerts': unused,
    'audit.clientAccess': unused,
    'directory.colleagues': unused,
    'invoices.cancel': unused,
    'app.printPdf': unused,
    'kb.search': () => ({ items: [] }),
    'kb.get': unused,
    'kb.suggest': unused,
    'kb.topics': unused,
    'kb.browse': unused,
    'kb.changes': unused,
    'kb.subscribe': unused,
    'kb.history': unused,
    'kb.publish': unused,
    'kb.retire': unused,
    'kb.attach': unused,
    'cases.signOnPad': unused,
    'cases.cancelOnPad': unused,
    'scanner.devices': unused,
    'scanner.capabilities': unused,
    'scanner.start': unused,
    'scanner.status': unused,
    'scanner.page': unused,
    'scanner.cancel': unused,
    'scanner.rescan': unused,
    'scanner.save': unused,
    'scanner.discard': unused,
    'scanner.addNetwork': unused,
    'scanner.removeNetwork': unused,
    'devices.overview': unused,
    'devices.signing': unused,
    'devices.testPad': unused,
    'devices.setSignatureSource': unused,
    'kb.file': unused,
    'kb.scripts': unused,
    'kb.script': unused,
    'kb.publishScript': unused,
    'status.get': () => ({ connection: 'not_configured', bootstrap: null, pendingChanges: 0, failedChanges: 0, lastSyncAt: null }),
    'sync.overview': () => ({ pending: [], failures: [] }),
    'sync.now': unused,
    'sync.conflict': unused,
    'sync.resolveConflict': unused,
    'sync.dismissFailure': unused,
    ...overrides,
  };
}

const connection = (session: Session | null = null): Connection => ({ id: 'c1', session });

describe('router', () => {
  it('answers a valid call, with the contract defaults filled in', async () => {
    const router = createRouter(handlers());
    expect(await router.dispatch(connection(clerk), 'catalogue.search', { query: 'pase' })).toEqual({
      ok: true,
      data: { items: [], total: 20 },
    });
  });

  it('gives typed errors for unknown calls and malformed input, and keeps serving', async () => {
    const router = createRouter(handlers());
    const unknown = await router.dispatch(connection(clerk), 'fs.readFile', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    const bad = await router.dispatch(connection(clerk), 'catalogue.search', { query: 42, limit: 1000, extra: true });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('INVALID_INPUT');
      expect(bad.error.issues?.map((i) => i.path).sort()).toEqual(['', 'limit', 'query']);
      expect(bad.error.message).toMatch(/derīgi/u);
    }
    expect(await router.dispatch(connection(), '__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    expect(await router.dispatch(connection(), 'app.info', {})).toMatchObject({ ok: true });
  });

  it('refuses calls without a session, and calls the role may not make', async () => {
    const router = createRouter(handlers());
    expect(await router.dispatch(connection(), 'status.get', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const editor: Session = { ...clerk, user: { ...clerk.user, roles: ['editor'] } };
    expect(await router.dispatch(connection(editor), 'consultations.listToday', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('passes a service error through and hides an unexpected one', async () => {
    const onInternalError = vi.fn();
    const router = createRouter(
      handlers({
        'catalogue.get': () => {
          throw new AppError('NOT_FOUND', 'Pakalpojums nav atrasts.');
        },
        'catalogue.owners': () => {
          throw new Error('disk I/O error at /home/anna/secret');
        },
      }),
      { onInternalError },
    );
    expect(await router.dispatch(connection(clerk), 'catalogue.get', { code: '9999' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Pakalpojums nav atrasts.' },
    });
    const hidden = await router.dispatch(connection(clerk), 'catalogue.owners', {});
    expect(hidden).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(hidden)).not.toContain('/home/anna');
    expect(onInternalError).toHaveBeenCalledWith('catalogue.owners', expect.any(Error));
  });

  it('refuses an answer that breaks the contract instead of sending it on', async () => {
    const router = createRouter(handlers({ 'status.get': () => ({ connection: 'maybe' }) as never }));
    expect(await router.dispatch(connection(clerk), 'status.get', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
