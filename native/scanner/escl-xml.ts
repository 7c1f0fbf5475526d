import { XMLParser } from 'fast-xml-parser';
import type { ScannerErrorCode } from './errors';
import { resolutionsInRange, tidyResolutions } from './resolutions';
import type { ColourMode, ScannerCapabilities, ScanSource } from './types';

export const SCAN_NS = 'http://schemas.hp.com/imaging/escl/2011/05/03';
export const PWG_NS = 'http://www.pwg.org/schemas/2010/12/sm';

/** eSCL measures the scan area in 1/300 inch whatever the resolution. */
export const ESCL_UNITS_PER_INCH = 300;
export const A4 = { width: 2480, height: 3508 };

export const COLOUR_MODES: Record<ColourMode, string> = { colour: 'RGB24', grey: 'Grayscale8', lineart: 'BlackAndWhite1' };

/** Elements that may repeat; the parser makes them arrays even when a device sends one. */
const REPEATED = new Set(['ColorMode', 'DiscreteResolution', 'SettingProfile', 'DocumentFormat', 'DocumentFormatExt', 'JobInfo']);

// Namespace prefixes differ between devices (scan:, pwg:, none); only local names are compared.
const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  parseTagValue: false,
  isArray: (name) => REPEATED.has(name),
});

type Node = Record<string, unknown>;

function child(node: unknown, name: string): Node | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const value = (node as Node)[name];
  return typeof value === 'object' && value !== null ? (value as Node) : undefined;
}

function children(node: unknown, name: string): unknown[] {
  if (typeof node !== 'object' || node === null) return [];
  const value = (node as Node)[name];
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function text(node: unknown, name: string): string | null {
  if (typeof node !== 'object' || node === null) return null;
  const found = (node as Node)[name];
  // pwg:InputSource and scan:InputSource both sent come out as two values of InputSource.
  const value: unknown = Array.isArray(found) ? found[0] : found;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

function number(node: unknown, name: string): number {
  return Number(text(node, name) ?? NaN);
}

export interface EsclSourceCapabilities {
  /** In 1/300 inch; 0 when the device does not say. */
  maxWidth: number;
  maxHeight: number;
  colourModes: ColourMode[];
  resolutions: number[];
  formats: string[];
}

export interface EsclCapabilities {
  makeAndModel: string | null;
  platen: EsclSourceCapabilities | null;
  adfSimplex: EsclSourceCapabilities | null;
  adfDuplex: EsclSourceCapabilities | null;
}

function sourceCapabilities(caps: Node | undefined): EsclSourceCapabilities | null {
  if (!caps) return null;
  const colourModes = new Set<ColourMode>();
  const resolutions: number[] = [];
  const formats = new Set<string>();
  for (const profile of children(child(caps, 'SettingProfiles'), 'SettingProfile')) {
    for (const mode of children(child(profile, 'ColorModes'), 'ColorMode')) {
      const ours = (Object.keys(COLOUR_MODES) as ColourMode[]).find((key) => COLOUR_MODES[key] === mode);
      if (ours) colourModes.add(ours);
    }
    const documentFormats = child(profile, 'DocumentFormats');
    for (const format of [...children(documentFormats, 'DocumentFormat'), ...children(documentFormats, 'DocumentFormatExt')]) {
      if (typeof format === 'string') formats.add(format);
    }
    const supported = child(profile, 'SupportedResolutions');
    for (const discrete of children(child(supported, 'DiscreteResolutions'), 'DiscreteResolution')) {
      const x = number(discrete, 'XResolution');
      // A resolution with different x and y would stretch the page.
      if (x === number(discrete, 'YResolution')) resolutions.push(x);
    }
    const range = child(child(supported, 'ResolutionRange'), 'XResolutionRange');
    if (range) resolutions.push(...resolutionsInRange(number(range, 'Min'), number(range, 'Max'), number(range, 'Step') || 1));
  }
  const order: ColourMode[] = ['colour', 'grey', 'lineart'];
  return {
    maxWidth: number(caps, 'MaxWidth') || 0,
    maxHeight: number(caps, 'MaxHeight') || 0,
    colourModes: order.filter((mode) => colourModes.has(mode)),
    resolutions: tidyResolutions(resolutions),
    formats: [...formats],
  };
}

export function parseCapabilities(xml: string): EsclCapabilities {
  const root = child(parser.parse(xml), 'ScannerCapabilities');
  if (!root) throw new Error('Not an eSCL ScannerCapabilities document');
  const adf = child(root, 'Adf');
  return {
    makeAndModel: text(root, 'MakeAndModel'),
    platen: sourceCapabilities(child(child(root, 'Platen'), 'PlatenInputCaps')),
    adfSimplex: sourceCapabilities(child(adf, 'AdfSimplexInputCaps')),
    adfDuplex: sourceCapabilities(child(adf, 'AdfDuplexInputCaps')),
  };
}

/** The input a source scans from; a duplex-only feeder description is rare but does occur. */
export function capabilitiesFor(caps: EsclCapabilities, source: ScanSource): EsclSourceCapabilities | null {
  if (source === 'flatbed') return caps.platen;
  if (source === 'feeder') return caps.adfSimplex;
  return caps.adfDuplex;
}

export function toScannerCapabilities(caps: EsclCapabilities): ScannerCapabilities {
  const sources = (['flatbed', 'feeder', 'duplex'] as const).filter((source) => capabilitiesFor(caps, source) !== null);
  const all = sources.map((source) => capabilitiesFor(caps, source)).filter((source) => source !== null);
  const modes = new Set(all.flatMap((source) => source.colourModes));
  return {
    sources,
    colourModes: (['colour', 'grey', 'lineart'] as const).filter((mode) => modes.has(mode)),
    resolutions: tidyResolutions(all.flatMap((source) => source.resolutions)),
  };
}

export interface EsclStatus {
  /** pwg:State: Idle, Processing, Testing, Stopped, Down. */
  state: string | null;
  /** scan:AdfState, e.g. ScannerAdfLoaded, ScannerAdfEmpty, ScannerAdfJam, ScannerAdfHatchOpen. */
  adfState: string | null;
}

export function parseStatus(xml: string): EsclStatus {
  const root = child(parser.parse(xml), 'ScannerStatus');
  if (!root) throw new Error('Not an eSCL ScannerStatus document');
  return { state: text(root, 'State'), adfState: text(root, 'AdfState') };
}

const ADF_PROBLEMS: Record<string, ScannerErrorCode> = {
  ScannerAdfEmpty: 'feeder_empty',
  ScannerAdfJam: 'jammed',
  ScannerAdfMispick: 'jammed',
  ScannerAdfMultipickDetected: 'jammed',
  ScannerAdfHatchOpen: 'cover_open',
  // sane-airscan's spelling, seen on some devices.
  ScannerAdfDoorOpen: 'cover_open',
};

/**
 * Why the scanner refused or stopped, read from its status. The feeder's state only counts when
 * scanning from it: an empty feeder does not stop a scan from the glass.
 */
export function problemOf(status: EsclStatus, fromFeeder: boolean): ScannerErrorCode | null {
  const adfProblem = status.adfState === null ? undefined : ADF_PROBLEMS[status.adfState];
  if (fromFeeder && adfProblem) return adfProblem;
  if (status.state === 'Processing' || status.state === 'Testing') return 'busy';
  if (status.state === 'Stopped' || status.state === 'Down') return 'failed';
  return null;
}

export interface ScanRequest {
  source: ScanSource;
  colourMode: ColourMode;
  resolution: number;
  format: string;
  /** Scan area in 1/300 inch. */
  width: number;
  height: number;
}

/** The scan:ScanSettings body of POST ScanJobs, elements in the order devices are known to accept. */
export function scanSettingsXml(request: ScanRequest): string {
  const feeder = request.source !== 'flatbed';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<scan:ScanSettings xmlns:scan="${SCAN_NS}" xmlns:pwg="${PWG_NS}">`,
    '<pwg:Version>2.0</pwg:Version>',
    '<pwg:ScanRegions><pwg:ScanRegion>',
    '<pwg:ContentRegionUnits>escl:ThreeHundredthsOfInches</pwg:ContentRegionUnits>',
    '<pwg:XOffset>0</pwg:XOffset><pwg:YOffset>0</pwg:YOffset>',
    `<pwg:Width>${Math.round(request.width)}</pwg:Width><pwg:Height>${Math.round(request.height)}</pwg:Height>`,
    '</pwg:ScanRegion></pwg:ScanRegions>',
    `<pwg:InputSource>${feeder ? 'Feeder' : 'Platen'}</pwg:InputSource>`,
    `<scan:ColorMode>${COLOUR_MODES[request.colourMode]}</scan:ColorMode>`,
    `<pwg:DocumentFormat>${request.format}</pwg:DocumentFormat>`,
    `<scan:DocumentFormatExt>${request.format}</scan:DocumentFormatExt>`,
    `<scan:XResolution>${request.resolution}</scan:XResolution>`,
    `<scan:YResolution>${request.resolution}</scan:YResolution>`,
    ...(feeder ? [`<scan:Duplex>${request.source === 'duplex'}</scan:Duplex>`] : []),
    '</scan:ScanSettings>',
  ].join('\n');
}

/** What the server side needs from a ScanSettings body; either spelling of InputSource is accepted. */
export interface ParsedScanSettings {
  inputSource: string;
  duplex: boolean;
  colorMode: string;
  resolution: number;
  /** 1/300 inch, or null when the client asked for the whole area. */
  width: number | null;
  height: number | null;
}

export function parseScanSettings(xml: string): ParsedScanSettings {
  const root = child(parser.parse(xml), 'ScanSettings');
  if (!root) throw new Error('Not an eSCL ScanSettings document');
  const region = child(child(root, 'ScanRegions'), 'ScanRegion');
  const width = number(region, 'Width');
  const height = number(region, 'Height');
  return {
    inputSource: text(root, 'InputSource') ?? 'Platen',
    duplex: text(root, 'Duplex') === 'true',
    colorMode: text(root, 'ColorMode') ?? 'RGB24',
    resolution: number(root, 'XResolution') || 300,
    width: width > 0 ? width : null,
    height: height > 0 ? height : null,
  };
}
