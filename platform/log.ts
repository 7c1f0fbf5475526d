import { randomUUID } from 'node:crypto';

export type LogLevel = 'info' | 'warn' | 'error';
export type Log = (level: LogLevel, event: string, detail?: Record<string, unknown>) => void;

/** JSON lines, errors on standard error: what a log shipper and `journalctl` both read. */
export function jsonLog(out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Log {
  return (level, event, detail = {}) => (level === 'error' ? err : out).write(`${JSON.stringify({ at: new Date().toISOString(), level, event, ...detail })}\n`);
}

export const silentLog: Log = () => undefined;

/**
 * What an unexpected error may say in a log: its class, a database error code, the constraint and the
 * code locations it passed through. Never its message or detail: those carry values — a personal code in
 * a unique violation, a name in a cast error — and logs must hold no personal data.
 */
export function errorSummary(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { kind: typeof error };
  const e = error as Error & { code?: unknown; constraint?: unknown; table?: unknown };
  const frames = (e.stack ?? '')
    .split('\n')
    .slice(1)
    .map((line) => line.trim())
    .filter((line) => line.startsWith('at '))
    .slice(0, 8);
  return {
    kind: e.name,
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(typeof e.constraint === 'string' ? { constraint: e.constraint } : {}),
    ...(typeof e.table === 'string' ? { table: e.table } : {}),
    frames,
  };
}

/** Logs an unexpected failure under a fresh incident id, which the caller shows so an operator can find it. */
export function logIncident(log: Log, event: string, error: unknown, detail: Record<string, unknown> = {}): string {
  const incident = randomUUID();
  log('error', event, { incident, ...detail, error: errorSummary(error) });
  return incident;
}
