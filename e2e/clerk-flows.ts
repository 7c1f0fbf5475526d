import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const slow = { timeout: 60_000, interval: 250 };

/** Signs in by keyboard on the sign-in screen and waits until the status bar says the platform is reachable. */
export async function signInOnline(page: Page, url: string, username: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Lietotājvārds').waitFor();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type('demo');
  await page.keyboard.press('Enter');
  await page.getByRole('navigation').waitFor();
  await expect.poll(() => page.getByRole('contentinfo').getByText('Tiešsaistē', { exact: true }).count(), slow).toBe(1);
}

/**
 * A new application by keyboard from the cases area: the service found by what a clerk would type,
 * the draft confirmed; answers the case number the desk gave it.
 */
export async function registerDraft(page: Page, typed: string, serviceCode: string): Promise<string> {
  await page.keyboard.press('Alt+3');
  await page.getByRole('button', { name: /^Jauns pieteikums/u }).waitFor();
  await page.keyboard.press('Alt+N');
  const service = page.getByRole('combobox', { name: /pakalpojum/iu }).first();
  await expect.poll(() => service.evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.type(typed);
  await expect.poll(() => page.getByRole('option').filter({ hasText: serviceCode }).count()).toBeGreaterThan(0);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.getByTestId('case-status').waitFor(slow);
  const pattern = new RegExp(`${serviceCode.replace('.', '\\.')} \\d+`, 'u');
  return (await page.getByRole('heading', { level: 2 }).filter({ hasText: pattern }).first().textContent())?.match(pattern)?.[0] ?? '';
}
