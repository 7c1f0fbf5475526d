import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ScannerError, type ScannerErrorCode } from './errors';
import { imageInfo } from './image';
import { isNotInstalled, runCommand } from './process';
import type { ScanOptions, ScannedPage, ScannerBackend, ScannerCapabilities, ScannerDevice, ScanSettings } from './types';

/** The NAPS2 drivers worth offering on a Windows desk: TWAIN reaches scanners WIA does not. */
export type Naps2Driver = 'wia' | 'twain';
const DRIVERS: readonly Naps2Driver[] = ['wia', 'twain'];

export const DEFAULT_NAPS2_CONSOLE = 'C:\\Program Files\\NAPS2\\NAPS2.Console.exe';

/** A device id carries its driver, since the same scanner can show up under both. */
export function naps2DeviceId(driver: Naps2Driver, name: string): string {
  return `${driver}:${name}`;
}

export function parseNaps2DeviceId(id: string): { driver: Naps2Driver; name: string } {
  const colon = id.indexOf(':');
  const driver = id.slice(0, colon);
  if (colon === -1 || !DRIVERS.includes(driver as Naps2Driver)) throw new ScannerError('failed', { cause: new Error(`Not a NAPS2 device id: ${id}`) });
  return { driver: driver as Naps2Driver, name: id.slice(colon + 1) };
}

export function naps2ListArgs(driver: Naps2Driver): string[] {
  return ['--listdevices', '--driver', driver];
}

/** `--listdevices` prints one device name a line and nothing else. */
export function parseNaps2Devices(stdout: string, driver: Naps2Driver): ScannerDevice[] {
  return stdout
    .split(/\r?\n/u)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((name) => ({ id: naps2DeviceId(driver, name), name, backend: 'naps2' as const, detail: `NAPS2, ${driver.toUpperCase()}` }));
}

const SOURCES = { flatbed: 'glass', feeder: 'feeder', duplex: 'duplex' } as const;
const BIT_DEPTHS = { colour: 'color', grey: 'gray', lineart: 'bw' } as const;

/** The file pattern NAPS2 numbers pages into ($(nnnn): 0001, 0002, …). */
export function naps2OutputPattern(dir: string, settings: ScanSettings): string {
  return path.join(dir, `p$(nnnn).${settings.colourMode === 'lineart' ? 'png' : 'jpg'}`);
}

export function naps2ScanArgs(deviceId: string, settings: ScanSettings, output: string): string[] {
  const { driver, name } = parseNaps2DeviceId(deviceId);
  return [
    '-o', output,
    // Defaults, not whatever profile the NAPS2 window last used.
    '--noprofile',
    '--driver', driver,
    '--device', name,
    '--source', SOURCES[settings.source],
    '--dpi', String(Math.round(settings.resolution)),
    '--bitdepth', BIT_DEPTHS[settings.colourMode],
    '--pagesize', 'a4',
    '--jpegquality', '85',
    '--force',
    '--verbose',
  ];
}

/**
 * NAPS2's device errors (SdkResources) as the console prints them, in English and in Latvian:
 * NAPS2 speaks the language of the Windows it runs on.
 */
const MESSAGES: { code: ScannerErrorCode; texts: string[] }[] = [
  { code: 'feeder_empty', texts: ['No pages are in the feeder.', 'Padevē nav lapu.'] },
  { code: 'jammed', texts: ['The scanner has a paper jam.', 'Skenerī ir iesprūdis papīrs.'] },
  { code: 'cover_open', texts: ["The scanner's cover is open.", 'Skenera vāks ir atvērts.'] },
  { code: 'busy', texts: ['The selected scanner is busy.', 'Izvēlētais skeneris ir aizņemts.', 'The scanner is warming up.', 'Skeneris uzsilst.'] },
  {
    code: 'unplugged',
    texts: [
      'The selected scanner is offline.',
      'Izvēlētais skeneris ir bezsaistē.',
      'Communication with the scanning device was interrupted.',
      'Pārtrūka sakari ar skenēšanas ierīci.',
      'The selected scanner could not be found.',
      'Izvēlēto skeneri nevar atrast.',
    ],
  },
  { code: 'no_scanner', texts: ['No scanning device was found.', 'Netika atrasta skenēšanas ierīce.'] },
];

/** What a NAPS2 console run's output and exit code (1 after any error) mean; null for success. */
export function naps2Failure(stdout: string, exitCode: number | null): ScannerErrorCode | null {
  const known = MESSAGES.find(({ texts }) => texts.some((text) => stdout.includes(text)));
  if (known) return known.code;
  return exitCode === 0 ? null : 'failed';
}

export interface Naps2BackendOptions {
  /** Path of NAPS2.Console.exe. */
  command?: string;
  /** How long a whole batch may take; NAPS2 writes the pages only at the end. */
  scanTimeoutMs?: number;
  listTimeoutMs?: number;
  tempDir?: string;
}

/**
 * The NAPS2 console, where installed: it drives TWAIN scanners that have no WIA driver. It saves
 * the pages when the batch is over, so onPage is called for all of them at the end.
 */
export class Naps2Backend implements ScannerBackend {
  readonly kind = 'naps2' as const;
  private readonly command: string;
  private readonly scanTimeoutMs: number;
  private readonly listTimeoutMs: number;
  private readonly tempDir: string | undefined;

  constructor(options: Naps2BackendOptions = {}) {
    this.command = options.command ?? DEFAULT_NAPS2_CONSOLE;
    this.scanTimeoutMs = options.scanTimeoutMs ?? 30 * 60_000;
    this.listTimeoutMs = options.listTimeoutMs ?? 60_000;
    this.tempDir = options.tempDir;
  }

  async list(): Promise<ScannerDevice[]> {
    const lists = await Promise.all(
      DRIVERS.map(async (driver) => {
        const result = await this.run(naps2ListArgs(driver), this.listTimeoutMs);
        // A driver that fails to enumerate (no TWAIN sources installed) has no devices to offer.
        return result.code === 0 ? parseNaps2Devices(result.stdout, driver) : [];
      }),
    );
    return lists.flat();
  }

  /** NAPS2 has no way to ask; it adapts settings to the device itself, so everything is offered. */
  async capabilities(_deviceId: string): Promise<ScannerCapabilities> {
    return { sources: ['flatbed', 'feeder', 'duplex'], colourModes: ['colour', 'grey', 'lineart'], resolutions: [100, 150, 200, 300, 400, 600] };
  }

  async scan(deviceId: string, settings: ScanSettings, options: ScanOptions): Promise<ScannedPage[]> {
    if (options.signal?.aborted) throw new ScannerError('cancelled');
    const dir = await mkdtemp(path.join(this.tempDir ?? tmpdir(), 'lete-scan-'));
    try {
      const result = await this.run(naps2ScanArgs(deviceId, settings, naps2OutputPattern(dir, settings)), this.scanTimeoutMs, options.signal);
      // A jam keeps the pages before it: NAPS2 still saves what it got.
      const files = (await readdir(dir)).sort();
      const limit = settings.source === 'flatbed' ? 1 : (settings.maxPages ?? files.length);
      const pages: ScannedPage[] = [];
      for (const file of files.slice(0, limit)) {
        const bytes = new Uint8Array(await readFile(path.join(dir, file)));
        const info = imageInfo(bytes);
        const page: ScannedPage = { index: pages.length, mediaType: info.mediaType, bytes, width: info.width, height: info.height, resolution: info.resolution ?? settings.resolution };
        pages.push(page);
        options.onPage(page);
      }
      const failure = naps2Failure(result.stdout, result.code);
      if (failure === null || (failure === 'feeder_empty' && pages.length > 0)) return pages;
      throw new ScannerError(failure, { pages, cause: new Error(result.stdout.trim()) });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private async run(args: string[], timeoutMs: number, signal?: AbortSignal) {
    try {
      return await runCommand(this.command, args, { timeoutMs, signal });
    } catch (error) {
      if (signal?.aborted) throw new ScannerError('cancelled');
      throw new ScannerError(isNotInstalled(error) ? 'no_scanner' : 'failed', { cause: error });
    }
  }
}
