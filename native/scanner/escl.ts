import { setTimeout as sleep } from 'node:timers/promises';
import { asScannerError, ScannerError, type ScannerErrorCode } from './errors';
import { A4, capabilitiesFor, parseCapabilities, parseStatus, problemOf, scanSettingsXml, toScannerCapabilities, type EsclCapabilities } from './escl-xml';
import { imageInfo } from './image';
import type { ScanOptions, ScannedPage, ScannerBackend, ScannerCapabilities, ScannerDevice, ScanSettings } from './types';

export interface BusyRetry {
  /** How many 503 answers in a row to wait out before telling the clerk the scanner is busy. */
  attempts: number;
  /** The first wait; each next one doubles, up to maxDelayMs. */
  delayMs: number;
  maxDelayMs: number;
}

export interface EsclBackendOptions {
  /** Device URLs the clerk added, e.g. http://192.168.1.20/eSCL. */
  urls: readonly string[];
  /** For capabilities, status, starting and cancelling a job. */
  requestTimeoutMs?: number;
  /** A device may hold the answer until the sheet has gone through, slowly at high resolution. */
  pageTimeoutMs?: number;
  busyRetry?: BusyRetry;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
const DEFAULT_PAGE_TIMEOUT_MS = 120_000;
const DEFAULT_BUSY_RETRY: BusyRetry = { attempts: 8, delayMs: 500, maxDelayMs: 4_000 };

interface Answer {
  status: number;
  location: string | null;
  body: Uint8Array;
}

/** Failures after which the job is over on the device's side, so there is nothing to cancel. */
const JOB_ALREADY_OVER: readonly ScannerErrorCode[] = ['unplugged', 'jammed', 'feeder_empty', 'cover_open'];

/** Without a trailing slash, which is how device ids are compared. */
function normalise(url: string): string {
  return url.replace(/\/+$/u, '');
}

/** Driverless network scanners (eSCL, also called AirScan or AirPrint scanning), over HTTP. */
export class EsclBackend implements ScannerBackend {
  readonly kind = 'escl' as const;
  private readonly urls: readonly string[];
  private readonly requestTimeoutMs: number;
  private readonly pageTimeoutMs: number;
  private readonly busyRetry: BusyRetry;

  constructor(options: EsclBackendOptions) {
    this.urls = options.urls.map(normalise);
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.pageTimeoutMs = options.pageTimeoutMs ?? DEFAULT_PAGE_TIMEOUT_MS;
    this.busyRetry = options.busyRetry ?? DEFAULT_BUSY_RETRY;
  }

  /** The added scanners that answer now; one switched off is left out rather than failing the list. */
  async list(): Promise<ScannerDevice[]> {
    const found = await Promise.all(
      this.urls.map(async (url): Promise<ScannerDevice | null> => {
        try {
          const caps = await this.readCapabilities(url);
          return { id: url, name: caps.makeAndModel ?? new URL(url).host, backend: 'escl', detail: url };
        } catch {
          return null;
        }
      }),
    );
    return found.filter((device) => device !== null);
  }

  async capabilities(deviceId: string): Promise<ScannerCapabilities> {
    return toScannerCapabilities(await this.readCapabilities(normalise(deviceId)));
  }

  async scan(deviceId: string, settings: ScanSettings, options: ScanOptions): Promise<ScannedPage[]> {
    const { signal } = options;
    if (signal?.aborted) throw new ScannerError('cancelled');
    const base = normalise(deviceId);
    const source = capabilitiesFor(await this.readCapabilities(base, signal), settings.source);
    if (!source) throw new ScannerError('failed', { cause: new Error(`The scanner has no ${settings.source}`) });
    const format = source.formats.includes('image/jpeg') || !source.formats.includes('image/png') ? 'image/jpeg' : 'image/png';
    const job = await this.createJob(
      base,
      scanSettingsXml({
        source: settings.source,
        colourMode: settings.colourMode,
        resolution: settings.resolution,
        format,
        width: source.maxWidth > 0 ? Math.min(A4.width, source.maxWidth) : A4.width,
        height: source.maxHeight > 0 ? Math.min(A4.height, source.maxHeight) : A4.height,
      }),
      settings.source !== 'flatbed',
      signal,
    );

    const pages: ScannedPage[] = [];
    try {
      await this.readPages(base, job, settings, pages, options);
      return pages;
    } catch (error) {
      const failure = asScannerError(error, pages);
      if (!JOB_ALREADY_OVER.includes(failure.code)) await this.deleteJob(job);
      throw failure;
    }
  }

  private async readPages(base: string, job: string, settings: ScanSettings, pages: ScannedPage[], options: ScanOptions): Promise<void> {
    const fromFeeder = settings.source !== 'flatbed';
    // The glass holds one sheet; asking for more would only wait for the job to notice.
    const limit = fromFeeder ? settings.maxPages : 1;
    let busy = 0;
    for (;;) {
      if (limit !== undefined && pages.length >= limit) {
        await this.deleteJob(job);
        return;
      }
      const answer = await this.request(`${job}/NextDocument`, { method: 'GET' }, this.pageTimeoutMs, options.signal);
      if (answer.status === 200) {
        busy = 0;
        const page = this.page(answer.body, pages.length, settings);
        pages.push(page);
        options.onPage(page);
        continue;
      }
      if (answer.status === 503 && busy < this.busyRetry.attempts) {
        await this.wait(busy++, options.signal);
        continue;
      }
      // 404 is the end of the job: normal after a page, an empty feeder (or a failure) before any.
      if (answer.status === 404 && pages.length > 0) return;
      const problem = await this.problem(base, fromFeeder, options.signal);
      if (problem === 'feeder_empty' && pages.length > 0) return;
      throw new ScannerError(problem ?? this.codeForStatus(answer.status, fromFeeder), { pages, cause: new Error(`NextDocument: HTTP ${answer.status}`) });
    }
  }

  /** When the status does not explain an answer, the HTTP status alone has to. */
  private codeForStatus(status: number, fromFeeder: boolean): ScannerErrorCode {
    if (status === 503) return 'busy';
    if (status === 404 && fromFeeder) return 'feeder_empty';
    return 'failed';
  }

  private page(bytes: Uint8Array, index: number, settings: ScanSettings): ScannedPage {
    const info = imageInfo(bytes);
    return { index, mediaType: info.mediaType, bytes, width: info.width, height: info.height, resolution: info.resolution ?? settings.resolution };
  }

  private async createJob(base: string, body: string, fromFeeder: boolean, signal?: AbortSignal): Promise<string> {
    for (let busy = 0; ; busy++) {
      const answer = await this.request(`${base}/ScanJobs`, { method: 'POST', body, headers: { 'Content-Type': 'text/xml' } }, this.requestTimeoutMs, signal);
      if (answer.status === 201 && answer.location) {
        // Only the path is taken: a device may not know the name or address it is reached by.
        const located = new URL(answer.location, `${base}/`);
        return normalise(new URL(located.pathname, base).toString());
      }
      if (answer.status === 503 && busy < this.busyRetry.attempts) {
        await this.wait(busy, signal);
        continue;
      }
      const problem = answer.status === 409 || answer.status === 503 ? await this.problem(base, fromFeeder, signal) : null;
      throw new ScannerError(problem ?? (answer.status === 409 ? 'busy' : this.codeForStatus(answer.status, fromFeeder)), {
        cause: new Error(`ScanJobs: HTTP ${answer.status}`),
      });
    }
  }

  /** Why the device refused, from ScannerStatus; null when it does not say. */
  private async problem(base: string, fromFeeder: boolean, signal?: AbortSignal): Promise<ScannerErrorCode | null> {
    const answer = await this.request(`${base}/ScannerStatus`, { method: 'GET' }, this.requestTimeoutMs, signal);
    if (answer.status !== 200) return null;
    try {
      return problemOf(parseStatus(new TextDecoder().decode(answer.body)), fromFeeder);
    } catch {
      return null;
    }
  }

  /** Tells the device to stop feeding; it may already have finished, so its answer does not matter. */
  private async deleteJob(job: string): Promise<void> {
    await this.request(job, { method: 'DELETE' }, this.requestTimeoutMs).catch(() => undefined);
  }

  private async readCapabilities(base: string, signal?: AbortSignal): Promise<EsclCapabilities> {
    const answer = await this.request(`${base}/ScannerCapabilities`, { method: 'GET' }, this.requestTimeoutMs, signal);
    if (answer.status !== 200) throw new ScannerError('failed', { cause: new Error(`ScannerCapabilities: HTTP ${answer.status}`) });
    try {
      return parseCapabilities(new TextDecoder().decode(answer.body));
    } catch (error) {
      throw new ScannerError('failed', { cause: error });
    }
  }

  private async wait(attempt: number, signal?: AbortSignal): Promise<void> {
    const delay = Math.min(this.busyRetry.delayMs * 2 ** attempt, this.busyRetry.maxDelayMs);
    try {
      await sleep(delay, undefined, { signal });
    } catch {
      throw new ScannerError('cancelled');
    }
  }

  /** One request with its body read in full, under a time limit; no answer at all means the device is gone. */
  private async request(url: string, init: RequestInit, timeoutMs: number, signal?: AbortSignal): Promise<Answer> {
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      const response = await fetch(url, { ...init, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
      const body = new Uint8Array(await response.arrayBuffer());
      return { status: response.status, location: response.headers.get('location'), body };
    } catch (error) {
      if (signal?.aborted) throw new ScannerError('cancelled');
      throw new ScannerError('unplugged', { cause: error });
    }
  }
}
