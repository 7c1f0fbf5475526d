import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../main/rpc/router';
import { createWorkstation, type Workstation } from '../main/workstation';
import type { CallInput, CallName, CallOutput } from '../preload/contract';
import { createPlatform, type Platform } from '../platform/server';
import { signInOnline } from './clerk-flows';
import { until } from './sync-check';
import { axeViolations, openDesk, outputDir, screenshot, serious, type DeskInBrowser } from './harness';

const silent = { info: () => undefined, error: () => undefined };
const slow = { timeout: 60_000, interval: 250 };
const ONE_PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/**
 * A clerk's case work in Debian's Chromium, keyboard only, against a real platform whose simulated
 * owner back offices move cases: find a client by personal code, open the profile with a reason,
 * register an application with an attachment, print its PDF, issue an invoice, log a consultation
 * with Alt+K, watch the owner take the case; then a supervisor sees the profile view in the audit.
 * Each flow's keystrokes are counted (a typed character is one) for the closing note.
 */
describe('front-desk case work', () => {
  const dirs: string[] = [];
  let platform: Platform;
  let colleague: Workstation;
  let desk: DeskInBrowser;
  let page: Page;
  const keystrokes: Record<string, number> = {};
  let flow = '';
  const connection: Connection = { id: 'e2e-colleague', session: null };
  async function callColleague<K extends CallName>(k: K, i: CallInput<K>): Promise<CallOutput<K>> {
    const r = await colleague.router.dispatch(connection, k, i);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.data as CallOutput<K>;
  }
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'lete-casework-'));
    dirs.push(d);
    return d;
  };
  async function press(key: string) {
    keystrokes[flow] = (keystrokes[flow] ?? 0) + 1;
    await page.keyboard.press(key);
  }
  async function type(text: string) {
    keystrokes[flow] = (keystrokes[flow] ?? 0) + text.length;
    await page.keyboard.type(text);
  }
  const focused = (l: Locator) => l.evaluate((el) => el === document.activeElement);
  async function expectAccessible(name: string) {
    await screenshot(page, name);
    const violations = serious(await axeViolations(page, name));
    expect(violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.slice(0, 3))}`)).toEqual([]);
  }

  beforeAll(async () => {
    platform = await createPlatform({ dataDir: tempDir(), port: 0, demo: true, passwordMemoryCost: 1024, tokenSecret: 'e2e', backOffice: { paceMs: 1500, tickMs: 300 } });
    // A colleague at another desk of the centre registered the client earlier.
    colleague = await createWorkstation(
      { dataDir: tempDir(), host: 'web', appVersion: 'e2e', demo: true, deskId: null, passwordCost: 1024, platformUrl: platform.url },
      { logger: silent },
    );
    const { username } = colleague.db.prepare(`SELECT username FROM users WHERE id = 'user-desk-riga-centrs-2'`).get() as { username: string };
    await callColleague('session.signIn', { username, password: 'demo' });
    await callColleague('clients.create', { personalCode: '010190-10001', firstName: 'Jānis', lastName: 'Ozoliņš', phone: '+371 2612 3456', email: null });
    await until(async () => (await platform.sql.query(`SELECT 1 FROM sync_rows WHERE entity = 'client' AND data->>'personalCode' = '010190-10001'`)).length === 1, 'the client reached the platform', 60_000);
    desk = await openDesk({ LETE_PLATFORM_URL: platform.url });
    page = desk.page;
  });
  afterAll(async () => {
    await desk?.close();
    colleague?.close();
    await platform?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    writeFileSync(join(outputDir, 'casework-keystrokes.json'), `${JSON.stringify(keystrokes, null, 2)}\n`);
  });

  it('signs the clerk in and waits until the desk has its case numbers', async () => {
    await signInOnline(page, desk.core.url, 'klerks');
  });

  it('finds the client by personal code and opens the profile with a reason', async () => {
    flow = 'find client and open profile';
    await press('Alt+2');
    const search = page.getByRole('combobox', { name: 'Meklēt klientu' });
    await expect.poll(() => focused(search)).toBe(true);
    // A mistyped check digit is caught before anything is searched.
    await page.keyboard.type('010190-10002');
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'kontrolcipars' }).count()).toBe(1);
    await search.fill('');
    await type('010190-10001');
    const options = page.getByRole('listbox', { name: 'Atrastie klienti' }).getByRole('option');
    await expect.poll(() => options.count()).toBe(1);
    expect(await options.first().textContent()).toContain('010190-*****');
    expect(await options.first().textContent()).not.toContain('10001');
    await expectAccessible('casework-01-client-search');
    await press('Enter');
    const reason = page.getByRole('dialog', { name: 'Klienta profila atvēršana' });
    await reason.waitFor();
    await expectAccessible('casework-02-profile-reason');
    await press('Enter');
    await page.getByRole('heading', { name: 'Klienta profils: Jānis Ozoliņš' }).waitFor();
    expect(await page.getByText('010190-10001').count()).toBeGreaterThan(0);
    await expectAccessible('casework-03-profile');
    const audit = await platform.sql.query<{ detail: { reason: string } }>(`SELECT detail FROM audit_events WHERE action = 'client.profile' AND user_id = 'user-klerks'`);
    expect(audit.map((a) => a.detail.reason)).toEqual(['Klients klātienē iesniedz pieteikumu']);
  });

  let caseNumber = '';
  let invoiceReference = '';
  it('registers an application for the client with an attachment, and submits it on the client’s behalf', async () => {
    flow = 'register application';
    await press('Alt+N');
    const service = page.getByRole('combobox', { name: /pakalpojum/iu }).first();
    await expect.poll(() => focused(service)).toBe(true);
    await type('pases izsniegsana');
    await expect.poll(() => page.getByRole('option').filter({ hasText: '1001' }).count()).toBeGreaterThan(0);
    await press('ArrowDown');
    await press('Enter');
    // Choosing the service moves to the confirmation: a draft takes one of the desk's case numbers.
    await press('Enter');
    await page.getByTestId('case-status').waitFor(slow);
    caseNumber = (await page.getByRole('heading', { level: 2 }).filter({ hasText: /1001 \d+/u }).first().textContent())?.match(/1001 \d+/u)?.[0] ?? '';
    expect(caseNumber).toMatch(/^1001 \d{5,}$/u);

    // The form the catalogue defines for the service, by keyboard.
    await page.getByLabel(/^Personas kods/u).focus();
    await type('010190-10001');
    await page.getByLabel(/^Dokuments/u).focus();
    await page.getByLabel(/^Dokuments/u).selectOption({ label: 'pase' });
    await page.getByLabel(/^Izsniegšanas termiņš/u).focus();
    await page.getByLabel(/^Izsniegšanas termiņš/u).selectOption({ label: 'parastais' });
    await page.getByLabel(/^Saņemšanas vieta/u).focus();
    await type('Rīgas centrs');
    await press('Control+s');
    await expect.poll(() => page.getByRole('alert').count()).toBe(0);

    // A scanned page the client brought: the file chooser is the one step a keyboard cannot drive.
    await page.getByLabel('Pievienot dokumentu').setInputFiles({ name: 'iepriekseja-pase.png', mimeType: 'image/png', buffer: Buffer.from(ONE_PIXEL_PNG, 'base64') });
    await expect.poll(() => page.getByText('iepriekseja-pase.png').count()).toBeGreaterThan(0);

    await page.getByLabel(/pilnvaro/u).focus();
    await press('Space');
    await page.getByLabel(/parakstījis/u).focus();
    await press('Space');
    await press('Control+Enter');
    await expect.poll(() => page.getByTestId('case-status').textContent(), slow).toMatch(/iesniegta|izskatīšanā/iu);
    await expectAccessible('casework-04-case-submitted');
    // The attachment follows the case to the platform, byte for byte.
    await expect
      .poll(async () => (await platform.sql.query(`SELECT 1 FROM sync_rows r JOIN document_content d ON d.id = r.id WHERE r.entity = 'document' AND d.complete`)).length, slow)
      .toBe(1);
  });

  it('produces the application PDF with the case number in extractable Latvian text', async () => {
    flow = 'application PDF';
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Pieteikuma PDF' }).focus();
    await press('Enter');
    const file = join(outputDir, 'casework-application.pdf');
    await (await download).saveAs(file);
    execFileSync('qpdf', ['--check', file]);
    const { text } = await extractText(new Uint8Array(readFileSync(file)), { mergePages: true });
    expect(text).toContain(caseNumber);
    expect(text).toContain('Jānis Ozoliņš');
    expect(text).toContain('Pilsonības un migrācijas lietu pārvalde');
    expect(text).toContain('Rīgas centrs');
  });

  it('issues an invoice for the state duty with a valid RF reference', async () => {
    flow = 'issue invoice';
    await page.getByRole('button', { name: 'Izrakstīt rēķinu' }).focus();
    await press('Enter');
    // The announcement names the invoice at once; the list shows it when the case is read again.
    await expect.poll(() => page.locator('.case-reference').count(), slow).toBeGreaterThan(0);
    expect(await page.getByText(`${caseNumber}/1`).count()).toBeGreaterThan(0);
    expect(await page.getByText(/RF\d\d/u).count()).toBeGreaterThan(0);
    expect(await page.getByText(/35,00\s€/u).count()).toBeGreaterThan(0);
    invoiceReference = (await page.locator('.case-reference').first().textContent())?.replace(/\s/gu, '') ?? '';
    expect(invoiceReference).toMatch(/^RF\d{2}\d+$/u);
  });

  it('finds the case again from the payment reference, catching a mistyped digit as it is typed', async () => {
    flow = 'case by payment reference';
    await press('Alt+2');
    const field = page.getByRole('textbox', { name: 'Maksājuma atsauce' });
    await field.focus();
    const typo = `${invoiceReference.slice(0, -1)}${invoiceReference.endsWith('9') ? '8' : '9'}`;
    await page.keyboard.type(typo);
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    await field.fill('');
    await type(invoiceReference);
    expect(await field.getAttribute('aria-invalid')).toBeNull();
    await press('Enter');
    await expect.poll(() => page.getByRole('heading', { level: 2 }).filter({ hasText: caseNumber }).count(), slow).toBe(1);
  });

  it('logs a consultation for the next caller in a keystroke after Alt+K', async () => {
    flow = 'quick consultation (after Alt+K)';
    await page.keyboard.press('Alt+K');
    const dialog = page.getByRole('dialog', { name: 'Ātrā konsultācija' });
    await dialog.waitFor();
    await expectAccessible('casework-05-quick-consultation');
    await press('Control+Enter');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect
      .poll(async () => (await platform.sql.query(`SELECT 1 FROM sync_rows WHERE entity = 'consultation' AND data->>'userId' = 'user-klerks'`)).length, slow)
      .toBe(1);
  });

  it('records the caller’s rating of that consultation from today’s list', async () => {
    await page.keyboard.press('Alt+1');
    const rate = page.getByRole('button', { name: /^Klienta novērtējums konsultācijai/u }).first();
    await rate.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /^Klienta novērtējums/u });
    await dialog.waitFor();
    await dialog.getByLabel(/^5 — /u).focus();
    await page.keyboard.press('Space');
    await dialog.getByRole('button', { name: 'Saglabāt vērtējumu' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await platform.sql.query(`SELECT 1 FROM sync_rows WHERE entity = 'feedback' AND data->>'consultationId' IS NOT NULL AND (data->>'rating')::int = 5`)).length, slow)
      .toBe(1);
    await dialog.getByRole('button', { name: 'Aizvērt' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);
    await page.keyboard.press('Alt+3');
  });

  it('shows the owner’s back office taking the case, live', async () => {
    // Nobody reloads: the owner's step reaches the platform, the platform pokes the desk, the screen follows.
    await expect.poll(() => page.getByTestId('case-status').textContent(), slow).toMatch(/izskatīšanā|gaida samaksu|gaida klientu|rezultāts gatavs/iu);
    const owner = await platform.sql.query<{ status: string }>(`SELECT data->>'status' AS status FROM sync_rows WHERE entity = 'case' AND data->>'caseNumber' = $1`, [caseNumber]);
    expect(owner[0]?.status).not.toBe('submitted');
    await screenshot(page, 'casework-06-case-moved-by-owner');
  });

  it('lets the supervisor see who opened the client’s profile and why', async () => {
    await page.getByRole('button', { name: 'Iziet' }).focus();
    await page.keyboard.press('Enter');
    await page.getByLabel('Lietotājvārds').waitFor();
    await page.getByLabel('Lietotājvārds').focus();
    await page.keyboard.type('vaditajs');
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo');
    await page.keyboard.press('Enter');
    await page.getByRole('navigation').waitFor();
    await page.keyboard.press('Alt+2');
    await page.keyboard.type('ozolins');
    await expect.poll(() => page.getByRole('option').count(), slow).toBe(1);
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Klienta profila atvēršana' }).waitFor();
    await page.getByLabel('Iemesls').selectOption({ label: 'Klienta lietas izskatīšana' });
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Rādīt, kas skatīja profilu' }).focus();
    await page.keyboard.press('Enter');
    const rows = page.getByRole('table').filter({ hasText: 'Anna Bērziņa' });
    await expect.poll(() => rows.count(), slow).toBe(1);
    expect(await rows.textContent()).toContain('Klients klātienē iesniedz pieteikumu');
    await expectAccessible('casework-07-supervisor-audit');
    expect(desk.problems).toEqual([]);
  });
});
