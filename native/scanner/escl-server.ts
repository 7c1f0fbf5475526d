import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { A4, COLOUR_MODES, ESCL_UNITS_PER_INCH, parseScanSettings, PWG_NS, SCAN_NS } from './escl-xml';
import { encodeJpeg } from './image';
import { syntheticPage } from './synthetic-page';
import type { ColourMode } from './types';

/** Faults a test (or a demo) can ask the scanner to show. Page counts are per job. */
export interface EsclFaults {
  /** Answer 503 Service Unavailable to the first k NextDocument requests of the server's life. */
  busyFor?: number;
  /** The feeder jams after k pages. */
  jamAfter?: number;
  /** Nothing in the feeder. */
  emptyFeeder?: boolean;
  /** The feeder's cover is open: feeder jobs are refused. */
  coverOpen?: boolean;
  /** The connection is cut (cable pulled, power off) when asked for the page after k. */
  dropAfter?: number;
}

export interface EsclServerOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** The model the scanner reports. */
  name?: string;
  /** Sheets each feeder job finds in the feeder, as if the clerk refilled it each time. */
  feederPages?: number;
  /** 0-based pages of a job that come out blank. */
  blankPages?: readonly number[];
  faults?: EsclFaults;
}

export interface EsclServer {
  /** The device URL a client is given, e.g. http://127.0.0.1:40123/eSCL. */
  url: string;
  close(): Promise<void>;
}

const PREFIX = '/eSCL';
const RESOLUTIONS = [75, 100, 150, 200, 300, 600];
/** Letter-wide and A4-long, as most A4 office scanners report. */
const MAX_WIDTH = 2550;
const MAX_HEIGHT = 3508;

type JobState = 'Processing' | 'Completed' | 'Canceled' | 'Aborted';

interface Job {
  id: string;
  fromFeeder: boolean;
  colourMode: ColourMode;
  resolution: number;
  width: number;
  height: number;
  pages: number;
  delivered: number;
  state: JobState;
  created: number;
}

function escapeXml(value: string): string {
  return value.replace(/[<>&'"]/gu, (c) => `&#${c.charCodeAt(0)};`);
}

function inputCaps(): string {
  const resolutions = RESOLUTIONS.map(
    (r) => `<scan:DiscreteResolution><scan:XResolution>${r}</scan:XResolution><scan:YResolution>${r}</scan:YResolution></scan:DiscreteResolution>`,
  ).join('');
  return `<scan:MinWidth>16</scan:MinWidth><scan:MaxWidth>${MAX_WIDTH}</scan:MaxWidth>
<scan:MinHeight>16</scan:MinHeight><scan:MaxHeight>${MAX_HEIGHT}</scan:MaxHeight>
<scan:MaxScanRegions>1</scan:MaxScanRegions>
<scan:SettingProfiles><scan:SettingProfile>
<scan:ColorModes>${Object.values(COLOUR_MODES).map((mode) => `<scan:ColorMode>${mode}</scan:ColorMode>`).join('')}</scan:ColorModes>
<scan:DocumentFormats><pwg:DocumentFormat>image/jpeg</pwg:DocumentFormat><scan:DocumentFormatExt>image/jpeg</scan:DocumentFormatExt></scan:DocumentFormats>
<scan:SupportedResolutions><scan:DiscreteResolutions>${resolutions}</scan:DiscreteResolutions></scan:SupportedResolutions>
<scan:ColorSpaces><scan:ColorSpace>sRGB</scan:ColorSpace></scan:ColorSpaces>
</scan:SettingProfile></scan:SettingProfiles>
<scan:SupportedIntents><scan:Intent>Document</scan:Intent><scan:Intent>TextAndGraphic</scan:Intent><scan:Intent>Photo</scan:Intent></scan:SupportedIntents>
<scan:MaxOpticalXResolution>600</scan:MaxOpticalXResolution><scan:MaxOpticalYResolution>600</scan:MaxOpticalYResolution>`;
}

function capabilitiesXml(name: string, uuid: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerCapabilities xmlns:scan="${SCAN_NS}" xmlns:pwg="${PWG_NS}">
<pwg:Version>2.63</pwg:Version>
<pwg:MakeAndModel>${escapeXml(name)}</pwg:MakeAndModel>
<pwg:SerialNumber>LETE-0001</pwg:SerialNumber>
<scan:Manufacturer>Lete</scan:Manufacturer>
<scan:UUID>${uuid}</scan:UUID>
<scan:Platen><scan:PlatenInputCaps>${inputCaps()}</scan:PlatenInputCaps></scan:Platen>
<scan:Adf>
<scan:AdfSimplexInputCaps>${inputCaps()}</scan:AdfSimplexInputCaps>
<scan:AdfDuplexInputCaps>${inputCaps()}</scan:AdfDuplexInputCaps>
<scan:FeederCapacity>50</scan:FeederCapacity>
<scan:AdfOptions><scan:AdfOption>DetectPaperLoaded</scan:AdfOption><scan:AdfOption>Duplex</scan:AdfOption></scan:AdfOptions>
</scan:Adf>
</scan:ScannerCapabilities>`;
}

function jobStateReason(state: JobState): string {
  if (state === 'Completed') return 'JobCompletedSuccessfully';
  if (state === 'Canceled') return 'JobCanceledByUser';
  if (state === 'Aborted') return 'AbortedBySystem';
  return 'JobScanning';
}

function statusXml(state: 'Idle' | 'Processing', adfState: string, jobs: readonly Job[]): string {
  const infos = jobs
    .map(
      (job) => `<scan:JobInfo><pwg:JobUri>${PREFIX}/ScanJobs/${job.id}</pwg:JobUri><pwg:JobUuid>${job.id}</pwg:JobUuid>
<scan:Age>${Math.round((Date.now() - job.created) / 1000)}</scan:Age><pwg:ImagesCompleted>${job.delivered}</pwg:ImagesCompleted>
<pwg:JobState>${job.state}</pwg:JobState><pwg:JobStateReasons><pwg:JobStateReason>${jobStateReason(job.state)}</pwg:JobStateReason></pwg:JobStateReasons></scan:JobInfo>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerStatus xmlns:scan="${SCAN_NS}" xmlns:pwg="${PWG_NS}">
<pwg:Version>2.63</pwg:Version>
<pwg:State>${state}</pwg:State>
<scan:AdfState>${adfState}</scan:AdfState>
<scan:Jobs>${infos}</scan:Jobs>
</scan:ScannerStatus>`;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}

/**
 * A network scanner speaking eSCL (AirScan) that makes up its pages: for tests of our client, for
 * checking against sane-airscan that we speak the protocol as real clients expect, and as the
 * demo mode's scanner. Every feeder job finds `feederPages` sheets; the glass always holds one.
 */
export async function startEsclServer(options: EsclServerOptions = {}): Promise<EsclServer> {
  const name = options.name ?? 'Lete demonstrācijas skeneris';
  const uuid = randomUUID();
  const feederPages = options.feederPages ?? 3;
  const blankPages = new Set(options.blankPages ?? []);
  const faults = options.faults ?? {};
  const jobs = new Map<string, Job>();
  let busyLeft = faults.busyFor ?? 0;
  let jammed = false;

  const adfState = () => {
    if (faults.coverOpen) return 'ScannerAdfHatchOpen';
    if (jammed) return 'ScannerAdfJam';
    if (faults.emptyFeeder) return 'ScannerAdfEmpty';
    return 'ScannerAdfLoaded';
  };
  const scannerState = () => ([...jobs.values()].some((job) => job.state === 'Processing') ? 'Processing' : 'Idle');

  const send = (response: ServerResponse, status: number, body = '', type = 'text/xml') => {
    response.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
    response.end(body);
  };

  const createJob = async (request: IncomingMessage, response: ServerResponse) => {
    const settings = parseScanSettings(await readBody(request));
    const fromFeeder = settings.inputSource === 'Feeder';
    // Real devices refuse with 409 Conflict what they cannot do now, and say why in ScannerStatus.
    if (fromFeeder && faults.coverOpen) return send(response, 409);
    jammed = false;
    const colourMode = (Object.keys(COLOUR_MODES) as ColourMode[]).find((mode) => COLOUR_MODES[mode] === settings.colorMode) ?? 'colour';
    const job: Job = {
      id: randomUUID(),
      fromFeeder,
      colourMode,
      resolution: settings.resolution,
      width: Math.min(settings.width ?? A4.width, MAX_WIDTH),
      height: Math.min(settings.height ?? A4.height, MAX_HEIGHT),
      pages: fromFeeder ? (faults.emptyFeeder ? 0 : feederPages * (settings.duplex ? 2 : 1)) : 1,
      delivered: 0,
      state: 'Processing',
      created: Date.now(),
    };
    jobs.set(job.id, job);
    response.writeHead(201, { Location: `http://${request.headers.host ?? 'localhost'}${PREFIX}/ScanJobs/${job.id}`, 'Content-Length': 0 });
    response.end();
  };

  const nextDocument = (job: Job, response: ServerResponse) => {
    if (job.state !== 'Processing') return send(response, 404);
    if (busyLeft > 0) {
      busyLeft -= 1;
      response.setHeader('Retry-After', '1');
      return send(response, 503);
    }
    if (job.fromFeeder && faults.dropAfter !== undefined && job.delivered >= faults.dropAfter) {
      job.state = 'Aborted';
      response.socket?.destroy();
      return;
    }
    if (job.fromFeeder && faults.jamAfter !== undefined && job.delivered >= faults.jamAfter && job.delivered < job.pages) {
      job.state = 'Aborted';
      jammed = true;
      return send(response, 409);
    }
    if (job.delivered >= job.pages) {
      job.state = 'Completed';
      return send(response, 404);
    }
    const toPixels = (units: number) => Math.max(1, Math.round((units * job.resolution) / ESCL_UNITS_PER_INCH));
    const index = job.delivered;
    const pixels = syntheticPage({ index, width: toPixels(job.width), height: toPixels(job.height), colourMode: job.colourMode, blank: blankPages.has(index) });
    const jpeg = encodeJpeg(pixels, 85, job.resolution);
    job.delivered += 1;
    // The glass holds one sheet: its job is over with that page.
    if (!job.fromFeeder) job.state = 'Completed';
    response.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': jpeg.byteLength });
    response.end(jpeg);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    const method = request.method ?? 'GET';
    const readOnly = method === 'GET' || method === 'HEAD';
    if (readOnly && pathname === `${PREFIX}/ScannerCapabilities`) return send(response, 200, capabilitiesXml(name, uuid));
    if (readOnly && pathname === `${PREFIX}/ScannerStatus`) return send(response, 200, statusXml(scannerState(), adfState(), [...jobs.values()]));
    if (method === 'POST' && pathname === `${PREFIX}/ScanJobs`) return createJob(request, response);
    const match = new RegExp(`^${PREFIX}/ScanJobs/([0-9a-f-]+)(/NextDocument)?/?$`, 'u').exec(pathname);
    const job = match?.[1] ? jobs.get(match[1]) : undefined;
    if (!job) return send(response, 404);
    if (method === 'GET' && match?.[2]) return nextDocument(job, response);
    if (method === 'DELETE' && !match?.[2]) {
      if (job.state === 'Processing') job.state = 'Canceled';
      return send(response, 200);
    }
    send(response, 405);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => send(response, 400));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}${PREFIX}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
