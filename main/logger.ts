/**
 * Structured logging for operators. Callers pass ids and codes only; the logger never receives a
 * call's input, so personal codes, names and phone numbers cannot reach a log file by accident.
 */
export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

function describeError(error: unknown): unknown {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return String(error);
}

export function createConsoleLogger(write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Logger {
  const log = (level: string, event: string, fields: Record<string, unknown> = {}) => {
    const clean = Object.fromEntries(
      Object.entries(fields).map(([key, value]) => [key, key === 'error' ? describeError(value) : value]),
    );
    write(JSON.stringify({ at: new Date().toISOString(), level, event, ...clean }));
  };
  return { info: (event, fields) => log('info', event, fields), error: (event, fields) => log('error', event, fields) };
}
