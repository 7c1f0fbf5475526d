/**
 * Structured logging for operators. Callers pass ids and codes only; the logger never receives a
 * call's input, so personal codes, names and phone numbers cannot reach a log file by accident.
 */
export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

/**
 * What an unexpected error may say in a log: its class, a code and where it passed. Never its message:
 * a message can quote data (a JSON parse error shows the text around the fault, a constraint error
 * the value), and the stack's first line repeats the message, so only its frames are kept.
 */
function describeError(error: unknown): unknown {
  if (!(error instanceof Error)) return { kind: typeof error };
  const code = (error as { code?: unknown }).code;
  const frames = (error.stack ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('at '))
    .slice(0, 8);
  return { name: error.name, ...(typeof code === 'string' ? { code } : {}), frames };
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
