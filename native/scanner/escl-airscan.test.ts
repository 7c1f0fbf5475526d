import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEsclServer, type EsclServer, type EsclServerOptions } from './escl-server';
import { ScannerError } from './errors';
import { SaneBackend } from './sane';
import { pageNumberBars, requireAirscan, requireScanimage, saneConfig, type SaneConfig } from './test-support';
import type { ScannedPage } from './types';

/**
 * Debian's sane-airscan, a client written against many real devices, scans from our eSCL server:
 * proof that the server (and so the protocol our client speaks) is what real scanners look like.
 */
const DEVICE = 'airscan:e0:Lete test';

interface Setup {
  server: EsclServer;
  config: SaneConfig;
  sane: SaneBackend;
}

async function airscanFrom(options: EsclServerOptions): Promise<Setup> {
  const server = await startEsclServer(options);
  // sane-airscan(5): a manually added device, and no network discovery so only ours is seen.
  const config = saneConfig(['airscan'], {
    'airscan.conf': `[devices]\n"Lete test" = ${server.url}, eSCL\n\n[options]\ndiscovery = disable\n`,
  });
  try {
    requireAirscan(config.env);
  } catch (error) {
    config.remove();
    await server.close();
    throw error;
  }
  return { server, config, sane: new SaneBackend({ env: config.env }) };
}

async function tearDown(setup: Setup | undefined): Promise<void> {
  setup?.config.remove();
  await setup?.server.close();
}

describe('sane-airscan scanning from our eSCL server', () => {
  let setup: Setup;
  beforeAll(async () => {
    requireScanimage();
    setup = await airscanFrom({ feederPages: 3 });
  });
  afterAll(() => tearDown(setup));

  it('is listed by scanimage -L', () => {
    const listing = execFileSync('scanimage', ['-L'], { env: setup.config.env, encoding: 'utf8' });
    expect(listing).toContain(`device \`${DEVICE}'`);
  });

  it('is listed by our SANE backend with what it can do', async () => {
    expect(await setup.sane.list()).toEqual([expect.objectContaining({ id: DEVICE, name: 'eSCL Lete test' })]);
    expect(await setup.sane.capabilities(DEVICE)).toEqual({
      sources: ['flatbed', 'feeder', 'duplex'],
      colourModes: ['colour', 'grey'],
      resolutions: [75, 100, 150, 200, 300, 600],
    });
  });

  it('scans the feeder to its end, every page the size of the scan area', async () => {
    const arrived: ScannedPage[] = [];
    const pages = await setup.sane.scan(DEVICE, { source: 'feeder', colourMode: 'grey', resolution: 75 }, { onPage: (page) => arrived.push(page) });
    expect(pages).toEqual(arrived);
    // airscan's default area is 215.9 × 297.011 mm: 637 × 877 pixels at 75 dpi.
    expect(pages.map((page) => [page.index, page.width, page.height, page.resolution])).toEqual([0, 1, 2].map((index) => [index, 637, 877, 75]));
    expect(pages.map((page) => pageNumberBars(page.bytes))).toEqual([1, 2, 3]);
  });

  it('scans one colour page from the glass', async () => {
    const pages = await setup.sane.scan(DEVICE, { source: 'flatbed', colourMode: 'colour', resolution: 100 }, { onPage: () => {} });
    expect(pages).toEqual([expect.objectContaining({ mediaType: 'image/jpeg', width: 850, height: 1169, resolution: 100 })]);
  });
});

describe('sane-airscan meeting a jam on our eSCL server', () => {
  let setup: Setup;
  beforeAll(async () => {
    requireScanimage();
    setup = await airscanFrom({ feederPages: 5, faults: { jamAfter: 2 } });
  });
  afterAll(() => tearDown(setup));

  it('reports the jam through SANE and keeps the two pages scanned before it', async () => {
    const result = await setup.sane.scan(DEVICE, { source: 'feeder', colourMode: 'grey', resolution: 75 }, { onPage: () => {} }).catch((error: unknown) => error);
    expect(result).toBeInstanceOf(ScannerError);
    expect(result).toMatchObject({ code: 'jammed', pages: [{ index: 0 }, { index: 1 }] });
  });
});
