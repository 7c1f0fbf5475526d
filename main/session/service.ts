import { AppError, type Role, type Session } from '../../preload/contract';
import { recordAudit } from '../audit/record';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { EventBus } from '../events';
import type { Connection } from '../rpc/router';
import { createAttemptLimiter } from './attempts';
import { hashPassword, verifyPassword } from './password';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  roles: string;
  centre_id: string | null;
  password_hash: string;
}

interface DeskRow {
  id: string;
  name: string;
  centre_id: string;
  centre_name: string;
}

export interface SessionDeps {
  clock: Clock;
  events: EventBus;
  /** The desk this installation is set up as, if any. */
  deskId: string | null;
  /** Told of a local sign-in with the password just typed, so the platform session can start too. */
  onSignedIn?(username: string, password: string): void;
  onSignedOut?(): void;
}

export function createSessionService(db: Db, deps: SessionDeps) {
  const attempts = createAttemptLimiter(deps.clock);
  const findUser = db.prepare<[string], UserRow>(
    `SELECT id, username, display_name, roles, centre_id, password_hash FROM users WHERE username = ? AND active = 1`,
  );
  const findDesk = db.prepare<[string], DeskRow>(
    `SELECT d.id, d.name, d.centre_id, c.name AS centre_name FROM desks d JOIN centres c ON c.id = d.centre_id WHERE d.id = ?`,
  );
  // Verifying against a real hash even for unknown names keeps the answer time the same, so timing
  // does not tell an attacker which user names exist.
  const decoy = hashPassword('decoy-password');

  function toSession(user: UserRow): Session {
    const desk = deps.deskId ? findDesk.get(deps.deskId) : undefined;
    return {
      user: {
        id: user.id,
        username: user.username,
        displayName: user.display_name,
        roles: JSON.parse(user.roles) as Role[],
      },
      // A user from another centre may sign in (a supervisor visiting), but does not act as this desk.
      desk:
        desk && desk.centre_id === user.centre_id
          ? { id: desk.id, name: desk.name, centreId: desk.centre_id, centreName: desk.centre_name }
          : null,
      signedInAt: deps.clock.now().toISOString(),
    };
  }

  return {
    async signIn(connection: Connection, input: { username: string; password: string }): Promise<Session> {
      const wait = attempts.retryAfter(input.username);
      if (wait > 0) {
        throw new AppError('TOO_MANY_ATTEMPTS', `Pārāk daudz neveiksmīgu mēģinājumu. Mēģiniet vēlreiz pēc ${wait} s.`, {
          retryAfter: wait,
        });
      }
      const user = findUser.get(input.username);
      const valid = await verifyPassword(input.password, user?.password_hash ?? (await decoy));
      const at = deps.clock.now();
      if (!user || !valid) {
        attempts.fail(input.username);
        recordAudit(db, { at, userId: user?.id ?? null, action: 'session.signIn', outcome: 'failed' });
        throw new AppError('BAD_CREDENTIALS', 'Nepareizs lietotājvārds vai parole.');
      }
      attempts.succeed(input.username);
      const session = toSession(user);
      connection.session = session;
      recordAudit(db, { at, userId: user.id, action: 'session.signIn', subject: session.desk?.id ?? null, outcome: 'ok' });
      deps.events.emit('session.changed', { signedIn: true });
      deps.onSignedIn?.(user.username, input.password);
      return session;
    },

    signOut(connection: Connection): null {
      if (connection.session) {
        recordAudit(db, { at: deps.clock.now(), userId: connection.session.user.id, action: 'session.signOut', outcome: 'ok' });
      }
      connection.session = null;
      deps.events.emit('session.changed', { signedIn: false });
      deps.onSignedOut?.();
      return null;
    },
  };
}
