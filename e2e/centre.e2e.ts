import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform, type Platform } from '../platform/server';
import { signIn } from '../platform/test-support/platform';
import { rigaDay } from '../shared/riga-day';
import { signInOnline } from './clerk-flows';
import { axeViolations, launchBrowser, screenshot, serious, startCore, tempDataDir, watchPageErrors, type RunningCore } from './harness';

const slow = { timeout: 30_000, interval: 250 };
const CENTRE = 'riga-centrs';

interface TicketRow {
  number: string;
  queueId: string;
  status: string;
  issuedAt: string;
  calledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  deskId: string | null;
}

/**
 * A centre's morning in Debian's Chromium, every part real: the hall's kiosk issues four tickets, two
 * desks (browser-mode cores syncing with the platform) call at the same moment and never get the same
 * client, the display shows their calls, a client rates the service on the screen beside the desk,
 * and the supervisor's live figures and history show exactly what happened — compared here with
 * figures counted from the tickets themselves.
 */
describe('a centre at work: kiosk, two desks, display, rating and the supervisor', () => {
  let platform: Platform;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const cores: RunningCore[] = [];
  const dirs: { remove(): void }[] = [];
  const problems = new Map<Page, string[]>();

  async function page(width = 1366, height = 900): Promise<Page> {
    const context = await browser.newContext({ locale: 'lv-LV', timezoneId: 'Europe/Riga', viewport: { width, height }, acceptDownloads: true });
    contexts.push(context);
    const p = await context.newPage();
    problems.set(p, watchPageErrors(p));
    return p;
  }

  async function desk(deskId: string, username: string): Promise<Page> {
    const data = tempDataDir();
    dirs.push(data);
    const core = await startCore(data.dir, { LETE_PLATFORM_URL: platform.url, LETE_DESK_ID: deskId, LETE_DEMO_SCANNER: '0' });
    cores.push(core);
    const p = await page();
    await signInOnline(p, core.url, username);
    return p;
  }

  async function signInDevice(p: Page) {
    const username = p.getByLabel('Lietotājvārds');
    await username.waitFor();
    await username.focus();
    await p.keyboard.type(`kiosks.${CENTRE}`);
    await p.keyboard.press('Tab');
    await p.keyboard.type('demo');
    await p.keyboard.press('Enter');
  }

  async function accessible(p: Page, name: string) {
    await screenshot(p, name);
    const violations = serious(await axeViolations(p, name));
    expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  }

  async function tickets(): Promise<TicketRow[]> {
    const rows = await platform.sql.query<{ data: TicketRow }>(`SELECT data FROM sync_rows WHERE entity = 'ticket' AND data->>'day' = $1 AND centre_id = $2`, [rigaDay(new Date()), CENTRE]);
    return rows.map((r) => r.data);
  }

  beforeAll(async () => {
    platform = await createPlatform({ port: 0, demo: true, passwordMemoryCost: 1024, tokenSecret: 'e2e-centre' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    for (const c of cores) await c.stop();
    for (const d of dirs) d.remove();
    await platform?.close();
  });

  it('runs the morning and the supervisor sees exactly what happened', async () => {
    expect(await tickets()).toEqual([]);
    const [{ username: colleague }] = (await platform.sql.query<{ username: string }>(`SELECT username FROM users WHERE id = 'user-desk-riga-centrs-2'`)) as [{ username: string }];
    const [anna, other] = await Promise.all([desk('desk-riga-centrs-1', 'klerks'), desk('desk-riga-centrs-2', colleague)]);

    // The kiosk: four clients take tickets; the third is a senior.
    const kiosk = await page(1280, 1024);
    await kiosk.goto(`${platform.url}/screens/kiosk.html`);
    await signInDevice(kiosk);
    const start = kiosk.getByRole('heading', { level: 1, name: 'Izvēlieties rindu' });
    const issued: string[] = [];
    for (const [letter, category] of [['A', 'Parastā rinda'], ['A', 'Parastā rinda'], ['B', 'Seniors (no 75 gadu vecuma)'], ['C', 'Parastā rinda']] as const) {
      await start.waitFor(slow);
      await kiosk.getByRole('button', { name: new RegExp(`^${letter}\\s`, 'u') }).click();
      await kiosk.getByRole('button', { name: category }).click();
      const number = kiosk.locator('.receipt .number');
      await number.waitFor(slow);
      issued.push((await number.textContent()) ?? '');
      await kiosk.getByRole('button', { name: 'Gatavs' }).click();
    }
    expect(issued).toEqual(['A001', 'A002', 'B001', 'C001']);

    const display = await page(1920, 1080);
    await display.goto(`${platform.url}/screens/display.html?centre=${CENTRE}`);
    await signInDevice(display);
    const rating = await page(1024, 768);
    await rating.goto(`${platform.url}/screens/rating.html?desk=desk-riga-centrs-1`);
    await signInDevice(rating);

    // Both desks see the four and press F6 at the same moment: the senior first, then the longest wait.
    for (const p of [anna, other]) await expect.poll(() => p.getByText('Rindā gaida 4 klienti').count(), slow).toBe(1);
    await Promise.all([anna.keyboard.press('F6'), other.keyboard.press('F6')]);
    const current = (p: Page) => p.locator('.queue-bar .queue-number');
    const status = (p: Page) => p.locator('.queue-bar .queue-ticket strong').textContent();
    await Promise.all([anna, other].map((p) => current(p).waitFor(slow)));
    const firstCalls = [await current(anna).textContent(), await current(other).textContent()];
    expect(new Set(firstCalls).size).toBe(2);
    expect([...firstCalls].sort()).toEqual(['A001', 'B001']);

    // The hall's display shows both calls with their desks.
    for (const [number, deskName] of [[firstCalls[0], 'Lete 1'], [firstCalls[1], 'Lete 2']]) {
      await expect.poll(() => display.locator('.call').filter({ hasText: number ?? '' }).first().textContent(), slow).toContain(deskName);
    }
    await screenshot(display, 'centre-01-display');

    // Anna serves hers and finishes; the client rates her on the screen beside the desk.
    await anna.keyboard.press('F8');
    await expect.poll(() => status(anna), slow).toBe('apkalpo');
    await accessible(anna, 'centre-02-desk-serving');
    await anna.keyboard.press('F9');
    await expect.poll(() => current(anna).count(), slow).toBe(0);
    await rating.getByRole('heading', { level: 1, name: /Kā jūs vērtējat apkalpošanu\?/u }).waitFor(slow);
    expect(await rating.getByText(`Talons ${firstCalls[0]}`).count()).toBe(1);
    await rating.keyboard.press('5');
    await rating.getByRole('heading', { level: 1, name: /Jūsu vērtējums: 5/u }).waitFor();
    await rating.getByLabel(/Komentārs/u).focus();
    await rating.keyboard.press('Tab');
    await rating.keyboard.press('Enter');
    await expect.poll(() => rating.locator('body').textContent(), slow).toMatch(/Paldies par vērtējumu/u);

    // The colleague serves theirs; Anna's next client does not come; the colleague serves the last.
    await other.keyboard.press('F8');
    await expect.poll(() => status(other), slow).toBe('apkalpo');
    await other.keyboard.press('F9');
    await expect.poll(() => current(other).count(), slow).toBe(0);
    await anna.keyboard.press('F6');
    await expect.poll(() => current(anna).textContent(), slow).toBe('A002');
    await anna.keyboard.press('Shift+F8');
    await expect.poll(() => current(anna).count(), slow).toBe(0);
    await other.keyboard.press('F6');
    await expect.poll(() => current(other).textContent(), slow).toBe('C001');
    await other.keyboard.press('F8');
    await expect.poll(() => status(other), slow).toBe('apkalpo');
    await other.keyboard.press('F9');
    await expect.poll(() => current(other).count(), slow).toBe(0);
    await expect.poll(async () => (await tickets()).filter((t) => t.status === 'done' || t.status === 'no_show').length, slow).toBe(4);

    // What happened, counted from the tickets themselves.
    const rows = await tickets();
    const byQueue = (letter: string) => rows.filter((t) => t.queueId === `queue-${CENTRE}-${letter.toLowerCase()}`);
    const expected = Object.fromEntries(
      ['A', 'B', 'C'].map((letter) => [letter, { served: byQueue(letter).filter((t) => t.status === 'done').length, noShows: byQueue(letter).filter((t) => t.status === 'no_show').length }]),
    );
    expect(expected).toEqual({ A: { served: 1, noShows: 1 }, B: { served: 1, noShows: 0 }, C: { served: 1, noShows: 0 } });
    const feedback = await platform.sql.query<{ rating: number; ticket: string }>(`SELECT (data->>'rating')::int AS rating, data->>'ticketId' AS ticket FROM sync_rows WHERE entity = 'feedback'`);
    expect(feedback.map((f) => f.rating)).toEqual([5]);

    // The supervisor, live: each queue's served today, no one waiting, and today's rating.
    const supervisorCoreData = tempDataDir();
    dirs.push(supervisorCoreData);
    const supervisorCore = await startCore(supervisorCoreData.dir, { LETE_PLATFORM_URL: platform.url, LETE_DESK_ID: 'desk-riga-centrs-3', LETE_DEMO_SCANNER: '0' });
    cores.push(supervisorCore);
    const supervisor = await page(1440, 1000);
    await signInOnline(supervisor, supervisorCore.url, 'vaditajs');
    await supervisor.locator('body').focus();
    await supervisor.keyboard.press('Alt+6');
    await supervisor.getByRole('heading', { level: 1, name: 'Vadītāja pārskats' }).waitFor(slow);
    const cells = async (letter: string) => (await supervisor.getByTestId(`queue-${letter}`).locator('td').allTextContents()).map((c) => c.replace(/\s/gu, ''));
    for (const letter of ['A', 'B', 'C']) {
      await expect.poll(async () => (await cells(letter))[5], slow).toBe(String(expected[letter]!.served));
      expect((await cells(letter))[0]).toBe('0');
    }
    await expect.poll(() => supervisor.getByText('Klientu vērtējums šodien: 5,0 no 5 (1 vērtējumi)').count(), slow).toBe(1);
    const live = await (await signIn(platform, 'vaditajs')).request<{ centreLive: { queues: { letter: string; servedToday: number; noShowsToday: number }[]; ratingsToday: number } }>(
      `{ centreLive { queues { letter servedToday noShowsToday } ratingsToday } }`,
    );
    expect(Object.fromEntries(live.centreLive.queues.map((q) => [q.letter, { served: q.servedToday, noShows: q.noShowsToday }]))).toEqual(expected);
    await accessible(supervisor, 'centre-03-supervisor-live');

    // History: this week by queue, whose total for today is the morning's four tickets.
    await supervisor.getByRole('tab', { name: 'Vēsture' }).click();
    await supervisor.getByRole('button', { name: 'Šī nedēļa' }).click();
    await supervisor.getByLabel('Sadalīt pēc').selectOption('queue');
    const total = supervisor.getByTestId('history-total');
    const cell = async (column: string) => (await total.locator(`td[data-column="${column}"]`).textContent())?.replace(/\s/gu, '');
    await expect.poll(() => cell('tickets'), slow).toBe('4');
    expect(await cell('served')).toBe('3');
    expect(await cell('noShows')).toBe('1');
    expect(await cell('ratings')).toBe('1');
    await accessible(supervisor, 'centre-04-supervisor-history');

    for (const p of [anna, other, kiosk, display, rating, supervisor]) expect(problems.get(p)).toEqual([]);
  });
});
