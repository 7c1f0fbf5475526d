import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ScannerError, type ScannerErrorCode } from './errors';
import { runPageProcess, type PageProcessSpec } from './page-process';
import { isNotInstalled, runCommand } from './process';
import { resolutionsInRange, tidyResolutions } from './resolutions';
import type { ColourMode, ScanOptions, ScannedPage, ScannerBackend, ScannerCapabilities, ScannerDevice, ScanSettings, ScanSource } from './types';

/** WIA image formats (wiaFormatJPEG, wiaFormatPNG). */
const FORMATS = {
  jpeg: '{B96B3CAE-0728-11D3-9D7B-0000F81EF32E}',
  png: '{B96B3CAF-0728-11D3-9D7B-0000F81EF32E}',
};

/** WIA_DPS_DOCUMENT_HANDLING_SELECT / _CAPABILITIES flags. */
const FEEDER = 0x1;
const FLATBED = 0x2;
const DUPLEX = 0x4;

/** WIA_IPS_CUR_INTENT: the driver picks bit depth and data type to match. */
const INTENTS: Record<ColourMode, number> = { colour: 1, grey: 2, lineart: 4 };

/** HRESULTs of WIA (wia.h, WIA_ERROR_*), as the scripts print them. */
const WIA_ERRORS: Record<string, ScannerErrorCode> = {
  '80210002': 'jammed', // PAPER_JAM
  '80210003': 'feeder_empty', // PAPER_EMPTY
  '80210004': 'jammed', // PAPER_PROBLEM
  '80210005': 'unplugged', // OFFLINE
  '80210006': 'busy', // BUSY
  '80210007': 'busy', // WARMING_UP
  '80210009': 'unplugged', // ITEM_DELETED
  '8021000A': 'unplugged', // DEVICE_COMMUNICATION
  '8021000D': 'busy', // DEVICE_LOCKED
  '80210015': 'unplugged', // WIA_S_NO_DEVICE_AVAILABLE
  '80210016': 'cover_open', // COVER_OPEN
  '800704C7': 'cancelled', // ERROR_CANCELLED
};

/**
 * A PowerShell string literal. PowerShell also ends single-quoted strings at typographic quotes,
 * which a device name may contain, so those are doubled too.
 */
export function psString(value: string): string {
  return `'${value.replace(/['‘’‚‛]/gu, (quote) => quote + quote)}'`;
}

/** Arguments that run a script without a profile, prompts or quoting trouble. */
export function powershellArgs(script: string): string[] {
  return ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', Buffer.from(script, 'utf16le').toString('base64')];
}

// Each script prints its results as lines: "DEVICES <json>", "CAPABILITIES <json>", "PAGE <path>",
// or "ERROR <hresult> <message>"; a COM error is unwrapped to the HRESULT the driver gave.
const PRELUDE = `$ErrorActionPreference = 'Stop'
[Console]::OutputEncoding = [System.Text.Encoding]::UTF8
function Write-Failure($failure) {
  $e = $failure.Exception
  while ($e.InnerException) { $e = $e.InnerException }
  Write-Output ('ERROR {0:X8} {1}' -f $e.HResult, $e.Message)
}
function Connect-Scanner($id) {
  $manager = New-Object -ComObject WIA.DeviceManager
  foreach ($info in $manager.DeviceInfos) { if ($info.DeviceID -eq $id) { return $info.Connect() } }
  Write-Output 'ERROR 80210015 not connected'
  exit 1
}
`;

export function wiaListScript(): string {
  return `${PRELUDE}
try {
  $manager = New-Object -ComObject WIA.DeviceManager
  $devices = @()
  foreach ($info in $manager.DeviceInfos) {
    if ($info.Type -eq 1) {
      $devices += [pscustomobject]@{ id = $info.DeviceID; name = $info.Properties.Item('Name').Value; manufacturer = $info.Properties.Item('Manufacturer').Value }
    }
  }
  Write-Output ('DEVICES ' + (ConvertTo-Json -InputObject $devices -Compress))
} catch { Write-Failure $_; exit 1 }
`;
}

export function wiaCapabilitiesScript(deviceId: string): string {
  return `${PRELUDE}
try {
  $device = Connect-Scanner ${psString(deviceId)}
  $handling = ${FLATBED}
  foreach ($p in $device.Properties) { if ($p.PropertyID -eq 3086) { $handling = [int]$p.Value } }
  $out = [ordered]@{ handling = $handling; resolutions = @(); min = 0; max = 0; step = 0 }
  foreach ($p in $device.Items.Item(1).Properties) {
    if ($p.PropertyID -eq 6147) {
      if ($p.SubType -eq 2) { $out.resolutions = @($p.SubTypeValues | ForEach-Object { [int]$_ }) }
      elseif ($p.SubType -eq 1) { $out.min = [int]$p.SubTypeMin; $out.max = [int]$p.SubTypeMax; $out.step = [int]$p.SubTypeStep }
      else { $out.resolutions = @([int]$p.Value) }
    }
  }
  Write-Output ('CAPABILITIES ' + (ConvertTo-Json -InputObject $out -Compress))
} catch { Write-Failure $_; exit 1 }
`;
}

const HANDLING: Record<ScanSource, number> = { flatbed: FLATBED, feeder: FEEDER, duplex: FEEDER | DUPLEX };

/**
 * Scans without WIA's dialogs: Items(1).Transfer(format) once a page, until the feeder reports
 * PAPER_EMPTY (after at least one page: the end of the stack), the limit, or one page on the glass.
 */
export function wiaScanScript(deviceId: string, settings: ScanSettings, dir: string): string {
  const png = settings.colourMode === 'lineart';
  const format = png ? FORMATS.png : FORMATS.jpeg;
  const limit = settings.source === 'flatbed' ? 1 : (settings.maxPages ?? 0);
  return `${PRELUDE}
try {
  $device = Connect-Scanner ${psString(deviceId)}
  foreach ($p in $device.Properties) {
    if ($p.PropertyID -eq 3088) { $p.Value = ${HANDLING[settings.source]} }
    if ($p.PropertyID -eq 3096) { $p.Value = 1 }
  }
  $item = $device.Items.Item(1)
  foreach ($p in $item.Properties) { if ($p.PropertyID -eq 6146) { $p.Value = ${INTENTS[settings.colourMode]} } }
  foreach ($p in $item.Properties) { if ($p.PropertyID -eq 6147 -or $p.PropertyID -eq 6148) { $p.Value = ${Math.round(settings.resolution)} } }
  $format = '${format}'
  $page = 0
  while ($true) {
    try { $image = $item.Transfer($format) }
    catch {
      $e = $_.Exception
      while ($e.InnerException) { $e = $e.InnerException }
      if ($page -gt 0 -and ('{0:X8}' -f $e.HResult) -eq '80210003') { break }
      throw
    }
    if ($image.FormatID -ne $format) {
      $process = New-Object -ComObject WIA.ImageProcess
      $process.Filters.Add($process.FilterInfos.Item('Convert').FilterID)
      $process.Filters.Item(1).Properties.Item('FormatID').Value = $format
      $image = $process.Apply($image)
    }
    $file = Join-Path ${psString(dir)} ('p{0:D4}.${png ? 'png' : 'jpg'}' -f $page)
    $image.SaveFile($file)
    Write-Output "PAGE $file"
    $page++
    if (${limit} -gt 0 -and $page -ge ${limit}) { break }
  }
} catch { Write-Failure $_; exit 1 }
`;
}

function tagged(stdout: string, tag: string): string | null {
  const line = stdout.split(/\r?\n/u).find((candidate) => candidate.startsWith(`${tag} `));
  return line === undefined ? null : line.slice(tag.length + 1);
}

/** The ScannerErrorCode of a script's "ERROR <hresult>" line, or null when it printed none. */
export function wiaFailure(lines: readonly string[]): ScannerErrorCode | null {
  const error = lines.map((line) => /^ERROR ([0-9A-F]{8})/u.exec(line.trim())).find((match) => match !== null);
  if (!error?.[1]) return null;
  return WIA_ERRORS[error[1]] ?? 'failed';
}

export function parseWiaDevices(stdout: string): ScannerDevice[] {
  const json = tagged(stdout, 'DEVICES');
  if (json === null) return [];
  const devices = JSON.parse(json) as { id: string; name: string | null; manufacturer: string | null }[];
  return devices.map((device) => ({
    id: device.id,
    name: device.name ?? device.id,
    backend: 'wia' as const,
    ...(device.manufacturer ? { detail: `${device.manufacturer} (WIA)` } : { detail: 'WIA' }),
  }));
}

export function parseWiaCapabilities(stdout: string): ScannerCapabilities {
  const json = tagged(stdout, 'CAPABILITIES');
  if (json === null) throw new Error('No CAPABILITIES line in the WIA script output');
  const caps = JSON.parse(json) as { handling: number; resolutions: number[]; min: number; max: number; step: number };
  const sources: ScanSource[] = [];
  if (caps.handling & FLATBED) sources.push('flatbed');
  if (caps.handling & FEEDER) sources.push('feeder');
  if (caps.handling & DUPLEX) sources.push('duplex');
  return {
    sources,
    // Every WIA scanner takes the three intents; the driver does the conversion if it must.
    colourModes: ['colour', 'grey', 'lineart'],
    resolutions: caps.max > 0 ? resolutionsInRange(caps.min, caps.max, caps.step) : tidyResolutions(caps.resolutions),
  };
}

export interface WiaBackendOptions {
  /** powershell.exe (Windows PowerShell 5.1 has COM; pwsh on Windows does too). */
  command?: string;
  timeoutMs?: number;
  cancelGraceMs?: number;
  tempDir?: string;
}

/** Windows Image Acquisition through PowerShell's COM bridge: present on every Windows desk. */
export class WiaBackend implements ScannerBackend {
  readonly kind = 'wia' as const;
  private readonly command: string;
  private readonly timeoutMs: number;
  private readonly cancelGraceMs: number;
  private readonly tempDir: string | undefined;

  constructor(options: WiaBackendOptions = {}) {
    this.command = options.command ?? 'powershell.exe';
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.cancelGraceMs = options.cancelGraceMs ?? 2_000;
    this.tempDir = options.tempDir;
  }

  async list(): Promise<ScannerDevice[]> {
    return parseWiaDevices(await this.run(wiaListScript()));
  }

  async capabilities(deviceId: string): Promise<ScannerCapabilities> {
    return parseWiaCapabilities(await this.run(wiaCapabilitiesScript(deviceId)));
  }

  async scan(deviceId: string, settings: ScanSettings, options: ScanOptions): Promise<ScannedPage[]> {
    if (options.signal?.aborted) throw new ScannerError('cancelled');
    const dir = await mkdtemp(path.join(this.tempDir ?? tmpdir(), 'lete-scan-'));
    try {
      const spec: PageProcessSpec = {
        command: this.command,
        args: powershellArgs(wiaScanScript(deviceId, settings, dir)),
        pageFile: (line) => (line.startsWith('PAGE ') ? line.slice(5).trim() : null),
        failure: ({ code, lines }) => wiaFailure(lines) ?? (code === 0 ? null : 'failed'),
        // A COM call cannot be interrupted from outside; ending PowerShell releases the device.
        cancelWith: 'SIGTERM',
        cancelGraceMs: this.cancelGraceMs,
      };
      return await runPageProcess(spec, settings, options);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private async run(script: string): Promise<string> {
    let result;
    try {
      result = await runCommand(this.command, powershellArgs(script), { timeoutMs: this.timeoutMs });
    } catch (error) {
      throw new ScannerError(isNotInstalled(error) ? 'no_scanner' : 'unplugged', { cause: error });
    }
    const failure = wiaFailure(result.stdout.split(/\r?\n/u));
    if (failure !== null || result.code !== 0) throw new ScannerError(failure ?? 'failed', { cause: new Error(`${result.stdout}\n${result.stderr}`.trim()) });
    return result.stdout;
  }
}
