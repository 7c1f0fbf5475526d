import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform, type Platform } from '../platform/server';
import { connectDesk, signIn, type TestDesk } from '../platform/test-support/platform';
import { axeViolations, launchBrowser, screenshot, serious, watchPageErrors } from './harness';

const slow = { timeout: 30_000, interval: 250 };
const CENTRE = 'riga-centrs';
const KIOSK_ACCOUNT = `kiosks.${CENTRE}`;

/**
 * The hall of a centre in Debian's Chromium against a real platform, as the devices are set up there:
 * a kiosk issues a ticket by keyboard, the display shows the clerk's call of it with the desk's name,
 * and the rating screen beside the desk asks the client and sends a 5 to the platform.
 */
describe('hall screens: kiosk, display and rating screen', () => {
  let platform: Platform;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems = new Map<Page, string[]>();
  let clerk: TestDesk;
  let deskId: string;
  let deskName: string;
  let kiosk: Page;
  let display: Page;
  let rating: Page;
  let ticketNumber: string;
  let ticketId: string;
  let firstRefreshToken: string | null = null;
  const storedRefreshToken = (page: Page) => page.evaluate(() => localStorage.getItem('lete.screens.kiosk.refreshToken'));

  /** A device of its own: a browser context is a separate profile, so its own localStorage. */
  async function device(width: number, height: number): Promise<Page> {
    const context = await browser.newContext({ locale: 'lv-LV', timezoneId: 'Europe/Riga', viewport: { width, height } });
    contexts.push(context);
    const page = await context.newPage();
    problems.set(page, watchPageErrors(page));
    return page;
  }
  /** Script errors and CSP violations a page reported. */
  const errorsOf = (page: Page) => problems.get(page) ?? [];

  async function signInDevice(page: Page) {
    const username = page.getByLabel('Lietotājvārds');
    await username.waitFor();
    await username.focus();
    await page.keyboard.type(KIOSK_ACCOUNT);
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo');
    await page.keyboard.press('Enter');
  }

  async function expectAccessible(page: Page, name: string) {
    await screenshot(page, name);
    const violations = serious(await axeViolations(page, name));
    expect(violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.slice(0, 3))}`)).toEqual([]);
  }

  beforeAll(async () => {
    // Access tokens of 40 s: the pages renew theirs (rotating refresh tokens) several times during the run.
    platform = await createPlatform({ port: 0, demo: true, passwordMemoryCost: 1024, tokenSecret: 'e2e-hall', accessTokenSeconds: 40 });
    browser = await launchBrowser();
    clerk = await connectDesk(platform, 'klerks');
    const { me } = await clerk.request<{ me: { deskId: string | null } }>(`{ me { deskId } }`);
    deskId = me.deskId ?? '';
    const { desks } = await clerk.request<{ desks: { id: string; name: string }[] }>(`query ($c: ID) { desks(centreId: $c) { id name } }`, { c: CENTRE });
    deskName = desks.find((d) => d.id === deskId)?.name ?? '';
    expect(deskName).not.toBe('');
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await platform?.close();
  });

  it('serves the pages with the strict CSP', async () => {
    const res = await fetch(`${platform.url}/screens/kiosk.html`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('kiosk: signs in once as the device account, issues a ticket by keyboard and shows its number', async () => {
    kiosk = await device(1280, 1024);
    await kiosk.goto(`${platform.url}/screens/kiosk.html`);
    await signInDevice(kiosk);
    await kiosk.getByRole('heading', { level: 1, name: 'Izvēlieties rindu' }).waitFor({ timeout: 30_000 });
    firstRefreshToken = await storedRefreshToken(kiosk);
    expect(firstRefreshToken).toBeTruthy();

    // The device survives a reload: no password again.
    await kiosk.reload();
    const start = kiosk.getByRole('heading', { level: 1, name: 'Izvēlieties rindu' });
    await start.waitFor({ timeout: 30_000 });
    expect(await kiosk.getByLabel('Lietotājvārds').count()).toBe(0);
    const queueA = kiosk.getByRole('button', { name: /^A\s*Sociālā apdrošināšana/u });
    await queueA.waitFor();
    expect(await kiosk.getByRole('button', { name: /Man ir pieraksts/u }).count()).toBe(1);

    // English and back.
    await kiosk.getByRole('button', { name: 'Switch to English' }).click();
    await kiosk.getByRole('heading', { level: 1, name: 'Choose a queue' }).waitFor();
    await kiosk.getByRole('button', { name: 'Pārslēgt uz latviešu valodu' }).click();
    await start.waitFor();

    await expectAccessible(kiosk, 'hall-01a-kiosk-start');
    // Keyboard only: the heading has focus, Tab reaches queue A, Enter chooses; then the regular queue.
    await start.focus();
    await kiosk.keyboard.press('Tab');
    expect(await queueA.evaluate((el) => el === document.activeElement)).toBe(true);
    await kiosk.keyboard.press('Enter');
    await kiosk.getByText('Pēc pieprasījuma uzrādiet apliecību.').waitFor();
    await expectAccessible(kiosk, 'hall-01b-kiosk-priority');
    await kiosk.keyboard.press('Tab');
    expect(await kiosk.getByRole('button', { name: 'Parastā rinda' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await kiosk.keyboard.press('Enter');

    const number = kiosk.locator('.receipt .number');
    await number.waitFor({ timeout: 30_000 });
    ticketNumber = (await number.textContent()) ?? '';
    expect(ticketNumber).toMatch(/^A\d{3}$/u);
    expect(await kiosk.locator('.receipt').textContent()).toMatch(/Pirms jums rindā: \d+ cilvēk/u);
    // Printed on the receipt printer: only the ticket, the header and buttons left out.
    await kiosk.emulateMedia({ media: 'print' });
    expect(await kiosk.locator('header.bar').isVisible()).toBe(false);
    expect(await kiosk.getByRole('button', { name: 'Gatavs' }).isVisible()).toBe(false);
    expect(await number.isVisible()).toBe(true);
    await kiosk.emulateMedia({ media: 'screen' });
    await expectAccessible(kiosk, 'hall-01-kiosk');

    const { tickets } = await clerk.request<{ tickets: { id: string; number: string; status: string; category: string }[] }>(
      `query ($c: ID) { tickets(centreId: $c, status: [waiting]) { id number status category } }`,
      { c: CENTRE },
    );
    const issued = tickets.find((t) => t.number === ticketNumber);
    expect(issued).toMatchObject({ status: 'waiting', category: 'regular' });
    ticketId = issued?.id ?? '';

    // Back to the start by itself after a few seconds.
    await start.waitFor({ timeout: 20_000 });
    expect(errorsOf(kiosk)).toEqual([]);
  });

  it('kiosk: an appointment code is checked in by keyboard; a wrong one is refused in the platform’s words', async () => {
    const booked = await clerk.push('appointment.book', { id: randomUUID(), queueId: `queue-${CENTRE}-b`, startsAt: new Date(Date.now() + 60_000).toISOString() });
    expect(booked.status).toBe('APPLIED');
    const { code } = booked.result as { code: string };
    const start = kiosk.getByRole('heading', { level: 1, name: 'Izvēlieties rindu' });
    const appointment = kiosk.getByRole('button', { name: /Man ir pieraksts/u });

    let checkedForAccess = false;
    async function typeCode(digits: string) {
      await start.waitFor({ timeout: 20_000 });
      await appointment.focus();
      await kiosk.keyboard.press('Enter');
      await kiosk.getByRole('heading', { level: 1, name: 'Man ir pieraksts' }).waitFor();
      if (!checkedForAccess) {
        checkedForAccess = true;
        await expectAccessible(kiosk, 'hall-01c-kiosk-appointment');
        await kiosk.getByRole('heading', { level: 1, name: 'Man ir pieraksts' }).focus();
      }
      await kiosk.keyboard.press('Tab');
      await kiosk.keyboard.type(digits);
      await kiosk.keyboard.press('Enter');
    }

    await typeCode(code === '999999' ? '111111' : '999999');
    await kiosk.getByRole('heading', { level: 1, name: 'Talonu izsniegt neizdevās' }).waitFor({ timeout: 20_000 });
    expect(await kiosk.getByRole('alert').filter({ hasText: 'Šodien šajā centrā nav pieraksta ar šādu kodu.' }).count()).toBe(1);
    await kiosk.getByRole('button', { name: 'Atpakaļ' }).click();

    await typeCode(code);
    const number = kiosk.locator('.receipt .number');
    await number.waitFor({ timeout: 20_000 });
    expect(await number.textContent()).toMatch(/^B\d{3}$/u);
    expect(await kiosk.locator('.receipt').textContent()).toContain('Rinda B: Nodokļi un deklarācijas');
    await kiosk.getByRole('button', { name: 'Gatavs' }).click();
    await start.waitFor();
    expect(errorsOf(kiosk)).toEqual([]);
  });

  it('display: shows the clerk’s call of the ticket with the desk name within seconds, and announces it', async () => {
    display = await device(1920, 1080);
    await display.goto(`${platform.url}/screens/display.html?centre=${CENTRE}`);
    await signInDevice(display);
    await display.getByRole('heading', { level: 2, name: /Rindā gaida/u }).waitFor({ timeout: 30_000 });
    // Queue A counts our ticket.
    await expect.poll(() => display.locator('.waiting li').first().textContent(), slow).toMatch(/^A.*[1-9]\d*$/u);

    // Call the queue until our ticket comes (older demo tickets may wait ahead of it).
    let called: { id: string; number: string } | null = null;
    for (let i = 0; i < 50 && called?.id !== ticketId; i++) {
      if (called) {
        await clerk.push('ticket.start', { ticketId: called.id });
        await clerk.push('ticket.finish', { ticketId: called.id });
      }
      const outcome = await clerk.push('ticket.call', { deskId, queueIds: [`queue-${CENTRE}-a`] });
      expect(outcome.status).toBe('APPLIED');
      called = (outcome.result as { ticket: { id: string; number: string } | null }).ticket;
      expect(called).not.toBeNull();
    }
    expect(called?.number).toBe(ticketNumber);

    const newest = display.locator('.call.newest');
    await expect.poll(() => newest.textContent(), { timeout: 10_000, interval: 200 }).toMatch(new RegExp(`${ticketNumber}.*${deskName}`, 'u'));
    await expect.poll(() => display.locator('[aria-live="assertive"]').textContent(), slow).toContain(`Talons ${ticketNumber}`);
    await display.locator('body').evaluate(() => new Promise((r) => setTimeout(r, 3500))); // the highlight's blink ends
    await expectAccessible(display, 'hall-02-display');
    expect(errorsOf(display)).toEqual([]);

    // The platform failing, then gone: Latvian words on the screen, the last board kept, retried until it is back.
    const alert = display.locator('.problem');
    await display.route('**/graphql', (route) => route.fulfill({ status: 500, contentType: 'text/plain', body: 'Internal Server Error' }));
    await expect.poll(() => alert.textContent(), slow).toContain('Sistēmā radās kļūda. Mēģinām vēlreiz…');
    await display.unrouteAll();
    await display.route('**/graphql', (route) => route.abort('connectionrefused'));
    await expect.poll(() => alert.textContent(), slow).toContain('Nevar sazināties ar sistēmu. Mēģinām vēlreiz…');
    expect(await newest.textContent()).toContain(ticketNumber);
    await display.unrouteAll();
    await expect.poll(() => alert.textContent(), slow).toBe('');
  });

  it('rating screen: asks after the desk finishes the ticket, and a 5 reaches the platform', async () => {
    rating = await device(1024, 768);
    await rating.goto(`${platform.url}/screens/rating.html?desk=${encodeURIComponent(deskId)}`);
    await signInDevice(rating);
    await rating.getByRole('heading', { level: 1, name: /Laipni lūdzam|Kā jūs vērtējat/u }).waitFor({ timeout: 30_000 });

    expect((await clerk.push('ticket.start', { ticketId })).status).toBe('APPLIED');
    expect((await clerk.push('ticket.finish', { ticketId })).status).toBe('APPLIED');

    const question = rating.getByRole('heading', { level: 1, name: /Kā jūs vērtējat apkalpošanu\?/u });
    await question.waitFor({ timeout: 15_000 });
    expect(await rating.getByText(`Talons ${ticketNumber}`).count()).toBe(1);
    expect(await rating.getByRole('button', { name: /Ļoti labi/u }).count()).toBe(1);
    await expectAccessible(rating, 'hall-03-rating');

    // Key 5, then an optional comment and Send by keyboard.
    await rating.keyboard.press('5');
    await rating.getByRole('heading', { level: 1, name: /Jūsu vērtējums: 5/u }).waitFor();
    await rating.getByLabel(/Komentārs/u).focus();
    await rating.keyboard.type('Ātri un laipni.');
    await rating.keyboard.press('Tab');
    await rating.keyboard.press('Enter');
    await expect.poll(() => rating.locator('body').textContent(), slow).toMatch(/Paldies par vērtējumu/u);

    const supervisor = await signIn(platform, 'vaditajs');
    // `from` and `to` compare with the rating's ISO time; `to` is exclusive.
    const hour = 3600_000;
    const { feedback } = await supervisor.request<{ feedback: { ticketId: string | null; rating: number; comment: string | null }[] }>(
      `query ($c: ID, $from: String!, $to: String!) { feedback(centreId: $c, from: $from, to: $to) { ticketId rating comment } }`,
      { c: CENTRE, from: new Date(Date.now() - hour).toISOString(), to: new Date(Date.now() + hour).toISOString() },
    );
    expect(feedback.filter((f) => f.ticketId === ticketId)).toEqual([{ ticketId, rating: 5, comment: 'Ātri un laipni.' }]);

    // Rated: the screen goes idle and does not ask again.
    await rating.getByRole('heading', { level: 1, name: /Laipni lūdzam/u }).waitFor({ timeout: 20_000 });
    await rating.waitForTimeout(4000);
    expect(await question.count()).toBe(0);
    expect(errorsOf(rating)).toEqual([]);
  });

  it('kept every device signed in by renewing its short-lived access token, with no password typed again', async () => {
    expect(await storedRefreshToken(kiosk)).not.toBe(firstRefreshToken);
    for (const page of [kiosk, display, rating]) expect(await page.getByLabel('Lietotājvārds').count()).toBe(0);
  });
});
