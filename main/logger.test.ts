import { describe, expect, it } from 'vitest';
import { createConsoleLogger } from './logger';

describe('the desk log', () => {
  it('records an unexpected error by class, code and frames, never by a message that could quote personal data', () => {
    const lines: string[] = [];
    const logger = createConsoleLogger((line) => lines.push(line));
    let error: unknown;
    try {
      JSON.parse('{"personalCode": "010190-10001", broken');
    } catch (e) {
      error = e;
    }
    const coded = Object.assign(new Error('UNIQUE constraint failed: clients.personal_code 010190-10001'), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
    logger.error('rpc.internal', { call: 'clients.create', error });
    logger.error('rpc.internal', { call: 'clients.create', error: coded });
    expect(lines.join('\n')).not.toContain('010190');
    const [first, second] = lines.map((l) => JSON.parse(l) as { event: string; call: string; error: { name: string; code?: string; frames: string[] } });
    expect(first).toMatchObject({ event: 'rpc.internal', call: 'clients.create', error: { name: 'SyntaxError' } });
    expect(first?.error.frames[0]).toMatch(/^at /u);
    expect(second?.error).toMatchObject({ name: 'Error', code: 'SQLITE_CONSTRAINT_UNIQUE' });
  });
});
