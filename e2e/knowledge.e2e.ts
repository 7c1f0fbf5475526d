import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, openDesk, screenshot, serious, type DeskInBrowser } from './harness';

/** A call-centre agent finds an article typed without diacritics and with a typo, by keyboard. */
describe('agent searching the knowledge base', () => {
  let desk: DeskInBrowser;
  let page: Page;

  beforeAll(async () => {
    desk = await openDesk();
    page = desk.page;
    await page.goto(desk.core.url);
    await page.getByLabel('Lietotājvārds').fill('operators');
    await page.getByLabel('Parole').fill('demo');
    await page.keyboard.press('Enter');
    await page.getByRole('navigation').waitFor();
  });
  afterAll(async () => desk?.close());

  it('finds and opens the article on the knowledge base and scripts', async () => {
    await page.locator('body').focus();
    await page.keyboard.press('Alt+4');
    await page.getByRole('heading', { level: 1, name: 'Zināšanas' }).waitFor();
    await page.getByLabel('Meklēt zināšanu bāzē').focus();
    await page.keyboard.type('zinasanu bze izpildes skripti');
    const options = page.getByRole('listbox', { name: 'Raksti' }).getByRole('option');
    await options.first().waitFor();
    expect(await options.first().textContent()).toMatch(/4\.4\.2\.6\./u);
    expect(await options.first().locator('mark').count()).toBeGreaterThan(0);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const title = page.getByRole('heading', { level: 2, name: /4\.4\.2\.6\./u });
    await title.waitFor();
    await expect.poll(() => title.evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshot(page, '10-knowledge-article');
    const violations = serious(await axeViolations(page, '10-knowledge-article'));
    expect(violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.slice(0, 3))}`)).toEqual([]);
  });

  it('raised no script error and no CSP violation', () => {
    expect(desk.problems).toEqual([]);
  });
});
