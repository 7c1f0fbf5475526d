import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { asScannerError, ScannerError, type ScannerErrorCode } from './errors';
import { imageInfo } from './image';
import { isNotInstalled } from './process';
import type { ScanOptions, ScannedPage, ScanSettings } from './types';

export interface PageProcessSpec {
  command: string;
  args: readonly string[];
  env?: NodeJS.ProcessEnv | undefined;
  /** The page file a line of output announces as complete, or null for any other line. */
  pageFile(line: string): string | null;
  /**
   * How the run ended, from its exit code, stderr and the output lines that were not pages: null
   * for success, else what went wrong.
   */
  failure(ended: { code: number | null; stderr: string; lines: readonly string[] }): ScannerErrorCode | null;
  /** The signal that asks the program to stop the device (scanimage: SIGINT). */
  cancelWith: NodeJS.Signals;
  /** How long it may take to stop before it is killed. */
  cancelGraceMs: number;
  /**
   * How long it may go without a word (no page, no output) before it is taken for hung: a driver
   * that stops answering must not leave the clerk waiting for ever. The pages so far are kept.
   */
  stallMs?: number;
}

/**
 * Runs a command-line scanner that writes one file a page and says so on stdout, handing each page
 * on as its line arrives. Used for scanimage and for WIA through PowerShell.
 */
export function runPageProcess(spec: PageProcessSpec, settings: ScanSettings, options: ScanOptions): Promise<ScannedPage[]> {
  return new Promise((resolve, reject) => {
    const pages: ScannedPage[] = [];
    const lines: string[] = [];
    let stderr = '';
    let pageFailure: unknown = null;
    let cancelled = false;
    let reading = Promise.resolve();

    const child = spawn(spec.command, spec.args, { env: spec.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let stalled = false;
    let stallTimer: NodeJS.Timeout | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    const alive = () => {
      clearTimeout(stallTimer);
      if (!spec.stallMs) return;
      stallTimer = setTimeout(() => {
        stalled = true;
        child.kill(spec.cancelWith);
        killTimer = setTimeout(() => child.kill('SIGKILL'), spec.cancelGraceMs);
      }, spec.stallMs);
    };
    alive();
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      alive();
    });

    const readPage = async (file: string) => {
      const bytes = new Uint8Array(await readFile(file));
      const info = imageInfo(bytes);
      const page: ScannedPage = {
        index: pages.length,
        mediaType: info.mediaType,
        bytes,
        width: info.width,
        height: info.height,
        resolution: info.resolution ?? settings.resolution,
      };
      pages.push(page);
      options.onPage(page);
    };
    createInterface({ input: child.stdout }).on('line', (line) => {
      alive();
      const file = spec.pageFile(line);
      if (file === null) {
        lines.push(line);
        return;
      }
      reading = reading
        .then(() => (pageFailure === null ? readPage(file) : undefined))
        .catch((error: unknown) => {
          pageFailure = error;
          child.kill(spec.cancelWith);
        });
    });

    const cancel = () => {
      cancelled = true;
      child.kill(spec.cancelWith);
      killTimer = setTimeout(() => child.kill('SIGKILL'), spec.cancelGraceMs);
    };
    options.signal?.addEventListener('abort', cancel, { once: true });

    child.on('error', (error) => {
      clearTimeout(stallTimer);
      options.signal?.removeEventListener('abort', cancel);
      reject(new ScannerError(isNotInstalled(error) ? 'no_scanner' : 'failed', { cause: error }));
    });
    child.on('close', (code) => {
      clearTimeout(killTimer);
      clearTimeout(stallTimer);
      options.signal?.removeEventListener('abort', cancel);
      void reading.then(() => {
        if (pageFailure !== null) return reject(asScannerError(pageFailure, pages));
        if (cancelled) return reject(new ScannerError('cancelled', { pages }));
        const failure = spec.failure({ code, stderr, lines });
        if (stalled) {
          // It said what went wrong (the feeder ran empty) and then hung closing the device: that is the answer.
          const reported = spec.failure({ code: null, stderr, lines });
          const known = reported !== null && reported !== 'failed' ? reported : null;
          return reject(new ScannerError(known ?? 'failed', { pages, cause: new Error(known ? stderr.trim() : 'no output from the scanner program') }));
        }
        // The feeder running out after at least one sheet is how a stack ends.
        if (failure === null || (failure === 'feeder_empty' && pages.length > 0)) return resolve(pages);
        reject(new ScannerError(failure, { pages, cause: new Error([...lines, stderr].join('\n').trim()) }));
      });
    });
  });
}
