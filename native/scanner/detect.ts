import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { ScannerError } from './errors';
import { EsclBackend } from './escl';
import { Naps2Backend } from './naps2';
import { SaneBackend } from './sane';
import type { ScannerBackend, ScannerDevice } from './types';
import { WiaBackend } from './wia';

export interface DetectOptions {
  platform?: NodeJS.Platform;
  /** Searched for PATH and the Windows program folders; SANE runs in it too. */
  env?: NodeJS.ProcessEnv;
  /** Network scanners the clerk added by address. */
  esclUrls?: readonly string[];
  /** Whether a program file is there to run; replaced in tests. */
  isExecutable?: (file: string) => Promise<boolean>;
}

async function executable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first of `candidates` that can be run. */
async function firstExecutable(candidates: readonly string[], isExecutable: (file: string) => Promise<boolean>): Promise<string | null> {
  for (const candidate of candidates) if (await isExecutable(candidate)) return candidate;
  return null;
}

function onPath(name: string, env: NodeJS.ProcessEnv, paths: typeof path.posix): string[] {
  const separator = paths === path.win32 ? ';' : ':';
  return (env.PATH ?? env.Path ?? '')
    .split(separator)
    .filter((dir) => dir.length > 0)
    .map((dir) => paths.join(dir, name));
}

/** Where the NAPS2 installer (machine-wide or per user) and a portable copy on PATH put the console. */
function naps2Candidates(env: NodeJS.ProcessEnv): string[] {
  const w = path.win32;
  const installed = [env.ProgramFiles, env['ProgramFiles(x86)']].filter((dir) => dir !== undefined).map((dir) => w.join(dir, 'NAPS2', 'NAPS2.Console.exe'));
  const perUser = env.LOCALAPPDATA === undefined ? [] : [w.join(env.LOCALAPPDATA, 'Programs', 'NAPS2', 'NAPS2.Console.exe')];
  return [...installed, ...perUser, ...onPath('NAPS2.Console.exe', env, w)];
}

/**
 * The backends this machine can scan with: WIA (and NAPS2 where installed) on Windows, SANE where
 * scanimage is on PATH elsewhere, and eSCL for scanners added by address, anywhere.
 */
export async function availableBackends(options: DetectOptions = {}): Promise<ScannerBackend[]> {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  const isExecutable = options.isExecutable ?? executable;
  const backends: ScannerBackend[] = [];
  if (platform === 'win32') {
    backends.push(new WiaBackend());
    const naps2 = await firstExecutable(naps2Candidates(env), isExecutable);
    if (naps2) backends.push(new Naps2Backend({ command: naps2 }));
  } else {
    const scanimage = await firstExecutable(onPath('scanimage', env, path.posix), isExecutable);
    if (scanimage) backends.push(new SaneBackend({ command: scanimage, env }));
  }
  if (options.esclUrls && options.esclUrls.length > 0) backends.push(new EsclBackend({ urls: options.esclUrls }));
  return backends;
}

/**
 * Every device of every backend, in backend order. A backend that fails to list (a driver that
 * hangs, a missing program) does not hide the others; with nothing found at all the clerk is told
 * what to do (no_scanner).
 */
export async function listAll(backends: readonly ScannerBackend[]): Promise<ScannerDevice[]> {
  const results = await Promise.allSettled(backends.map((backend) => backend.list()));
  const devices = results.flatMap((result) => (result.status === 'fulfilled' ? result.value : []));
  if (devices.length === 0) {
    const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
    throw new ScannerError('no_scanner', failures.length > 0 ? { cause: new AggregateError(failures, 'Scanner backends failed to list') } : {});
  }
  return devices;
}
