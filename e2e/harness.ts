import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = new URL('..', import.meta.url).pathname;
export const outputDir = join(root, 'test-output', 'e2e');

export interface RunningCore {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the real browser-mode core (`out/main/web.js`, as `npm run start:web` does) as its own
 * process on a data directory, and waits for the line that carries its URL and launch token.
 */
export function startCore(dataDir: string, env: Record<string, string> = {}): Promise<RunningCore> {
  const child: ChildProcess = spawn(process.execPath, [join(root, 'out/main/web.js')], {
    env: { ...process.env, LETE_DATA_DIR: dataDir, LETE_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`core did not start in time:\n${stderr}`)), 60_000);
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/u.exec(stdout)?.[1];
      if (!url) return;
      clearTimeout(timer);
      resolve({
        url,
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`core exited with ${code}:\n${stderr}`));
    });
  });
}

export function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'lete-e2e-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Debian's Chromium, started as the probe found it must be on these closed-network machines. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Collects CSP violations and script errors, which a test treats as failures. */
export function watchPageErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  return problems;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(outputDir, { recursive: true });
  await page.screenshot({ path: join(outputDir, `${name}.png`), fullPage: true });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core for WCAG 2.1 A/AA in the page. Evaluated through the DevTools protocol, so the page's
 * strict CSP stays on (an injected <script> would be refused, as it should be).
 */
export async function axeViolations(page: Page, name: string): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(o: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  mkdirSync(outputDir, { recursive: true });
  writeFileSync(join(outputDir, `${name}.axe.json`), JSON.stringify(violations, null, 2));
  return violations;
}

export function serious(violations: AxeViolation[]): AxeViolation[] {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export interface DeskInBrowser {
  core: RunningCore;
  page: Page;
  /** Script errors and CSP violations seen so far. */
  problems: string[];
  /** Stops the core process and starts a new one on the same data. */
  restartCore(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real browser-mode core on a fresh data folder and a Latvian, Riga-time Chromium page for it;
 * `env` reaches the core (`LETE_PLATFORM_URL` to sync with a platform).
 */
export async function openDesk(env: Record<string, string> = {}): Promise<DeskInBrowser> {
  const data = tempDataDir();
  const browser = await launchBrowser();
  const page = await browser.newPage({ locale: 'lv-LV', timezoneId: 'Europe/Riga', viewport: { width: 1366, height: 900 } });
  const desk: DeskInBrowser = {
    core: await startCore(data.dir, env),
    page,
    problems: watchPageErrors(page),
    async restartCore() {
      await desk.core.stop();
      desk.core = await startCore(data.dir, env);
    },
    async close() {
      await browser.close();
      await desk.core.stop();
      data.remove();
    },
  };
  return desk;
}
