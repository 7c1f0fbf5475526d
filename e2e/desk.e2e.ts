import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, openDesk, screenshot, serious, startCore, tempDataDir, type DeskInBrowser } from './harness';

/**
 * The first clerk flow, keyboard only, in Debian's Chromium against the real browser-mode core:
 * sign in, find a service typed without diacritics, register a consultation, see it in today's
 * list, and still see it after the core restarts.
 */
describe('clerk at the desk', () => {
  let desk: DeskInBrowser;
  let page: Page;

  beforeAll(async () => {
    desk = await openDesk();
    page = desk.page;
  });
  afterAll(async () => desk?.close());

  async function expectAccessible(name: string) {
    await screenshot(page, name);
    const violations = serious(await axeViolations(page, name));
    expect(violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.slice(0, 3))}`)).toEqual([]);
  }

  it('signs in with the keyboard, in Latvian by default', async () => {
    await page.goto(desk.core.url);
    await expect.poll(() => page.getByLabel('Lietotājvārds').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.evaluate(() => location.hash)).toBe('');
    await expectAccessible('01-sign-in');

    await page.keyboard.type('klerks');
    await page.keyboard.press('Tab');
    await page.keyboard.type('nepareiza');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Nepareizs lietotājvārds vai parole.').count()).toBeGreaterThan(0);

    await page.getByLabel('Parole').fill('');
    await page.getByLabel('Parole').focus();
    await page.keyboard.type('demo');
    await page.keyboard.press('Enter');
    await page.getByRole('navigation').waitFor();
    expect(await page.getByText('Anna Bērziņa').count()).toBeGreaterThan(0);
  });

  it('finds the NVA unemployed-status service typed without diacritics and registers a consultation', async () => {
    const search = page.getByLabel('Meklēt pakalpojumu');
    await search.focus();
    await page.keyboard.type('bezdarbnieka');
    const options = page.getByRole('listbox', { name: 'Pakalpojumi' }).getByRole('option');
    await options.first().waitFor();
    expect(await options.first().textContent()).toMatch(/NVA|Nodarbinātības/u);
    await expectAccessible('02-desk-search');

    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');

    // Channel: phone; client: by phone number; outcome; note — all by keyboard.
    await page.getByLabel('Kanāls').focus();
    await page.getByLabel('Kanāls').selectOption({ label: 'Tālrunis' });
    await page.getByRole('radio', { name: 'Tālruņa numurs' }).focus();
    await page.keyboard.press('Space');
    await page.getByLabel('Tālruņa numurs klientam').focus();
    await page.keyboard.type('26123456');
    await page.getByLabel('Rezultāts').focus();
    await page.getByLabel('Rezultāts').selectOption({ label: 'Informēts' });
    await page.getByLabel('Piezīme').focus();
    await page.keyboard.type('Izskaidrota reģistrācija bezdarbnieka statusam.');
    await page.keyboard.press('Control+Enter');

    const today = page.getByRole('table', { name: 'Šodienas konsultācijas' });
    await expect.poll(() => today.getByRole('row').count()).toBe(2);
    const row = await today.getByRole('row').nth(1).textContent();
    expect(row).toMatch(/Bezdarbnieka/u);
    expect(row).not.toContain('26123456');
    await expectAccessible('03-desk-registered');
    // The consultation, and the worktime day the clerk's sign-in at this desk opened.
    await expect.poll(() => page.getByText(/2 nenosūtītas izmaiņas/u).count()).toBeGreaterThan(0);

    // Alt+S lists what waits to be sent.
    await page.keyboard.press('Alt+S');
    const outbox = page.getByRole('dialog', { name: 'Izmaiņu nosūtīšana' });
    await outbox.waitFor();
    await expect.poll(() => outbox.getByText('Konsultācijas reģistrēšana').count()).toBe(1);
    expect(await outbox.getByText('Darba laika ieraksts').count()).toBe(1);
    await expectAccessible('03b-outbox');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  });

  it('rejects a wrong phone number with a Latvian message next to the field', async () => {
    await page.getByRole('radio', { name: 'Tālruņa numurs' }).check();
    await page.getByLabel('Tālruņa numurs klientam').fill('123');
    await page.getByRole('button', { name: 'Reģistrēt konsultāciju' }).click();
    await expect.poll(() => page.getByLabel('Tālruņa numurs klientam').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('table', { name: 'Šodienas konsultācijas' }).getByRole('row').count()).toBe(2);
  });

  it('shows every other area honestly and passes the accessibility check on each', async () => {
    for (const [shortcut, name] of [
      ['Alt+2', '04-clients'],
      ['Alt+3', '05-cases'],
      ['Alt+4', '06-knowledge'],
      ['Alt+5', '07-queue'],
    ] as const) {
      await page.locator('body').focus();
      await page.keyboard.press(shortcut);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await expectAccessible(name);
    }
    await page.keyboard.press('F1');
    await page.getByRole('dialog').waitFor();
    await expectAccessible('08-shortcuts-help');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    // `/` from another area brings the clerk back to the service search, ready to type.
    await page.locator('body').focus();
    await page.keyboard.press('Alt+3');
    await page.locator('body').focus();
    await page.keyboard.press('/');
    await expect.poll(() => page.getByLabel('Meklēt pakalpojumu').evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('keeps today’s consultation after the core restarts', async () => {
    // The old page would keep redialling the old core's port while the new one starts, and Chromium
    // reports each refused dial as a script error; a restart of the desk closes its window too.
    await page.goto('about:blank');
    await desk.restartCore();
    await page.goto(desk.core.url);
    await page.getByLabel('Lietotājvārds').fill('klerks');
    await page.getByLabel('Parole').fill('demo');
    await page.keyboard.press('Enter');
    const today = page.getByRole('table', { name: 'Šodienas konsultācijas' });
    await expect.poll(() => today.getByRole('row').count()).toBe(2);
    expect(await today.textContent()).toMatch(/Bezdarbnieka/u);
  });

  it('switches to English and back', async () => {
    await page.locator('body').focus();
    await page.keyboard.press('Alt+L');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await expectAccessible('09-desk-english');
    await page.keyboard.press('Alt+L');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('lv');
  });

  it('raised no script error and no CSP violation on the way', () => {
    expect(desk.problems).toEqual([]);
  });
});

describe('contract over the browser-mode socket', () => {
  it('answers a malformed call with a typed error and keeps serving', async () => {
    const data = tempDataDir();
    const core = await startCore(data.dir);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(core.url);
      const replies = await page.evaluate(async () => {
        const token = sessionStorage.getItem('lete.token') ?? '';
        const ws = new WebSocket(`ws://${location.host}/rpc?token=${encodeURIComponent(token)}`);
        await new Promise((resolve) => ws.addEventListener('open', resolve, { once: true }));
        const next = () =>
          new Promise<unknown>((resolve) => {
            const onMessage = (e: MessageEvent) => {
              const m = JSON.parse(String(e.data)) as { id?: unknown };
              if ('id' in m) {
                ws.removeEventListener('message', onMessage);
                resolve(m);
              }
            };
            ws.addEventListener('message', onMessage);
          });
        const out: unknown[] = [];
        for (const raw of ['not json', JSON.stringify({ id: 1, call: 'catalogue.search', input: { query: 5 } }), JSON.stringify({ id: 2, call: 'system.exec', input: {} }), JSON.stringify({ id: 3, call: 'app.info', input: {} })]) {
          ws.send(raw);
          out.push(await next());
        }
        ws.close();
        return out;
      });
      expect(replies).toMatchObject([
        { ok: false, error: { code: 'MALFORMED_MESSAGE' } },
        { id: 1, ok: false, error: { code: 'UNAUTHENTICATED' } },
        { id: 2, ok: false, error: { code: 'UNKNOWN_CALL' } },
        { id: 3, ok: true, data: { name: 'Lete' } },
      ]);
    } finally {
      await browser.close();
      await core.stop();
      data.remove();
    }
  });
});
