import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodePixels } from './image';

/**
 * Tests run the real scanimage; CI installs sane-utils (and sane-airscan), so a missing one is a
 * broken machine, not a reason to skip.
 */
export function requireScanimage(): void {
  try {
    execFileSync('scanimage', ['--version'], { stdio: 'pipe' });
  } catch (error) {
    throw new Error('scanimage is not installed: these tests need Debian/Ubuntu packages sane-utils and sane-airscan (apt-get install sane-utils sane-airscan).', { cause: error });
  }
}

/** sane-airscan lists every device in its configuration without contacting it, so an empty list means it is missing. */
export function requireAirscan(env: NodeJS.ProcessEnv): void {
  const listing = execFileSync('scanimage', ['-f', '%d%n'], { env, encoding: 'utf8' });
  if (!listing.includes('airscan:')) throw new Error('The sane-airscan backend is not installed: apt-get install sane-airscan.');
}

export interface SaneConfig {
  /** process.env with SANE_CONFIG_DIR pointing at the temporary configuration. */
  env: NodeJS.ProcessEnv;
  remove(): void;
}

/** A SANE configuration of its own, loading only `backends`, so the machine's scanners stay out of the test. */
export function saneConfig(backends: readonly string[], files: Readonly<Record<string, string>> = {}): SaneConfig {
  const dir = mkdtempSync(path.join(tmpdir(), 'lete-sane-'));
  writeFileSync(path.join(dir, 'dll.conf'), `${backends.join('\n')}\n`);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return { env: { ...process.env, SANE_CONFIG_DIR: dir }, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** How many page-number bars a synthetic page shows (page n has n + 1), read across 20 % of its height. */
export function pageNumberBars(bytes: Uint8Array): number {
  const { width, height, data } = decodePixels(bytes);
  const row = Math.round(height * 0.2) * width * 4;
  let bars = 0;
  for (let x = 0; x < width; x++) {
    const dark = (data[row + x * 4] ?? 255) < 128;
    const darkBefore = x > 0 && (data[row + (x - 1) * 4] ?? 255) < 128;
    if (dark && !darkBefore) bars++;
  }
  return bars;
}
