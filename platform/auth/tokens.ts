import { createHash, randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { Sql } from '../db/sql';

export interface Principal {
  userId: string;
  roles: string[];
  centreId: string | null;
  institutionCode: string | null;
}

/** How long an access token lives unless the platform is told otherwise (`accessTokenSeconds`). */
const ACCESS_SECONDS = 15 * 60;
const REFRESH_DAYS = 14;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Short-lived signed access tokens (HS256) carry the user's roles and memberships; refresh tokens are
 * random, stored only as hashes, and rotated on every use so a stolen one works at most once.
 */
export function createTokens(secret: Uint8Array, now: () => Date = () => new Date(), accessSeconds: number = ACCESS_SECONDS) {
  return {
    async access(p: Principal): Promise<{ token: string; expiresAt: Date }> {
      const issued = Math.floor(now().getTime() / 1000);
      const token = await new SignJWT({ roles: p.roles, centre: p.centreId, inst: p.institutionCode })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(p.userId)
        .setIssuedAt(issued)
        .setExpirationTime(issued + accessSeconds)
        .setIssuer('lete-platform')
        .sign(secret);
      return { token, expiresAt: new Date((issued + accessSeconds) * 1000) };
    },
    async verify(token: string): Promise<Principal | null> {
      try {
        const { payload } = await jwtVerify(token, secret, { issuer: 'lete-platform', currentDate: now() });
        return {
          userId: String(payload.sub),
          roles: (payload.roles as string[] | undefined) ?? [],
          centreId: (payload.centre as string | null | undefined) ?? null,
          institutionCode: (payload.inst as string | null | undefined) ?? null,
        };
      } catch {
        return null;
      }
    },
    async issueRefresh(sql: Sql, userId: string): Promise<string> {
      const token = randomBytes(32).toString('base64url');
      const expires = new Date(now().getTime() + REFRESH_DAYS * 86_400_000);
      await sql.query(`INSERT INTO refresh_tokens (token_hash, user_id, expires_at) VALUES ($1, $2, $3)`, [sha256(token), userId, expires]);
      return token;
    },
    /** The user behind a valid, unused refresh token, which is spent by this call. */
    async spendRefresh(sql: Sql, token: string): Promise<string | null> {
      const rows = await sql.query<{ user_id: string }>(
        `UPDATE refresh_tokens SET replaced_by = 'used' WHERE token_hash = $1 AND replaced_by IS NULL AND expires_at > $2 RETURNING user_id`,
        [sha256(token), now()],
      );
      return rows[0]?.user_id ?? null;
    },
  };
}

export type Tokens = ReturnType<typeof createTokens>;
