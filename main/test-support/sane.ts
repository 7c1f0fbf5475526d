import { afterAll, beforeAll } from 'vitest';
import { requireScanimage, saneConfig, type SaneConfig } from '../../native/scanner/test-support';

/**
 * For a test file whose desks scan: the core's scanners see SANE's `test` device only, so the
 * machine's own scanners (and slow network backends) stay out of the test. Returns the config, for
 * backends a test builds itself.
 */
export function useSaneTestDevice(): () => SaneConfig {
  let sane: SaneConfig | null = null;
  const saved = process.env.SANE_CONFIG_DIR;
  beforeAll(() => {
    requireScanimage();
    sane = saneConfig(['test']);
    process.env.SANE_CONFIG_DIR = sane.env.SANE_CONFIG_DIR;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.SANE_CONFIG_DIR;
    else process.env.SANE_CONFIG_DIR = saved;
    sane?.remove();
  });
  return () => {
    if (!sane) throw new Error('the SANE test device is set up before the tests run');
    return sane;
  };
}
