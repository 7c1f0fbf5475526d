import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../main/supervision/export';
import { createPlatform, type Platform } from '../platform/server';
import { connectDesk, signIn } from '../platform/test-support/platform';
import { signInOnline } from './clerk-flows';
import { axeViolations, openDesk, screenshot, serious, type DeskInBrowser } from './harness';

const slow = { timeout: 60_000, interval: 250 };
const queueA = 'queue-riga-centrs-a';

interface StatsTotals {
  statistics: { totals: { period: string; served: number; tickets: number; noShows: number }[] };
}

/**
 * The centre's supervisor in Debian's Chromium against a real platform with a little demo history:
 * opens the dashboard by keyboard, sees a ticket a kiosk has just issued waiting, reads the history
 * whose total for the range is the platform's own `statistics` answer, changes a wait target and
 * exports the history as CSV.
 */
describe('supervisor’s dashboard', () => {
  let dir: string;
  let platform: Platform;
  let desk: DeskInBrowser;
  let page: Page;
  async function expectAccessible(name: string) {
    await screenshot(page, name);
    const violations = serious(await axeViolations(page, name));
    expect(violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.slice(0, 3))}`)).toEqual([]);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lete-supervisor-browser-'));
    platform = await createPlatform({ dataDir: dir, port: 0, demo: true, passwordMemoryCost: 1024, tokenSecret: 'e2e', demoHistory: { days: 21, scale: 0.01 } });
    // A client takes a ticket at the kiosk before the supervisor looks.
    const kiosk = await connectDesk(platform, 'kiosks.riga-centrs');
    const issued = await kiosk.push('ticket.issue', { id: randomUUID(), queueId: queueA, category: 'regular' });
    expect(issued.status).toBe('APPLIED');
    desk = await openDesk({ LETE_PLATFORM_URL: platform.url });
    page = desk.page;
  }, 180_000);
  afterAll(async () => {
    await desk?.close();
    await platform?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens the dashboard by keyboard and shows the queue with the waiting client', async () => {
    await signInOnline(page, desk.core.url, 'vaditajs');
    await page.locator('body').focus();
    await page.keyboard.press('Alt+6');
    await page.getByRole('heading', { level: 1, name: 'Vadītāja pārskats' }).waitFor();
    const tab = page.getByRole('tab', { name: 'Tiešraide' });
    expect(await tab.getAttribute('aria-selected')).toBe('true');
    const row = page.getByTestId('queue-A');
    await row.waitFor(slow);
    await expect.poll(async () => Number((await row.locator('td').first().textContent())?.replace(/\s/gu, '')), slow).toBeGreaterThanOrEqual(1);
    expect(await row.textContent()).toMatch(/mērķis \d+ min/u);
    expect(await page.getByText(/^Dati uz plkst\. \d\d:\d\d/u).count()).toBe(1);
    expect(await page.getByRole('heading', { level: 2, name: 'Darbinieki' }).count()).toBe(1);
    await expectAccessible('supervisor-01-live');
  });

  it('changes a queue’s wait target, which reaches the platform', async () => {
    const input = page.getByLabel(/^Gaidīšanas mērķis rindai A/u);
    await input.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('25');
    await page.keyboard.press('Enter');
    await page.getByText('Saglabāts; tiks nosūtīts platformai.').first().waitFor(slow);
    const supervisor = await signIn(platform, 'vaditajs');
    await expect
      .poll(async () => {
        const { centreLive } = await supervisor.request<{ centreLive: { queues: { queueId: string; waitTargetMinutes: number }[] } }>(
          `{ centreLive { queues { queueId waitTargetMinutes } } }`,
        );
        return centreLive.queues.find((q) => q.queueId === queueA)?.waitTargetMinutes;
      }, slow)
      .toBe(25);
    // The pull that brings the queue back refreshes the screen: the new target, nothing pending.
    await expect.poll(() => page.getByTestId('queue-A').textContent(), slow).toContain('mērķis 25 min');
    await expect.poll(() => page.getByText(/gaida apstiprinājumu/u).count(), slow).toBe(0);
  });

  it('shows the history whose total is the platform’s, and exports it as CSV', async () => {
    const tab = page.getByRole('tab', { name: 'Tiešraide' });
    await tab.focus();
    await page.keyboard.press('ArrowRight');
    const history = page.getByRole('tab', { name: 'Vēsture' });
    await expect.poll(() => history.getAttribute('aria-selected')).toBe('true');
    const preset = page.getByRole('button', { name: 'Pēdējās 30 dienas' });
    await preset.focus();
    await page.keyboard.press('Enter');
    const from = await page.getByLabel('No', { exact: true }).inputValue();
    const to = await page.getByLabel('Līdz', { exact: true }).inputValue();
    await page.getByLabel('Grupēt pa').selectOption('week');
    await page.getByLabel('Sadalīt pēc').selectOption('service');

    const supervisor = await signIn(platform, 'vaditajs');
    const { statistics } = await supervisor.request<StatsTotals>(
      `query ($from: String!, $to: String!) { statistics(from: $from, to: $to, period: week, by: service) { totals { period served tickets noShows } } }`,
      { from, to },
    );
    const served = statistics.totals.reduce((n, r) => n + r.served, 0);
    const tickets = statistics.totals.reduce((n, r) => n + r.tickets, 0);
    expect(served).toBeGreaterThan(0);
    const total = page.getByTestId('history-total');
    const cell = async (column: string) => Number((await total.locator(`td[data-column="${column}"]`).textContent())?.replace(/\s/gu, ''));
    await expect.poll(() => cell('served'), slow).toBe(served);
    expect(await cell('tickets')).toBe(tickets);
    expect(await page.getByRole('img', { name: /Apkalpotie un neieradušies klienti/u }).count()).toBe(1);

    // Sorting by a column header, by keyboard.
    const sortServed = page.getByRole('button', { name: 'Kārtot pēc: Apkalpoti' });
    await sortServed.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('th[aria-sort="ascending"]').count()).toBe(1);
    await expectAccessible('supervisor-02-history');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Eksportēt CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`statistika-${from}-${to}-week-service.csv`);
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8'));
    expect(rows[0]?.slice(0, 5)).toEqual(['Perioda sākums', 'Pakalpojums', 'Kods', 'Taloni', 'Apkalpoti']);
    const periodTotals = rows.filter((r) => r[1] === 'Kopā');
    expect(periodTotals.length).toBe(statistics.totals.length);
    expect(periodTotals.reduce((n, r) => n + Number(r[4]), 0)).toBe(served);
    expect(Number(rows.at(-1)?.[4])).toBe(served);
    expect(desk.problems).toEqual([]);
  });
});
