import { spawn } from 'node:child_process';

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CommandOptions {
  env?: NodeJS.ProcessEnv | undefined;
  timeoutMs: number;
  /** Kills the command; the promise then rejects and the caller sees `signal.aborted`. */
  signal?: AbortSignal | undefined;
}

/**
 * Runs a short command (a device list, an options dump) to its end. Rejects when it cannot be
 * started (ENOENT: not installed) or does not finish in time: a hung driver must not hang the desk.
 */
export function runCommand(command: string, args: readonly string[], options: CommandOptions): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true, signal: options.signal });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} did not finish within ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Whether an error from spawn means the program is not installed. */
export function isNotInstalled(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
