import { describe, expect, it } from 'vitest';
import { createTokens } from './auth/tokens';
import type { Sql } from './db/sql';
import { createGraphql } from './graphql';
import type { Log } from './log';

/** A database that fails the way a real one does: with the offending value in the message. */
const failingSql = {
  query: () => Promise.reject(Object.assign(new Error('invalid input syntax: "010190-10001" (Jānis Bērziņš)'), { code: '22P02' })),
} as unknown as Sql;

async function ask(query: string) {
  const lines: Record<string, unknown>[] = [];
  const log: Log = (level, event, detail) => lines.push({ level, event, ...detail });
  const yoga = createGraphql({ sql: failingSql, tokens: createTokens(new TextEncoder().encode('x'.repeat(32))), production: true, onChanged: () => undefined, log });
  const response = await yoga.fetch('http://platform/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return { body: (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] }, lines };
}

describe('unexpected errors', () => {
  it('reach the desk as a Latvian message with an incident id, and the log without the values in them', async () => {
    const { body, lines } = await ask(`mutation { login(username: "klerks", password: "demo") { accessToken } }`);
    const [error] = body.errors;
    expect(error?.extensions).toMatchObject({ code: 'INTERNAL', incident: expect.any(String) });
    expect(error?.message).toContain(String(error?.extensions.incident));
    expect(error?.message).toMatch(/neparedzēta kļūda/u);
    expect(JSON.stringify(body)).not.toContain('010190');
    expect(lines).toEqual([expect.objectContaining({ level: 'error', event: 'graphql.unexpected', incident: error?.extensions.incident, path: 'login', error: expect.objectContaining({ code: '22P02' }) })]);
    expect(JSON.stringify(lines)).not.toMatch(/010190|Bērziņš/u);
  });

  it('pass errors raised on purpose through unchanged and unlogged', async () => {
    const { body, lines } = await ask(`{ me { id } }`);
    expect(body.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(lines).toEqual([]);
  });
});
