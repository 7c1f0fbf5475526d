import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureBox } from '../main/pdf/documents';
import { recordProtector } from '../main/signing/protect';
import { RECORD_FILE } from '../main/signing/sign';
import { drawnPoints, embeddedFile, qpdfCheck } from '../main/signing/test-support';
import { registerDraft, signInOnline } from './clerk-flows';
import { createPlatform, type Platform } from '../platform/server';
import { axeViolations, launchBrowser, outputDir, screenshot, serious, startCore, tempDataDir, watchPageErrors, type RunningCore } from './harness';

const slow = { timeout: 60_000, interval: 250 };
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * The client signs the application on the desk's screen, in Debian's Chromium against the real
 * browser-mode core and platform: the clerk registers an application, opens the signing dialog, the
 * client signs with the mouse, the clerk confirms; the signed PDF is then read from the desk's own
 * storage and checked as an auditor would, down to decrypting the signature record with the desk's key.
 */
describe('signing an application on the screen', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let desk: { core: RunningCore; page: Page; problems: string[] };
  let deskDb: Database.Database;
  const data = tempDataDir();
  const platformDir = mkdtempSync(join(tmpdir(), 'lete-signing-platform-'));
  /** Every application PDF the core sent to the page, as the page received it. */
  const applicationsShown: Uint8Array[] = [];
  let caseNumber = '';

  beforeAll(async () => {
    platform = await createPlatform({ dataDir: platformDir, port: 0, demo: true, passwordMemoryCost: 1024, tokenSecret: 'e2e' });
    browser = await launchBrowser();
    page = await browser.newPage({ locale: 'lv-LV', timezoneId: 'Europe/Riga', viewport: { width: 1366, height: 900 } });
    desk = { core: await startCore(data.dir, { LETE_PLATFORM_URL: platform.url }), page, problems: watchPageErrors(page) };
    page.on('websocket', (socket) =>
      socket.on('framereceived', ({ payload }) => {
        const message = JSON.parse(payload.toString()) as { ok?: boolean; data?: { name?: unknown; mediaType?: unknown; contentBase64?: unknown } };
        const file = message.ok ? message.data : undefined;
        if (file?.mediaType === 'application/pdf' && typeof file.name === 'string' && /^pieteikums-.*\d\.pdf$/u.test(file.name) && typeof file.contentBase64 === 'string') {
          applicationsShown.push(new Uint8Array(Buffer.from(file.contentBase64, 'base64')));
        }
      }),
    );
    deskDb = new Database(join(data.dir, 'lete.sqlite'), { readonly: true, fileMustExist: true });
  });
  afterAll(async () => {
    deskDb?.close();
    await browser?.close();
    await desk?.core.stop();
    await platform?.close();
    data.remove();
    rmSync(platformDir, { recursive: true, force: true });
  });

  async function expectAccessible(name: string) {
    await screenshot(page, name);
    const violations = serious(await axeViolations(page, name));
    expect(violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.slice(0, 3))}`)).toEqual([]);
  }
  const focusedName = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');

  it('registers an application once the desk is online with case numbers', async () => {
    await signInOnline(page, desk.core.url, 'klerks');
    await expect.poll(() => deskDb.prepare(`SELECT count(*) FROM case_number_blocks WHERE next <= last`).pluck().get(), slow).toBeGreaterThan(0);
    caseNumber = await registerDraft(page, 'pases izsniegsana', '1001');
    expect(caseNumber).toMatch(/^1001 \d{5,}$/u);
  });

  it('opens the signing dialog with the application to check, and Escape cancels it', async () => {
    const open = page.getByRole('button', { name: 'Parakstīt pieteikumu ekrānā' });
    await open.click();
    const dialog = page.getByRole('dialog', { name: 'Pieteikuma parakstīšana' });
    await dialog.waitFor();
    await dialog.getByRole('link', { name: /Skatīt pieteikumu/u }).waitFor();
    expect(await dialog.textContent()).toContain(`Lieta Nr. ${caseNumber}`);
    expect(await dialog.textContent()).toContain('1001 Pases izsniegšana');
    expect(await dialog.textContent()).toContain('Jūs parakstāt šo pieteikumu.');
    // The signer's name is where the keyboard starts; the signing area is next, named and explained.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('signing-signer');
    await page.keyboard.press('Tab');
    expect(await focusedName()).toBe('Paraksta laukums');
    const area = dialog.getByRole('img', { name: 'Paraksta laukums' });
    expect(await area.getAttribute('aria-describedby')).toBe('signing-instruction signing-state');
    expect(await dialog.getByRole('button', { name: 'Apstiprināt parakstu' }).isDisabled()).toBe(true);
    // Focus stays inside: past the last button it wraps to the first control.
    await dialog.getByRole('button', { name: 'Atcelt' }).focus();
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);

    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await open.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(deskDb.prepare(`SELECT count(*) FROM attachments`).pluck().get()).toBe(0);
  });

  it('lets the client sign with the mouse, and the clerk confirm', async () => {
    await page.getByRole('button', { name: 'Parakstīt pieteikumu ekrānā' }).click();
    const dialog = page.getByRole('dialog', { name: 'Pieteikuma parakstīšana' });
    await dialog.getByRole('link', { name: /Skatīt pieteikumu/u }).waitFor();
    await dialog.getByLabel('Parakstītāja vārds, uzvārds').fill('Jānis Ozoliņš');

    const area = dialog.getByRole('img', { name: 'Paraksta laukums' });
    const box = await area.boundingBox();
    if (!box) throw new Error('the signing area is not on screen');
    const at = (fx: number, fy: number) => [box.x + fx * box.width, box.y + fy * box.height] as const;
    for (const [stroke, offset] of [
      [0, 0.1],
      [1, 0.4],
      [2, 0.65],
    ] as const) {
      await page.mouse.move(...at(offset, 0.6));
      await page.mouse.down();
      for (let i = 1; i <= 20; i++) await page.mouse.move(...at(offset + (0.25 * i) / 20, 0.6 - 0.3 * Math.sin((i / 20) * Math.PI * (stroke + 1))));
      await page.mouse.up();
    }
    await expect.poll(() => dialog.getByText('Paraksts ievilkts.').count()).toBe(1);
    const confirm = dialog.getByRole('button', { name: 'Apstiprināt parakstu' });
    expect(await confirm.isDisabled()).toBe(false);
    await expectAccessible('signing-01-dialog');

    await confirm.click();
    await expect.poll(() => dialog.count(), slow).toBe(0);
    const signedName = `pieteikums-${caseNumber.replace(' ', '-')}-parakstits.pdf`;
    await expect.poll(() => page.locator('.case-attachments').getByText(signedName).count(), slow).toBe(1);
    await expect.poll(() => page.locator('[aria-live="polite"]').filter({ hasText: `Pieteikums ${caseNumber} parakstīts` }).count()).toBe(1);
    await screenshot(page, 'signing-02-attached');
  });

  it('stores a signed PDF that passes qpdf, with the ink in the field and the client’s record sealed inside', async () => {
    const row = deskDb.prepare<[], { id: string; file: string; sha256: string }>(`SELECT id, file, sha256 FROM attachments WHERE kind = 'application_pdf'`).get();
    if (!row) throw new Error('no signed application on the desk');
    const signed = new Uint8Array(readFileSync(join(data.dir, row.file)));
    writeFileSync(join(outputDir, 'signing-signed-application.pdf'), signed);
    qpdfCheck(signed);

    const envelope = await embeddedFile(signed, RECORD_FILE);
    if (!envelope) throw new Error(`no ${RECORD_FILE} in the signed PDF`);
    const record = recordProtector(data.dir).open(envelope);
    expect(record).toMatchObject({
      source: 'screen',
      signer: { name: 'Jānis Ozoliņš', from: 'typed' },
      operator: { userId: 'user-klerks' },
      reason: 'Pieteikuma parakstīšana',
      capture: { device: null },
    });
    const inked = record.capture.samples.filter((s) => s.tip);
    expect(inked.length).toBeGreaterThanOrEqual(3 * 20);
    expect(record.capture.samples.filter((s) => !s.tip)).toHaveLength(3);
    expect(new Set(record.capture.samples.map((s) => s.pointer))).toEqual(new Set(['mouse']));

    // What the client signed is exactly an application PDF the screen received.
    const unsigned = applicationsShown.find((bytes) => sha256(bytes) === record.document.sha256);
    if (!unsigned) throw new Error('the signed hash is not of a PDF the screen was shown');
    const box = await signatureBox(unsigned);
    if (!box) throw new Error('the application has no signature field');
    const points = await drawnPoints(unsigned, signed, box.page);
    expect(points.length).toBeGreaterThanOrEqual(inked.length);
    expect(points.every((p) => p.x > box.x && p.x < box.x + box.width && p.y > box.y && p.y < box.y + box.height)).toBe(true);

    // And it reaches the platform byte for byte, like any of the case's documents.
    await expect
      .poll(async () => (await platform.sql.query<{ sha256: string }>(`SELECT sha256 FROM document_content WHERE id = $1 AND complete`, [row.id]))[0]?.sha256, slow)
      .toBe(sha256(signed));
    expect(row.sha256).toBe(sha256(signed));
    expect(desk.problems).toEqual([]);
  });
});
