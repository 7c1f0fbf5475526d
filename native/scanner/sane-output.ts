import type { ScannerErrorCode } from './errors';
import { resolutionsInRange, tidyResolutions } from './resolutions';
import type { ColourMode, ScannerCapabilities, ScannerDevice, ScanSource } from './types';

/** `scanimage -f` format: one device a line, fields split by tabs (which SANE names do not contain). */
export const DEVICE_LIST_FORMAT = '%d\t%v\t%m\t%t%n';

export function parseDeviceList(stdout: string): ScannerDevice[] {
  return stdout
    .split('\n')
    .filter((line) => line.includes('\t'))
    .map((line) => {
      const [id = '', vendor = '', model = '', type = ''] = line.split('\t');
      const name = [vendor, model].filter((part) => part && part.toLowerCase() !== 'noname').join(' ') || id;
      return { id, name, backend: 'sane' as const, detail: type ? `${type} (${id})` : id };
    });
}

/** A device's own names for what we offer the clerk, as `scanimage -A` lists them. */
export interface SaneOptions {
  sources: Map<ScanSource, string>;
  modes: Map<ColourMode, string>;
  resolutions: number[];
}

/** "--source Flatbed|ADF [Flatbed]" → ["source", "Flatbed|ADF"]; the last bracket is the current value. */
function optionLine(line: string): [string, string] | null {
  const match = /^\s+--([a-z][a-z0-9-]*)\s+(.*)$/u.exec(line);
  if (!match?.[1] || match[2] === undefined) return null;
  const rest = match[2];
  const current = rest.lastIndexOf(' [');
  return [match[1], current === -1 ? rest : rest.slice(0, current)];
}

function sourceOf(name: string): ScanSource | null {
  // The back side alone, film and slide units are not what a desk scans documents with.
  if (/back|film|slide|negative|transparen|tma/iu.test(name)) return null;
  if (/duplex|both sides|two.?sided/iu.test(name)) return 'duplex';
  if (/adf|feeder|automatic|front/iu.test(name)) return 'feeder';
  if (/flatbed|platen|glass|document table|normal/iu.test(name)) return 'flatbed';
  return null;
}

function modeOf(name: string): ColourMode | null {
  // Dithered modes look like grey on the screen but are unreadable once compressed.
  if (/halftone|dither|diffusion/iu.test(name)) return null;
  if (/lineart|binary|black\s*(&|and)\s*white|b&w|monochrome|^bw$/iu.test(name)) return 'lineart';
  if (/colou?r/iu.test(name)) return 'colour';
  if (/gr[ae]y/iu.test(name)) return 'grey';
  return null;
}

function firstOfEach<T>(names: readonly string[], classify: (name: string) => T | null): Map<T, string> {
  const found = new Map<T, string>();
  for (const name of names) {
    const ours = classify(name);
    if (ours !== null && !found.has(ours)) found.set(ours, name);
  }
  return found;
}

function parseResolutions(constraint: string): number[] {
  const range = /^(\d+(?:\.\d+)?)\.\.(\d+(?:\.\d+)?)\s*(?:dpi)?(?:\s*\(in steps of (\d+(?:\.\d+)?)\))?/u.exec(constraint);
  if (range) return resolutionsInRange(Number(range[1]), Number(range[2]), Number(range[3] ?? 1));
  return tidyResolutions(constraint.replace(/dpi$/u, '').split('|').map(Number));
}

/** Reads `scanimage -d DEV -A`. A device without a --source option has only its glass. */
export function parseOptions(stdout: string): SaneOptions {
  let sources: string[] = [];
  let modes: string[] = [];
  let resolutions: number[] = [];
  for (const line of stdout.split('\n')) {
    const option = optionLine(line);
    if (!option) continue;
    const [name, constraint] = option;
    if (name === 'source') sources = constraint.split('|');
    if (name === 'mode') modes = constraint.split('|');
    if (name === 'resolution') resolutions = parseResolutions(constraint);
  }
  return { sources: firstOfEach(sources, sourceOf), modes: firstOfEach(modes, modeOf), resolutions };
}

const SOURCE_ORDER: ScanSource[] = ['flatbed', 'feeder', 'duplex'];
const MODE_ORDER: ColourMode[] = ['colour', 'grey', 'lineart'];

export function capabilitiesOf(options: SaneOptions): ScannerCapabilities {
  return {
    sources: options.sources.size === 0 ? ['flatbed'] : SOURCE_ORDER.filter((source) => options.sources.has(source)),
    colourModes: MODE_ORDER.filter((mode) => options.modes.has(mode)),
    resolutions: options.resolutions,
  };
}

/**
 * SANE's status strings (sane_strstatus) as scanimage prints them, and the same statuses as its
 * exit code, which is the SANE_Status number.
 */
const statuses: { code: ScannerErrorCode; exit: number; text: RegExp }[] = [
  { code: 'cancelled', exit: 2, text: /Operation was cancell?ed/u },
  { code: 'busy', exit: 3, text: /Device busy/u },
  { code: 'jammed', exit: 6, text: /Document feeder jammed/u },
  { code: 'feeder_empty', exit: 7, text: /Document feeder out of documents/u },
  { code: 'cover_open', exit: 8, text: /Scanner cover is open/u },
  { code: 'unplugged', exit: 9, text: /Error during device I\/O/u },
];

/** What a failed scanimage run means for the clerk. */
export function errorCodeFor(stderr: string, exitCode: number | null): ScannerErrorCode {
  const byText = statuses.find((status) => status.text.test(stderr));
  if (byText) return byText.code;
  // The device named is no longer there (unplugged since it was listed).
  if (/open of device .* failed: Invalid argument/u.test(stderr)) return 'unplugged';
  return statuses.find((status) => status.exit === exitCode)?.code ?? 'failed';
}
