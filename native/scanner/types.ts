import { nearestResolution } from './resolutions';

export type BackendKind = 'sane' | 'escl' | 'wia' | 'naps2';
export type ScanSource = 'flatbed' | 'feeder' | 'duplex';
export type ColourMode = 'colour' | 'grey' | 'lineart';

export interface ScannerDevice {
  /** What the backend needs to find the device again: a SANE name, an eSCL URL, a WIA DeviceID. */
  id: string;
  /** For the clerk's list, e.g. "Canon DR-C225". */
  name: string;
  backend: BackendKind;
  /** A second line for telling two alike devices apart (connection, address). */
  detail?: string;
}

export interface ScannerCapabilities {
  sources: ScanSource[];
  colourModes: ColourMode[];
  /** Dots per inch, ascending. */
  resolutions: number[];
}

export interface ScanSettings {
  source: ScanSource;
  colourMode: ColourMode;
  resolution: number;
  /** Stop after this many pages from the feeder; the flatbed always gives one. */
  maxPages?: number | undefined;
}

export interface ScannedPage {
  /** 0-based, in scanning order. */
  index: number;
  mediaType: 'image/jpeg' | 'image/png';
  bytes: Uint8Array;
  width: number;
  height: number;
  /** Dots per inch the image was scanned at, which with width/height gives its paper size. */
  resolution: number;
}

export interface ScanOptions {
  /** Called as each page arrives, so the clerk sees the stack grow. */
  onPage(page: ScannedPage): void;
  signal?: AbortSignal | undefined;
}

export interface ScannerBackend {
  kind: BackendKind;
  list(): Promise<ScannerDevice[]>;
  capabilities(deviceId: string): Promise<ScannerCapabilities>;
  /**
   * Resolves with every page once the scan has ended; rejects with a ScannerError that carries the
   * pages scanned before the failure.
   */
  scan(deviceId: string, settings: ScanSettings, options: ScanOptions): Promise<ScannedPage[]>;
}

export type DocumentKind = 'identity_document' | 'application' | 'photo';

interface Preference {
  sources: ScanSource[];
  colourModes: ColourMode[];
  resolution: number;
}

/** First choice first; the rest are what to fall back to on a device that lacks it. */
const preferences: Record<DocumentKind, Preference> = {
  // A passport or ID card lies on the glass; colour shows the security print, 300 dpi the photo.
  identity_document: { sources: ['flatbed', 'feeder', 'duplex'], colourModes: ['colour', 'grey', 'lineart'], resolution: 300 },
  // A stack of signed pages goes through the feeder; grey at 200 dpi keeps stamps and signatures readable and files small.
  application: { sources: ['feeder', 'duplex', 'flatbed'], colourModes: ['grey', 'colour', 'lineart'], resolution: 200 },
  photo: { sources: ['flatbed', 'feeder', 'duplex'], colourModes: ['colour', 'grey', 'lineart'], resolution: 300 },
};

function firstSupported<T>(preferred: readonly T[], supported: readonly T[]): T {
  const found = preferred.find((value) => supported.includes(value));
  // `preferred` lists every value, so nothing matches only when the device did not say: keep the first choice.
  return found ?? (preferred[0] as T);
}

/** Sensible settings for a kind of document, fitted to what the chosen device can do. */
export function defaultSettings(kind: DocumentKind, capabilities: ScannerCapabilities): ScanSettings {
  const preference = preferences[kind];
  return {
    source: firstSupported(preference.sources, capabilities.sources),
    colourMode: firstSupported(preference.colourModes, capabilities.colourModes),
    resolution: nearestResolution(preference.resolution, capabilities.resolutions),
  };
}
