import { describe, expect, it } from 'vitest';
import { shortcutFor, type KeyLike } from './shortcuts';
import { actions, appSlice, visibleAreas } from './store';

const key = (k: Partial<KeyLike>): KeyLike => ({ key: '', code: '', altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, typing: false, ...k });

describe('shortcuts', () => {
  it('switches areas with Alt+digit by physical key, whatever the layout', () => {
    expect(shortcutFor(key({ altKey: true, code: 'Digit3', key: '3' }))).toEqual({ kind: 'area', index: 2 });
    expect(shortcutFor(key({ altKey: true, code: 'Digit3', key: 'š', typing: true }))).toEqual({ kind: 'area', index: 2 });
  });
  it('does not steal plain keys while the clerk types', () => {
    expect(shortcutFor(key({ key: '/', code: 'Slash' }))).toEqual({ kind: 'search' });
    expect(shortcutFor(key({ key: '/', code: 'Slash', typing: true }))).toBeNull();
    expect(shortcutFor(key({ key: '?', typing: true }))).toBeNull();
    expect(shortcutFor(key({ key: 'F1', typing: true }))).toEqual({ kind: 'help' });
    expect(shortcutFor(key({ ctrlKey: true, code: 'KeyK', typing: true }))).toEqual({ kind: 'search' });
  });
  it('opens the quick consultation with Alt+K from anywhere, even while typing', () => {
    expect(shortcutFor(key({ altKey: true, code: 'KeyK', key: 'ķ', typing: true }))).toEqual({ kind: 'consultation' });
  });
});

describe('app state', () => {
  it('shows the supervisor area only to supervisors and admins', () => {
    const session = (roles: ('clerk' | 'supervisor')[]) => ({
      user: { id: 'u', username: 'u', displayName: 'U', roles },
      desk: null,
      signedInAt: '2026-11-22T10:00:00Z',
    });
    expect(visibleAreas(session(['clerk']))).not.toContain('supervisor');
    expect(visibleAreas(session(['supervisor']))).toContain('supervisor');
  });
  it('forgets the status and closes dialogs on sign-out', () => {
    let state = appSlice.reducer(undefined, actions.helpToggled(true));
    state = appSlice.reducer(state, actions.statusChanged({ connection: 'not_configured', bootstrap: null, pendingChanges: 3, failedChanges: 0, lastSyncAt: null }));
    state = appSlice.reducer(state, actions.signedOut());
    expect(state.helpOpen).toBe(false);
    expect(state.status).toBeNull();
  });
});
