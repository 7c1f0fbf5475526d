import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform, type Platform } from '../platform/server';
import { registerDraft, signInOnline } from './clerk-flows';
import { axeViolations, launchBrowser, outputDir, screenshot, serious, startCore, tempDataDir, watchPageErrors, type RunningCore } from './harness';

const slow = { timeout: 60_000, interval: 250 };

/**
 * A clerk scans a five-page document from SANE's test device's feeder into a case in Debian's
 * Chromium: the pages arrive, one is turned and one dropped, and the case gets one PDF that passes
 * qpdf and reaches the platform; the devices area shows the scanners and takes a test signature.
 */
describe('scanning paper into a case', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let core: RunningCore;
  let problems: string[];
  let deskDb: Database.Database;
  const data = tempDataDir();
  const platformDir = mkdtempSync(join(tmpdir(), 'lete-scan-platform-'));
  // SANE loads only its `test` device, so the machine's own scanners stay out of the test.
  const sane = mkdtempSync(join(tmpdir(), 'lete-scan-sane-'));

  beforeAll(async () => {
    writeFileSync(join(sane, 'dll.conf'), 'test\n');
    platform = await createPlatform({ dataDir: platformDir, port: 0, demo: true, passwordMemoryCost: 1024, tokenSecret: 'e2e' });
    browser = await launchBrowser();
    page = await browser.newPage({ locale: 'lv-LV', timezoneId: 'Europe/Riga', viewport: { width: 1366, height: 900 } });
    core = await startCore(data.dir, { LETE_PLATFORM_URL: platform.url, SANE_CONFIG_DIR: sane });
    problems = watchPageErrors(page);
    deskDb = new Database(join(data.dir, 'lete.sqlite'), { readonly: true, fileMustExist: true });
  });
  afterAll(async () => {
    deskDb?.close();
    await browser?.close();
    await core?.stop();
    await platform?.close();
    data.remove();
    rmSync(platformDir, { recursive: true, force: true });
    rmSync(sane, { recursive: true, force: true });
  });

  async function expectAccessible(name: string) {
    await screenshot(page, name);
    const violations = serious(await axeViolations(page, name));
    expect(violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.slice(0, 3))}`)).toEqual([]);
  }

  it('registers an application to scan into', async () => {
    await signInOnline(page, core.url, 'klerks');
    await expect.poll(() => deskDb.prepare(`SELECT count(*) FROM case_number_blocks WHERE next <= last`).pluck().get(), slow).toBeGreaterThan(0);
    expect(await registerDraft(page, 'bezdarbnieka statuss', 'P.02')).toMatch(/^P\.02 \d{5,}$/u);
  });

  it('scans five pages from the feeder, turns one, drops one and saves the rest on the case as one PDF', async () => {
    const open = page.getByRole('button', { name: 'Skenēt dokumentu' });
    await open.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /Skenēšana lietai P\.02/u });
    await dialog.waitFor();
    const device = dialog.getByLabel('Skeneris');
    await expect.poll(async () => (await device.locator('option').allTextContents()).join('|'), slow).toMatch(/frontend-tester/u);
    await device.selectOption({ value: 'test:0' });
    await dialog.getByLabel('Ko skenē').selectOption({ value: 'application' });
    await expect.poll(() => dialog.getByLabel('Avots').inputValue()).toBe('feeder');
    await dialog.getByLabel('Izšķirtspēja').selectOption({ value: '75' });
    // The test device's feeder always holds ten sheets; the document has five.
    await dialog.getByLabel('Lapu skaits').fill('5');
    await dialog.getByRole('button', { name: 'Sākt skenēšanu' }).click();
    const pages = dialog.getByRole('list', { name: 'Noskenētās lapas' }).getByRole('listitem');
    await expect.poll(() => dialog.getByRole('status').textContent(), slow).toBe('Noskenētas 5 lapas.');
    await expect.poll(() => pages.locator('img').count(), slow).toBe(5);
    await dialog.getByRole('button', { name: 'Pagriezt 1. lapu par 90°' }).click();
    await dialog.getByRole('button', { name: 'Izņemt 4. lapu' }).click();
    await expect.poll(() => pages.count()).toBe(4);
    await expectAccessible('scanning-01-pages');
    await dialog.getByLabel('Faila nosaukums').fill('bezdarbnieka-iesniegums');
    await dialog.getByRole('button', { name: 'Saglabāt lietā (4 lapas)' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByText('bezdarbnieka-iesniegums.pdf').count(), slow).toBeGreaterThan(0);

    const row = deskDb.prepare(`SELECT id, file FROM attachments WHERE name = 'bezdarbnieka-iesniegums.pdf'`).get() as { id: string; file: string };
    const path = join(data.dir, row.file);
    execFileSync('qpdf', ['--check', path]);
    const pdf = await PDFDocument.load(readFileSync(path));
    expect(pdf.getPageCount()).toBe(4);
    expect(pdf.getPage(0).getRotation().angle).toBe(90);
    copyFileSync(path, join(outputDir, 'scanning-case-scan.pdf'));
    // The scan follows the case to the platform, with its page count and the settings it was made with.
    await expect
      .poll(async () => (await platform.sql.query(`SELECT 1 FROM sync_rows r JOIN document_content d ON d.id = r.id WHERE r.id = $1 AND d.complete`, [row.id])).length, slow)
      .toBe(1);
    const [doc] = await platform.sql.query<{ data: { pages: number; scanSettings: Record<string, unknown> } }>(`SELECT data FROM sync_rows WHERE id = $1`, [row.id]);
    expect(doc?.data).toMatchObject({ pages: 4, scanSettings: { source: 'feeder', resolution: 75, backend: 'sane' } });
  });

  it('shows the scanners and the pad situation in the devices area, and takes a test signature', async () => {
    await page.locator('body').focus();
    await page.keyboard.press('Alt+6');
    await page.getByRole('heading', { level: 1, name: 'Ierīces' }).waitFor();
    await expect.poll(() => page.getByRole('button', { name: /^Testa skenēšana: frontend-tester/u }).count(), slow).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('Neviena Wacom STU parakstu planšete nav pievienota', { exact: false }).count(), slow).toBe(1);
    const area = page.getByRole('img', { name: 'Testa paraksta laukums' });
    const box = (await area.boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 20; i++) await page.mouse.move(box.x + 20 + i * 10, box.y + box.height / 2 + (i % 2 ? 15 : -15));
    await page.mouse.up();
    await expect.poll(() => page.getByText(/Ierakstīti \d+ punkti/u).textContent()).not.toMatch(/Ierakstīti 0 /u);
    await expectAccessible('devices-01-screen');
  });

  it('raised no script error and no CSP violation', () => {
    expect(problems).toEqual([]);
  });
});
