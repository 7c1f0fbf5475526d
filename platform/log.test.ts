import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { errorSummary, jsonLog, logIncident } from './log';

function capture() {
  const out = new PassThrough();
  const err = new PassThrough();
  const lines = { out: '', err: '' };
  out.on('data', (c: Buffer) => (lines.out += c.toString()));
  err.on('data', (c: Buffer) => (lines.err += c.toString()));
  return { log: jsonLog(out, err), lines };
}

describe('platform log', () => {
  it('writes one JSON object per line, errors to standard error', () => {
    const { log, lines } = capture();
    log('info', 'platform.started', { url: 'http://127.0.0.1:4000/graphql' });
    log('error', 'platform.startFailed');
    expect(JSON.parse(lines.out)).toMatchObject({ level: 'info', event: 'platform.started', url: 'http://127.0.0.1:4000/graphql' });
    expect(JSON.parse(lines.err)).toMatchObject({ level: 'error', event: 'platform.startFailed' });
  });

  it('keeps a database error code and where it happened but never the values in its message', () => {
    const error = Object.assign(new Error('duplicate key value violates unique constraint "clients_pk": Key (personal_code)=(010190-10001) already exists.'), {
      code: '23505',
      constraint: 'clients_pk',
      detail: 'Key (personal_code)=(010190-10001) already exists.',
    });
    const { log, lines } = capture();
    const incident = logIncident(log, 'graphql.unexpected', error, { operation: 'push' });
    const entry = JSON.parse(lines.err) as Record<string, unknown>;
    expect(entry).toMatchObject({ incident, operation: 'push', error: { kind: 'Error', code: '23505', constraint: 'clients_pk' } });
    expect(lines.err).not.toContain('010190');
    expect((entry.error as { frames: string[] }).frames.length).toBeGreaterThan(0);
  });

  it('summarises something thrown that is not an Error', () => {
    expect(errorSummary('Jānis Bērziņš')).toEqual({ kind: 'string' });
  });
});
