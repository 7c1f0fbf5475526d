import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform, type Platform } from '../platform/server';
import { axeViolations, openDesk, screenshot, serious, type DeskInBrowser } from './harness';

const slow = { timeout: 60_000, interval: 250 };

/**
 * A call-centre agent in Debian's Chromium, keyboard only, against a real platform: finds an article
 * typed without diacritics and with a typo, opens it, follows its topic, runs a call script from its
 * first question to its outcome, and sees the consultation in the day's list with the script's name.
 */
describe('agent with the knowledge base and a call script', () => {
  let dir: string;
  let platform: Platform;
  let desk: DeskInBrowser;
  let page: Page;
  const focused = (l: Locator) => l.evaluate((el) => el === document.activeElement);
  async function expectAccessible(name: string) {
    await screenshot(page, name);
    const violations = serious(await axeViolations(page, name));
    expect(violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.slice(0, 3))}`)).toEqual([]);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lete-kb-browser-'));
    platform = await createPlatform({ dataDir: dir, port: 0, demo: true, passwordMemoryCost: 1024, tokenSecret: 'e2e' });
    desk = await openDesk({ LETE_PLATFORM_URL: platform.url });
    page = desk.page;
    await page.goto(desk.core.url);
    await page.getByLabel('Lietotājvārds').fill('operators');
    await page.getByLabel('Parole').fill('demo');
    await page.keyboard.press('Enter');
    await page.getByRole('navigation').waitFor();
    await page.getByRole('contentinfo').getByText('Tiešsaistē', { exact: true }).waitFor({ timeout: 60_000 });
  });
  afterAll(async () => {
    await desk?.close();
    await platform?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds an article typed without diacritics and with a typo, and opens it by keyboard', async () => {
    await page.locator('body').focus();
    await page.keyboard.press('Alt+4');
    await page.getByRole('heading', { level: 1, name: 'Zināšanas' }).waitFor();
    const search = page.getByLabel('Meklēt zināšanu bāzē');
    await search.focus();
    // "bērna kopšanas pabalsts", no diacritics, one letter dropped from "kopšanas".
    await page.keyboard.type('berna kopsnas pabalsts');
    const options = page.getByRole('listbox', { name: 'Raksti' }).getByRole('option');
    await expect.poll(async () => (await options.count()) > 0 && (await options.first().textContent()), slow).toMatch(/^Bērna kopšanas pabalsts: kā pieprasīt/u);
    expect(await options.first().locator('mark').count()).toBeGreaterThan(0);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const title = page.getByRole('heading', { level: 2, name: /Bērna kopšanas pabalsts: kā pieprasīt/u });
    await title.waitFor();
    await expect.poll(() => focused(title)).toBe(true);
    const article = page.locator('article.article');
    expect(await article.getByRole('heading', { level: 3, name: 'Soļi pie letes' }).count()).toBe(1);
    expect(await article.getByRole('link', { name: 'Valsts sociālo pabalstu likums' }).getAttribute('href')).toMatch(/^https:\/\/likumi\.lv\//u);
    expect(await article.textContent()).toContain('Mārtiņš Liepiņš');

    // Following the topic puts it into "changes in what you follow".
    const follow = article.getByRole('button', { name: /^Sekot tēmai/u });
    await follow.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => article.getByRole('button', { name: /^Nesekot tēmai/u }).getAttribute('aria-pressed')).toBe('true');
    await expectAccessible('knowledge-01-article');
  });

  it('runs a call script from its first question to its outcome, by keyboard, and records the consultation', async () => {
    const tab = page.getByRole('tab', { name: 'Sarunu skripti' });
    await tab.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
    const start = page.getByRole('button', { name: 'Sākt: Zvans par pabalstu bērna kopšanai' });
    await start.focus();
    await page.keyboard.press('Enter');
    const step = page.locator('.script-step h3');
    await expect.poll(() => step.textContent()).toMatch(/pusotra gada/u);
    await expect.poll(() => focused(step)).toBe(true);

    // 1: "Jā" (younger than 18 months); then the agent goes back and answers again.
    await page.keyboard.press('1');
    await expect.poll(() => step.textContent()).toMatch(/sociāli apdrošināts/u);
    await page.keyboard.press('Alt+ArrowLeft');
    await expect.poll(() => step.textContent()).toMatch(/pusotra gada/u);
    await page.keyboard.press('1');
    await expect.poll(() => step.textContent()).toMatch(/sociāli apdrošināts/u);
    // 2: "Nē" (not insured): the childcare benefit, with its article suggested beside the step.
    await page.keyboard.press('2');
    await expect.poll(() => step.textContent()).toMatch(/bērna kopšanas pabalsts/u);
    const suggestions = page.getByRole('region', { name: 'Saistītie raksti' });
    await expect.poll(() => suggestions.getByRole('button', { name: 'Raksts par šo soli' }).count()).toBe(1);
    const path = page.getByRole('navigation', { name: 'Sarunas gaita' }).getByRole('listitem');
    expect(await path.count()).toBe(3);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => step.textContent()).toMatch(/Pierakstiet/u);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Iesniegs Rīgas centrā pirmdien.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Sarunas iznākums: Nepieciešams pieteikums' }).count()).toBe(1);
    await expectAccessible('knowledge-02-script-end');
    const finish = page.getByRole('button', { name: 'Pabeigt un reģistrēt konsultāciju' });
    await finish.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('button', { name: 'Sākt: Zvans par pabalstu bērna kopšanai' }).count()).toBe(1);
  });

  it('shows the consultation in the day’s list with the script it followed, and sends it to the platform', async () => {
    await page.locator('body').focus();
    await page.keyboard.press('Alt+1');
    const row = page.getByRole('table').getByRole('row').filter({ hasText: 'pēc skripta „Zvans par pabalstu bērna kopšanai”' });
    await expect.poll(() => row.count(), slow).toBe(1);
    expect(await row.textContent()).toContain('Nepieciešams pieteikums');
    await expect.poll(async () => (await platform.sql.query(`SELECT 1 FROM sync_rows WHERE entity = 'consultation' AND data->'script'->'path' @> '["kopsanas","kad"]'`)).length, slow).toBe(1);
    const [saved] = await platform.sql.query<{ note: string }>(`SELECT data->>'note' AS note FROM sync_rows WHERE entity = 'consultation' AND jsonb_typeof(data->'script') = 'object'`);
    expect(saved?.note).toBe('Iesniegs Rīgas centrā pirmdien.');
  });

  it('raised no script error and no CSP violation', () => {
    expect(desk.problems).toEqual([]);
  });
});
