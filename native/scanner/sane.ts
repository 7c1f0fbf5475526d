import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ScannerError } from './errors';
import { runPageProcess, type PageProcessSpec } from './page-process';
import { isNotInstalled, runCommand } from './process';
import { capabilitiesOf, DEVICE_LIST_FORMAT, errorCodeFor, parseDeviceList, parseOptions, type SaneOptions } from './sane-output';
import type { ScanOptions, ScannedPage, ScannerBackend, ScannerCapabilities, ScannerDevice, ScanSettings } from './types';

export interface SaneBackendOptions {
  /** Path of scanimage; found on PATH by default. */
  command?: string;
  /** The environment scanimage runs in, e.g. with SANE_CONFIG_DIR for a test configuration. */
  env?: NodeJS.ProcessEnv;
  /**
   * Device options passed to every scan as `--name=value`, for what our settings do not cover
   * (the SANE test backend's `read-return-value`, a scanner's own `page-height`).
   */
  extraOptions?: Readonly<Record<string, string>>;
  /** For listing and reading a device's options, which may wait on network discovery and USB probing. */
  listTimeoutMs?: number;
  /** How long scanimage may take to stop after being asked to cancel before it is killed. */
  cancelGraceMs?: number;
  /** How long scanimage may stay silent (no page, no message) before it is taken for hung. */
  stallMs?: number;
  /** Where page files wait until read; the system's temporary folder by default. */
  tempDir?: string;
}

const DEFAULT_LIST_TIMEOUT_MS = 60_000;
const DEFAULT_CANCEL_GRACE_MS = 5_000;
/** A feeder page or a lamp warming up takes seconds; two silent minutes is a hung driver. */
const DEFAULT_STALL_MS = 120_000;

/** Scanners reached through SANE's `scanimage` command (Linux, macOS). */
export class SaneBackend implements ScannerBackend {
  readonly kind = 'sane' as const;
  private readonly command: string;
  private readonly env: NodeJS.ProcessEnv | undefined;
  private readonly extraOptions: Readonly<Record<string, string>>;
  private readonly listTimeoutMs: number;
  private readonly cancelGraceMs: number;
  private readonly stallMs: number;
  private readonly tempDir: string | undefined;
  /** `scanimage -A` opens the device, which takes seconds on USB: once per device is enough. */
  private readonly optionsByDevice = new Map<string, Promise<SaneOptions>>();

  constructor(options: SaneBackendOptions = {}) {
    this.command = options.command ?? 'scanimage';
    this.env = options.env;
    this.extraOptions = options.extraOptions ?? {};
    this.listTimeoutMs = options.listTimeoutMs ?? DEFAULT_LIST_TIMEOUT_MS;
    this.cancelGraceMs = options.cancelGraceMs ?? DEFAULT_CANCEL_GRACE_MS;
    this.stallMs = options.stallMs ?? DEFAULT_STALL_MS;
    this.tempDir = options.tempDir;
  }

  async list(): Promise<ScannerDevice[]> {
    const result = await this.run(['-f', DEVICE_LIST_FORMAT]);
    if (result.code !== 0) throw new ScannerError(errorCodeFor(result.stderr, result.code), { cause: new Error(result.stderr.trim()) });
    return parseDeviceList(result.stdout);
  }

  async capabilities(deviceId: string): Promise<ScannerCapabilities> {
    return capabilitiesOf(await this.options(deviceId));
  }

  async scan(deviceId: string, settings: ScanSettings, options: ScanOptions): Promise<ScannedPage[]> {
    if (options.signal?.aborted) throw new ScannerError('cancelled');
    const deviceOptions = await this.options(deviceId);
    const dir = await mkdtemp(path.join(this.tempDir ?? tmpdir(), 'lete-scan-'));
    try {
      // scanimage prints each page's file name (--batch-print) only once the file is complete.
      const spec: PageProcessSpec = {
        command: this.command,
        args: this.scanArguments(deviceId, settings, deviceOptions, dir),
        env: this.env,
        pageFile: (line) => line.trim() || null,
        failure: ({ code, stderr }) => (code === 0 ? null : errorCodeFor(stderr, code)),
        // SIGINT lets scanimage tell the device to stop (sane_cancel) and feed out the sheet.
        cancelWith: 'SIGINT',
        cancelGraceMs: this.cancelGraceMs,
        stallMs: this.stallMs,
      };
      return await runPageProcess(spec, settings, options);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private options(deviceId: string): Promise<SaneOptions> {
    let options = this.optionsByDevice.get(deviceId);
    if (!options) {
      options = this.readOptions(deviceId);
      this.optionsByDevice.set(deviceId, options);
      // A device that failed to answer (busy, unplugged) is asked again next time.
      options.catch(() => this.optionsByDevice.delete(deviceId));
    }
    return options;
  }

  private async readOptions(deviceId: string): Promise<SaneOptions> {
    const result = await this.run(['-d', deviceId, '-A']);
    if (result.code !== 0) throw new ScannerError(errorCodeFor(result.stderr, result.code), { cause: new Error(result.stderr.trim()) });
    return parseOptions(result.stdout);
  }

  private async run(args: string[]) {
    try {
      return await runCommand(this.command, args, { env: this.env, timeoutMs: this.listTimeoutMs });
    } catch (error) {
      throw new ScannerError(isNotInstalled(error) ? 'no_scanner' : 'unplugged', { cause: error });
    }
  }

  private scanArguments(deviceId: string, settings: ScanSettings, deviceOptions: SaneOptions, dir: string): string[] {
    // JPEG keeps colour and grey pages small; line art is 1 bit, which only PNG keeps as it is.
    const format = settings.colourMode === 'lineart' ? 'png' : 'jpeg';
    const extension = format === 'png' ? 'png' : 'jpg';
    const source = deviceOptions.sources.get(settings.source);
    const mode = deviceOptions.modes.get(settings.colourMode);
    // On the glass a batch would scan the same sheet again and again.
    const count = settings.source === 'flatbed' ? 1 : settings.maxPages;
    return [
      '-d', deviceId,
      ...(source ? ['--source', source] : []),
      ...(mode ? ['--mode', mode] : []),
      '--resolution', String(settings.resolution),
      `--format=${format}`,
      `--batch=${path.join(dir, `p%04d.${extension}`)}`,
      '--batch-print',
      ...(count === undefined ? [] : [`--batch-count=${count}`]),
      ...Object.entries(this.extraOptions).map(([name, value]) => `--${name}=${value}`),
    ];
  }
}
