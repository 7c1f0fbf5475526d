import { afterEach, describe, expect, it } from 'vitest';
import { EsclBackend } from './escl';
import { startEsclServer, type EsclServer, type EsclServerOptions } from './escl-server';
import { ScannerError } from './errors';
import { isBlank } from './pages';
import { pageNumberBars } from './test-support';
import type { ScannedPage, ScanSettings } from './types';

let server: EsclServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function scanner(options: EsclServerOptions = {}): Promise<{ url: string; escl: EsclBackend }> {
  server = await startEsclServer(options);
  const escl = new EsclBackend({ urls: [server.url], busyRetry: { attempts: 3, delayMs: 1, maxDelayMs: 5 } });
  return { url: server.url, escl };
}

/** Resolves with the pages, or with the ScannerError the scan was rejected with. */
async function scan(escl: EsclBackend, url: string, settings: ScanSettings, onPage: (page: ScannedPage) => void = () => {}, signal?: AbortSignal) {
  try {
    return await escl.scan(url, settings, { onPage, signal });
  } catch (error) {
    if (error instanceof ScannerError) return error;
    throw error;
  }
}

async function jobStates(url: string): Promise<string[]> {
  const xml = await (await fetch(`${url}/ScannerStatus`)).text();
  return [...xml.matchAll(/<pwg:JobState>(\w+)<\/pwg:JobState>/gu)].map((match) => match[1] ?? '');
}

const feeder: ScanSettings = { source: 'feeder', colourMode: 'grey', resolution: 75 };

describe('eSCL client against the eSCL server', () => {
  it('lists an added scanner by its model and leaves out one that does not answer', async () => {
    const gone = await startEsclServer();
    await gone.close();
    server = await startEsclServer({ name: 'Biroja skeneris' });
    const escl = new EsclBackend({ urls: [`${server.url}/`, gone.url], requestTimeoutMs: 2_000 });
    expect(await escl.list()).toEqual([{ id: server.url, name: 'Biroja skeneris', backend: 'escl', detail: server.url }]);
  });

  it('reads the sources, colour modes and resolutions', async () => {
    const { url, escl } = await scanner();
    expect(await escl.capabilities(url)).toEqual({
      sources: ['flatbed', 'feeder', 'duplex'],
      colourModes: ['colour', 'grey', 'lineart'],
      resolutions: [75, 100, 150, 200, 300, 600],
    });
  });

  it('scans a feeder batch page by page, each an A4 JPEG at the asked resolution', async () => {
    const { url, escl } = await scanner({ feederPages: 4 });
    const arrived: ScannedPage[] = [];
    const pages = await scan(escl, url, feeder, (page) => arrived.push(page));
    expect(pages).toEqual(arrived);
    expect(arrived.map((page) => [page.index, page.mediaType, page.width, page.height, page.resolution])).toEqual(
      [0, 1, 2, 3].map((index) => [index, 'image/jpeg', 620, 877, 75]),
    );
    expect(arrived.map((page) => pageNumberBars(page.bytes))).toEqual([1, 2, 3, 4]);
  });

  it('delivers the back of a one-sided sheet as a page that blank detection drops', async () => {
    const { url, escl } = await scanner({ feederPages: 3, blankPages: [1] });
    const pages = await scan(escl, url, feeder);
    expect((pages as ScannedPage[]).map((page) => isBlank(page))).toEqual([false, true, false]);
  });

  it('stops the feeder at maxPages and tells the scanner so', async () => {
    const { url, escl } = await scanner({ feederPages: 5 });
    const pages = await scan(escl, url, { ...feeder, maxPages: 2 });
    expect(pages).toHaveLength(2);
    expect(await jobStates(url)).toEqual(['Canceled']);
  });

  it('scans both sides of each sheet in duplex', async () => {
    const { url, escl } = await scanner({ feederPages: 2 });
    expect(await scan(escl, url, { ...feeder, source: 'duplex' })).toHaveLength(4);
  });

  it('scans one page from the glass', async () => {
    const { url, escl } = await scanner({ feederPages: 5 });
    const pages = await scan(escl, url, { source: 'flatbed', colourMode: 'colour', resolution: 100 });
    expect(pages).toEqual([expect.objectContaining({ index: 0, width: 827, height: 1169, resolution: 100 })]);
    expect(await jobStates(url)).toEqual(['Completed']);
  });

  it('waits out a busy scanner and then scans', async () => {
    const { url, escl } = await scanner({ feederPages: 2, faults: { busyFor: 2 } });
    expect(await scan(escl, url, feeder)).toHaveLength(2);
  });

  it('gives up on a scanner that stays busy, and cancels its job', async () => {
    const { url, escl } = await scanner({ faults: { busyFor: 100 } });
    const result = await scan(escl, url, feeder);
    expect(result).toMatchObject({ code: 'busy', pages: [] });
    expect(await jobStates(url)).toEqual(['Canceled']);
  });

  it('reports a jam mid-batch and keeps the pages scanned before it', async () => {
    const { url, escl } = await scanner({ feederPages: 5, faults: { jamAfter: 2 } });
    const result = await scan(escl, url, feeder);
    expect(result).toBeInstanceOf(ScannerError);
    expect(result).toMatchObject({ code: 'jammed', pages: [{ index: 0 }, { index: 1 }] });
    expect((result as ScannerError).message).toBe(
      'Padevējā iestrēga lapa. Atveriet padevēju, uzmanīgi izņemiet lapu un skenējiet atlikušās lapas vēlreiz. Jau noskenētās lapas (2) ir saglabātas.',
    );
  });

  it('reports an empty feeder', async () => {
    const { url, escl } = await scanner({ faults: { emptyFeeder: true } });
    const result = await scan(escl, url, feeder);
    expect(result).toMatchObject({ code: 'feeder_empty', pages: [], message: 'Padevējā nav lapu. Ielieciet dokumentu padevējā un skenējiet vēlreiz.' });
  });

  it('reports an open feeder cover when the scanner refuses the job', async () => {
    const { url, escl } = await scanner({ faults: { coverOpen: true } });
    expect(await scan(escl, url, feeder)).toMatchObject({ code: 'cover_open' });
  });

  it('cancels: the scanner is told to stop and the pages so far are kept', async () => {
    const { url, escl } = await scanner({ feederPages: 5 });
    const controller = new AbortController();
    const result = await scan(escl, url, feeder, (page) => page.index === 1 && controller.abort(), controller.signal);
    expect(result).toMatchObject({ code: 'cancelled', pages: [{ index: 0 }, { index: 1 }] });
    expect(await jobStates(url)).toEqual(['Canceled']);
  });

  it('reports a scanner gone mid-batch, keeping the pages scanned before', async () => {
    const { url, escl } = await scanner({ feederPages: 5, faults: { dropAfter: 3 } });
    const result = await scan(escl, url, feeder);
    expect(result).toMatchObject({ code: 'unplugged', pages: [{ index: 0 }, { index: 1 }, { index: 2 }] });
  });

  it('reports a scanner that is switched off', async () => {
    const { url, escl } = await scanner();
    await server?.close();
    server = null;
    expect(await scan(escl, url, feeder)).toMatchObject({ code: 'unplugged' });
  });
});
