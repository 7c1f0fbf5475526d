import { randomUUID } from 'node:crypto';
import {
  availableBackends,
  defaultSettings,
  isBlank,
  listAll,
  pagesToPdf,
  ScannerError,
  type DocumentKind,
  type ScannedPage,
  type ScannerBackend,
  type ScannerCapabilities,
  type ScannerDevice,
  type ScanSettings,
} from '../../native/scanner';
import { AppError } from '../../preload/contract';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { Attachments } from '../documents/attachments';
import type { EventBus } from '../events';
import type { Logger } from '../logger';

interface Page extends ScannedPage {
  id: string;
  blank: boolean;
}

interface Session {
  id: string;
  device: ScannerDevice;
  backend: ScannerBackend;
  settings: ScanSettings;
  pages: Page[];
  state: 'scanning' | 'done' | 'failed' | 'cancelled';
  error: { code: string; message: string } | null;
  abort: AbortController;
}

export interface ScanningDeps {
  clock: Clock;
  logger: Logger;
  events: EventBus;
  attachments: Attachments;
  /** The environment scanners run in (SANE_CONFIG_DIR for SANE's test device in the demo and tests). */
  env: NodeJS.ProcessEnv;
  /** Network scanners every session has besides the clerk's own (the demo's built-in eSCL scanner). */
  builtInUrls?: string[];
  /** The machine's backends; tests configure real ones (SANE's test device with a fault switched on). */
  backends?: (urls: string[]) => Promise<ScannerBackend[]>;
}

const kinds: DocumentKind[] = ['identity_document', 'application', 'photo'];

/** A scanner's failure as the clerk reads it; a device that fails for another reason says so plainly. */
function asAppError(error: unknown): AppError {
  if (error instanceof ScannerError) return new AppError(error.code === 'busy' ? 'CONFLICT' : 'TRANSPORT', error.message);
  return new AppError('TRANSPORT', 'Skeneris neatbildēja. Pārbaudiet, vai tas ir ieslēgts un pievienots, un mēģiniet vēlreiz.');
}

/**
 * Scanning paper into a case at the desk: the pages arrive one by one and stay here whatever happens
 * to the scanner (a jam or an unplugged cable keeps what was scanned); the clerk orders, turns, drops
 * or rescans pages, then saves them as one PDF on the case with the page count and the settings.
 */
export function createScanning(db: Db, deps: ScanningDeps) {
  const sessions = new Map<string, Session>();
  const networkScanners = db.prepare<[], string>(`SELECT value FROM settings WHERE key = 'scanner_urls'`).pluck();
  const saveNetworkScanners = db.prepare(`INSERT INTO settings (key, value) VALUES ('scanner_urls', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  const urls = (): string[] => JSON.parse(networkScanners.get() ?? '[]') as string[];
  let known = new Map<string, { device: ScannerDevice; backend: ScannerBackend }>();

  async function devices(): Promise<ScannerDevice[]> {
    const all = [...(deps.builtInUrls ?? []), ...urls()];
    const backends = await (deps.backends ?? ((esclUrls) => availableBackends({ env: deps.env, esclUrls })))(all);
    const found = new Map<string, { device: ScannerDevice; backend: ScannerBackend }>();
    await Promise.all(
      backends.map(async (backend) => {
        const list = await listAll([backend]).catch(() => []);
        for (const device of list) found.set(device.id, { device, backend });
      }),
    );
    known = found;
    return [...found.values()].map((f) => f.device);
  }

  async function deviceFor(id: string) {
    const hit = known.get(id) ?? (await devices(), known.get(id));
    if (!hit) throw new AppError('NOT_FOUND', 'Skeneris vairs nav atrodams. Pārbaudiet, vai tas ir pievienots, un izvēlieties to sarakstā no jauna.');
    return hit;
  }

  function session(id: string): Session {
    const s = sessions.get(id);
    if (!s) throw new AppError('NOT_FOUND', 'Skenēšana nav atrasta; iespējams, tā jau saglabāta vai atcelta.');
    return s;
  }

  const keep = (s: Session, page: ScannedPage) => {
    s.pages.push({ ...page, id: randomUUID(), blank: isBlank(page) });
    deps.events.emit('scanner.progress', { sessionId: s.id });
  };

  function view(s: Session) {
    return {
      sessionId: s.id,
      state: s.state,
      device: s.device.name,
      settings: { source: s.settings.source, colourMode: s.settings.colourMode, resolution: s.settings.resolution },
      error: s.error,
      pages: s.pages.map((p) => ({ id: p.id, width: p.width, height: p.height, blank: p.blank })),
    };
  }

  return {
    async devices() {
      const list = await devices();
      return { devices: list.map((d) => ({ id: d.id, name: d.name, backend: d.backend, detail: d.detail ?? null })), networkScanners: urls() };
    },

    addNetworkScanner(url: string) {
      const next = [...new Set([...urls(), url.replace(/\/+$/u, '')])];
      saveNetworkScanners.run(JSON.stringify(next));
      return next;
    },

    removeNetworkScanner(url: string) {
      const next = urls().filter((u) => u !== url);
      saveNetworkScanners.run(JSON.stringify(next));
      return next;
    },

    /** What the device can do, and the settings each kind of document starts with on it. */
    async capabilities(deviceId: string): Promise<ScannerCapabilities & { defaults: Record<DocumentKind, ScanSettings> }> {
      const { backend } = await deviceFor(deviceId);
      const capabilities = await backend.capabilities(deviceId).catch((error: unknown) => {
        throw asAppError(error);
      });
      return { ...capabilities, defaults: Object.fromEntries(kinds.map((k) => [k, defaultSettings(k, capabilities)])) as Record<DocumentKind, ScanSettings> };
    },

    /** Starts scanning; the pages arrive by `scanner.progress` events while the clerk watches. */
    async start(deviceId: string, settings: ScanSettings) {
      const { device, backend } = await deviceFor(deviceId);
      const s: Session = { id: randomUUID(), device, backend, settings, pages: [], state: 'scanning', error: null, abort: new AbortController() };
      sessions.set(s.id, s);
      void backend
        .scan(deviceId, settings, { onPage: (page) => keep(s, page), signal: s.abort.signal })
        .then(() => {
          s.state = s.abort.signal.aborted ? 'cancelled' : 'done';
        })
        .catch((error: unknown) => {
          s.state = error instanceof ScannerError && error.code === 'cancelled' ? 'cancelled' : 'failed';
          if (s.state === 'failed') s.error = { code: error instanceof ScannerError ? error.code : 'failed', message: asAppError(error).message };
          deps.logger.error('scanner.failed', { code: error instanceof ScannerError ? error.code : 'unknown', pages: s.pages.length });
        })
        .finally(() => deps.events.emit('scanner.progress', { sessionId: s.id }));
      return view(s);
    },

    status: (sessionId: string) => view(session(sessionId)),

    /** A page's image, for the clerk to check it before saving. */
    page(sessionId: string, pageId: string) {
      const page = session(sessionId).pages.find((p) => p.id === pageId);
      if (!page) throw new AppError('NOT_FOUND', 'Lapa nav atrasta; iespējams, tā jau izdzēsta.');
      return { mediaType: page.mediaType, contentBase64: Buffer.from(page.bytes).toString('base64') };
    },

    cancel(sessionId: string) {
      const s = session(sessionId);
      s.abort.abort();
      return view(s);
    },

    /** Scans one page again from the glass, in place of a crooked or unreadable one. */
    async rescan(sessionId: string, pageId: string) {
      const s = session(sessionId);
      if (s.state === 'scanning') throw new AppError('CONFLICT', 'Pagaidiet, kamēr skenēšana beidzas, tad skenējiet lapu vēlreiz.');
      const at = s.pages.findIndex((p) => p.id === pageId);
      if (at < 0) throw new AppError('NOT_FOUND', 'Lapa nav atrasta; iespējams, tā jau izdzēsta.');
      const capabilities = await s.backend.capabilities(s.device.id).catch((error: unknown) => {
        throw asAppError(error);
      });
      const source = capabilities.sources.includes('flatbed') ? 'flatbed' : s.settings.source;
      const [page] = await s.backend.scan(s.device.id, { ...s.settings, source, maxPages: 1 }, { onPage: () => undefined }).catch((error: unknown) => {
        throw asAppError(error);
      });
      if (!page) throw new AppError('TRANSPORT', 'Skeneris neatdeva lapu. Ielieciet lapu un mēģiniet vēlreiz.');
      s.pages[at] = { ...page, index: at, id: randomUUID(), blank: isBlank(page) };
      return view(s);
    },

    /** The chosen pages, in the clerk's order and turned as the clerk turned them, as one PDF on the case. */
    async save(input: { sessionId: string; caseId: string; name: string; pages: { id: string; rotation: 0 | 90 | 180 | 270 }[] }, userId: string) {
      const s = session(input.sessionId);
      if (s.state === 'scanning') throw new AppError('CONFLICT', 'Skenēšana vēl notiek. Pagaidiet, kamēr tā beidzas, vai atceliet to.');
      const chosen = input.pages.map(({ id, rotation }) => ({ page: s.pages.find((p) => p.id === id), rotation }));
      if (chosen.length === 0 || chosen.some((c) => !c.page)) {
        throw new AppError('INVALID_INPUT', 'Saglabāšanai nav izvēlēta neviena lapa vai kāda lapa vairs nav atrodama.', { issues: [{ path: 'pages', message: 'missing' }] });
      }
      const pdf = await pagesToPdf(
        chosen.map((c) => c.page as Page),
        { rotations: chosen.map((c) => c.rotation), settings: s.settings, title: input.name, at: deps.clock.now() },
      );
      const scanSettings = { device: s.device.name, backend: s.device.backend, source: s.settings.source, colourMode: s.settings.colourMode, resolution: s.settings.resolution };
      const id = deps.attachments.attach(
        { caseId: input.caseId, kind: 'scan', name: input.name.endsWith('.pdf') ? input.name : `${input.name}.pdf`, mediaType: 'application/pdf', bytes: pdf.bytes, pages: pdf.pageCount, scanSettings },
        userId,
      );
      sessions.delete(s.id);
      return { attachmentId: id, pageCount: pdf.pageCount };
    },

    discard(sessionId: string) {
      const s = session(sessionId);
      s.abort.abort();
      sessions.delete(sessionId);
      return null;
    },
  };
}

export type Scanning = ReturnType<typeof createScanning>;
