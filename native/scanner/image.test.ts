import { execFileSync } from 'node:child_process';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePixels, encodeJpeg, imageInfo } from './image';
import { syntheticPage } from './synthetic-page';
import { requireScanimage, saneConfig, type SaneConfig } from './test-support';

describe('page images', () => {
  it('reads size and resolution from a JPEG header, the density it was written with', () => {
    const jpeg = encodeJpeg(syntheticPage({ index: 0, width: 300, height: 400, colourMode: 'colour' }), 80, 150);
    expect(imageInfo(jpeg)).toEqual({ mediaType: 'image/jpeg', width: 300, height: 400, resolution: 150, colour: true });
    expect(decodePixels(jpeg)).toMatchObject({ width: 300, height: 400 });
  });

  it('reads a grey PNG without a stated resolution', () => {
    const png = new PNG({ width: 20, height: 10 });
    png.data.fill(255);
    const bytes = new Uint8Array(PNG.sync.write(png, { colorType: 0 }));
    expect(imageInfo(bytes)).toEqual({ mediaType: 'image/png', width: 20, height: 10, resolution: null, colour: false });
  });

  it('refuses what is neither JPEG nor PNG', () => {
    expect(() => imageInfo(new TextEncoder().encode('%PDF-1.7'))).toThrow();
  });
});

describe('page images written by scanimage', () => {
  let config: SaneConfig;
  beforeAll(() => {
    requireScanimage();
    config = saneConfig(['test']);
  });
  afterAll(() => config.remove());

  it("reads the resolution from a PNG's pHYs chunk", () => {
    const bytes = new Uint8Array(execFileSync('scanimage', ['-d', 'test:0', '--resolution', '75', '--mode', 'Color', '--format=png'], { env: config.env }));
    // The test scanner's 80 × 100 mm area at 75 dpi.
    expect(imageInfo(bytes)).toEqual({ mediaType: 'image/png', width: 236, height: 295, resolution: 75, colour: true });
  });
});
