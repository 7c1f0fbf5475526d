import argon2 from 'argon2';
import type { Sql } from '../db/sql';
import { platformError } from '../errors';
import type { Principal, Tokens } from './tokens';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  roles: string[];
  centre_id: string | null;
  institution_code: string | null;
  desk_id: string | null;
  password_hash: string;
}

export const principalOf = (u: Pick<UserRow, 'id' | 'roles' | 'centre_id' | 'institution_code'>): Principal => ({
  userId: u.id,
  roles: u.roles,
  centreId: u.centre_id,
  institutionCode: u.institution_code,
});

/** argon2id with the library's defaults (64 MiB, t=3); tests pass a lower memory cost. */
export function hashPassword(password: string, memoryCost?: number): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, ...(memoryCost ? { memoryCost, timeCost: 2 } : {}) });
}

/** Failed logins per user name in a sliding window, so guessing is slow while a clerk's typo is not punished. */
export function createLoginLimiter(limit = 5, windowMs = 5 * 60_000, now = () => Date.now()) {
  const failures = new Map<string, number[]>();
  return {
    retryAfter(name: string): number {
      const since = now() - windowMs;
      const kept = (failures.get(name) ?? []).filter((t) => t > since);
      failures.set(name, kept);
      return kept.length >= limit ? Math.ceil(((kept[0] ?? now()) + windowMs - now()) / 1000) : 0;
    },
    fail: (name: string) => failures.set(name, [...(failures.get(name) ?? []), now()]),
    succeed: (name: string) => failures.delete(name),
  };
}

export function createLogin(sql: Sql, tokens: Tokens, limiter = createLoginLimiter()) {
  const decoy = hashPassword('decoy');
  return async (username: string, password: string) => {
    const name = username.trim().toLowerCase();
    const wait = limiter.retryAfter(name);
    if (wait > 0) throw platformError('TOO_MANY_ATTEMPTS', `Pārāk daudz neveiksmīgu mēģinājumu. Mēģiniet pēc ${wait} s.`, { retryAfter: wait });
    const [user] = await sql.query<UserRow>(
      `SELECT id, username, display_name, roles, centre_id, institution_code, desk_id, password_hash FROM users WHERE lower(username) = $1 AND active`,
      [name],
    );
    const ok = await argon2.verify(user?.password_hash ?? (await decoy), password).catch(() => false);
    if (!user || !ok) {
      limiter.fail(name);
      await sql.query(`INSERT INTO audit_events (user_id, action, detail) VALUES ($1, 'login', '{"outcome":"failed"}')`, [user?.id ?? null]);
      throw platformError('BAD_CREDENTIALS', 'Nepareizs lietotājvārds vai parole.');
    }
    limiter.succeed(name);
    await sql.query(`INSERT INTO audit_events (user_id, action, detail) VALUES ($1, 'login', '{"outcome":"ok"}')`, [user.id]);
    return issueSession(sql, tokens, user);
  };
}

/** A new access token and refresh token for a user who signed in or spent a refresh token. */
export async function issueSession(sql: Sql, tokens: Tokens, user: Omit<UserRow, 'password_hash'>) {
  const access = await tokens.access(principalOf(user));
  return {
    accessToken: access.token,
    expiresAt: access.expiresAt.toISOString(),
    refreshToken: await tokens.issueRefresh(sql, user.id),
    user: { id: user.id, username: user.username, displayName: user.display_name, roles: user.roles, centreId: user.centre_id, institutionCode: user.institution_code, deskId: user.desk_id },
  };
}

/** The user behind a refresh token, spent by this call; the caller then issues a new session. */
export async function refreshSession(sql: Sql, tokens: Tokens, refreshToken: string) {
  const userId = await tokens.spendRefresh(sql, refreshToken);
  if (!userId) throw platformError('UNAUTHENTICATED', 'Sesija ir beigusies. Pieslēdzieties vēlreiz.');
  const [user] = await sql.query<Omit<UserRow, 'password_hash'>>(
    `SELECT id, username, display_name, roles, centre_id, institution_code, desk_id FROM users WHERE id = $1 AND active`,
    [userId],
  );
  if (!user) throw platformError('UNAUTHENTICATED', 'Lietotājs vairs nav aktīvs.');
  return issueSession(sql, tokens, user);
}
