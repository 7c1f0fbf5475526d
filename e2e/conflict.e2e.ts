import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../main/rpc/router';
import { createWorkstation, type Workstation } from '../main/workstation';
import type { CallInput, CallName, CallOutput } from '../preload/contract';
import { createPlatform, type Platform } from '../platform/server';
import { startFaultProxy } from './fault-proxy';
import { axeViolations, openDesk, screenshot, serious, type DeskInBrowser } from './harness';

const silent = { info: () => undefined, error: () => undefined };
/** Reconnecting waits out the desk's backoff (pokes retry within 30 s at most), so allow for it. */
const reconnect = { timeout: 60_000, interval: 200 };

async function until(check: () => boolean | Promise<boolean>, ms = 30_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Two clerks of one centre on a real platform: B in Debian's Chromium against its browser-mode core,
 * whose line to the platform runs through a fault proxy; A as a core driven through its router.
 * B works through an outage, then edits a consultation offline while A edits the same note online,
 * and resolves the conflict on the conflict screen with the keyboard.
 */
describe('two desks editing one consultation', () => {
  const dirs: string[] = [];
  let platform: Platform;
  let proxy: Awaited<ReturnType<typeof startFaultProxy>>;
  let a: Workstation;
  let b: DeskInBrowser;
  let page: Page;
  const connection: Connection = { id: 'e2e-a', session: null };
  async function callA<K extends CallName>(k: K, i: CallInput<K>): Promise<CallOutput<K>> {
    const r = await a.router.dispatch(connection, k, i);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.data as CallOutput<K>;
  }
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'lete-conflict-'));
    dirs.push(d);
    return d;
  };

  beforeAll(async () => {
    platform = await createPlatform({ dataDir: tempDir(), port: 0, demo: true, passwordMemoryCost: 1024, tokenSecret: 'e2e' });
    proxy = await startFaultProxy({ host: '127.0.0.1', port: Number(new URL(platform.url).port) });
    a = await createWorkstation(
      { dataDir: tempDir(), host: 'web', appVersion: 'e2e', demo: true, deskId: null, passwordCost: 1024, platformUrl: platform.url },
      { logger: silent },
    );
    b = await openDesk({ LETE_PLATFORM_URL: proxy.url });
    page = b.page;
  });
  afterAll(async () => {
    await b?.close();
    a?.close();
    await proxy?.close();
    await platform?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  const statusBar = () => page.getByRole('contentinfo', { name: 'Darba vietas statuss' });
  const today = () => page.getByRole('table', { name: 'Šodienas konsultācijas' });
  const rowWith = (text: string) => today().getByRole('row').filter({ hasText: text });
  const isFocused = (l: Locator) => l.evaluate((el) => el === document.activeElement);
  const platformNote = async (id: string) =>
    (await platform.sql.query<{ note: string }>(`SELECT data->>'note' AS note FROM sync_rows WHERE entity = 'consultation' AND id = $1`, [id]))[0]?.note;
  const noteAtA = (id: string) => (a.db.prepare(`SELECT note FROM consultations WHERE id = ?`).get(id) as { note: string } | undefined)?.note;

  /** The clerk's consultation form, by keyboard: no service, the given outcome, a note. */
  async function register(outcome: string, note: string) {
    await page.getByLabel('Rezultāts').focus();
    await page.getByLabel('Rezultāts').selectOption({ label: outcome });
    await page.getByLabel('Piezīme').focus();
    await page.keyboard.type(note);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => rowWith(outcome).count()).toBe(1);
  }

  it('signs the colleague in at desk B, in the browser, and goes online', async () => {
    await callA('session.signIn', { username: 'klerks', password: 'demo' });
    const { username } = a.db.prepare(`SELECT username FROM users WHERE id = 'user-desk-riga-centrs-2'`).get() as { username: string };
    await page.goto(b.core.url);
    await page.getByLabel('Lietotājvārds').fill(username);
    await page.getByLabel('Parole').fill('demo');
    await page.keyboard.press('Enter');
    await page.getByRole('navigation').waitFor();
    await expect.poll(() => statusBar().getByText('Tiešsaistē', { exact: true }).count(), reconnect).toBe(1);
    await until(async () => (await callA('status.get', {})).connection === 'online');
  });

  it('shows consultations registered during an outage as waiting, then as sent once the line is back', async () => {
    await register('Pāradresēts', 'Klients jautāja par deklarēto dzīvesvietu.');
    await expect.poll(() => rowWith('Pāradresēts').getByText('Nosūtīts', { exact: true }).count(), reconnect).toBe(1);

    proxy.set('refuse');
    await register('Nepieciešams pieteikums', 'Bezsaistē: pieteikums pabalstam.');
    await register('Neatrisināts', 'Bezsaistē: jāzvana vēlreiz.');
    for (const outcome of ['Nepieciešams pieteikums', 'Neatrisināts']) {
      expect(await rowWith(outcome).getByText('Gaida nosūtīšanu', { exact: true }).count()).toBe(1);
    }
    await expect.poll(() => statusBar().getByText(/^Bezsaistē/u).count()).toBe(1);
    await expect.poll(() => statusBar().getByText('2 nenosūtītas izmaiņas').count()).toBe(1);
    await screenshot(page, 'conflict-01-offline-pending');

    // Nobody presses anything: the desk notices the line is back and sends what waited.
    proxy.set('pass');
    await expect.poll(() => today().getByText('Gaida nosūtīšanu', { exact: true }).count(), reconnect).toBe(0);
    expect(await today().getByText('Nosūtīts', { exact: true }).count()).toBe(3);
    await expect.poll(() => statusBar().getByText('Tiešsaistē', { exact: true }).count()).toBe(1);
    await expect.poll(() => statusBar().getByText('0 nenosūtītu izmaiņu').count()).toBe(1);
    const onPlatform = await platform.sql.query<{ note: string }>(`SELECT data->>'note' AS note FROM sync_rows WHERE entity = 'consultation' AND data->>'userId' = 'user-desk-riga-centrs-2' ORDER BY data->>'note'`);
    expect(onPlatform.map((r) => r.note)).toEqual(['Bezsaistē: jāzvana vēlreiz.', 'Bezsaistē: pieteikums pabalstam.', 'Klients jautāja par deklarēto dzīvesvietu.']);
  });

  it('keeps the clerk’s note over a colleague’s through the conflict screen, by keyboard', async () => {
    // The consultation reached desk A (a colleague of the same centre).
    const original = 'Klients jautāja par deklarēto dzīvesvietu.';
    await until(() => a.db.prepare(`SELECT 1 FROM consultations WHERE note = ?`).get(original) !== undefined);
    const { id } = a.db.prepare(`SELECT id FROM consultations WHERE note = ?`).get(original) as { id: string };

    // B's line goes down; B corrects the note from today's list, keyboard only.
    proxy.set('refuse');
    const mine = 'B: klients atnāks ar īres līgumu pirmdien.';
    await today().getByRole('button', { name: /^Labot/u }).first().focus();
    await page.keyboard.press('ArrowDown');
    expect(await isFocused(today().getByRole('button', { name: /^Labot/u }).nth(1))).toBe(true);
    await rowWith('Pāradresēts').getByRole('button', { name: /^Labot/u }).focus();
    await page.keyboard.press('Enter');
    const edit = page.getByRole('dialog', { name: 'Konsultācijas labošana' });
    await edit.waitFor();
    await expect.poll(() => isFocused(edit.getByLabel('Rezultāts'))).toBe(true);
    expect(await edit.getByLabel('Piezīme').inputValue()).toBe(original);
    await screenshot(page, 'conflict-02-edit');
    const editViolations = serious(await axeViolations(page, 'conflict-02-edit'));
    expect(editViolations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.slice(0, 3))}`)).toEqual([]);
    await edit.getByLabel('Piezīme').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(mine);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => edit.count()).toBe(0);
    await expect.poll(() => isFocused(rowWith('Pāradresēts').getByRole('button', { name: /^Labot/u }))).toBe(true);
    await expect.poll(() => rowWith('Pāradresēts').getByText('Gaida nosūtīšanu', { exact: true }).count()).toBe(1);
    await expect.poll(() => statusBar().getByText('1 nenosūtīta izmaiņa').count()).toBe(1);

    // Meanwhile A corrects the same note, and it reaches the platform.
    const theirs = 'A: klients jau iesniedza pieteikumu portālā.';
    await callA('consultations.update', { id, changes: { note: theirs } });
    await until(async () => (await platformNote(id)) === theirs);

    // B's line is back: its edit was based on an older note, so the platform refuses it as a conflict.
    proxy.set('pass');
    await expect.poll(() => statusBar().getByText('1 atteikta izmaiņa', { exact: false }).count(), reconnect).toBe(1);
    await expect.poll(() => statusBar().getByText('0 nenosūtītu izmaiņu').count()).toBe(1);
    expect(await platformNote(id)).toBe(theirs);

    // Alt+S: the outbox lists the conflict; Enter on "Atrisināt" opens it.
    await page.locator('body').focus();
    await page.keyboard.press('Alt+S');
    const outbox = page.getByRole('dialog', { name: 'Izmaiņu nosūtīšana' });
    await outbox.waitFor();
    await expect.poll(() => outbox.getByText('konflikts ar kolēģa izmaiņām laukos: Piezīme').count()).toBe(1);
    const resolve = outbox.getByRole('button', { name: 'Atrisināt konfliktu: Konsultācijas labošana' });
    await resolve.focus();
    await page.keyboard.press('Enter');

    const dialog = page.getByRole('dialog', { name: 'Konflikta atrisināšana' });
    await dialog.waitFor();
    const table = dialog.getByRole('table', { name: 'Atšķirīgās vērtības' });
    const noteRow = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Piezīme' }) });
    await expect.poll(() => noteRow.textContent()).toContain(theirs);
    expect(await noteRow.textContent()).toContain(mine);
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Lauks', 'Mana vērtība', 'Platformā tagad', 'Paliek']);
    const group = dialog.getByRole('group', { name: 'Piezīme: kura vērtība paliek' });
    const keepMine = group.getByRole('radio', { name: 'Mana vērtība' });
    const takeTheirs = group.getByRole('radio', { name: 'Platformā tagad' });
    await expect.poll(() => isFocused(keepMine)).toBe(true);
    await screenshot(page, 'conflict-03-dialog');
    const violations = serious(await axeViolations(page, 'conflict-03-dialog'));
    expect(violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.slice(0, 3))}`)).toEqual([]);

    // Saving without a choice asks for one; Escape goes back to the outbox, on the same button.
    await dialog.getByRole('button', { name: 'Saglabāt izvēli' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByRole('alert').textContent()).toBe('Izvēlieties vērtību katram laukam.');
    await expect.poll(() => isFocused(keepMine)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await outbox.waitFor();
    await expect.poll(() => isFocused(resolve)).toBe(true);
    await page.keyboard.press('Enter');
    await dialog.waitFor();

    // "Pieņemt platformas" and "Paturēt manas" set every radio; the clerk keeps their own and saves.
    await dialog.getByRole('button', { name: 'Pieņemt platformas' }).focus();
    await page.keyboard.press('Enter');
    expect(await takeTheirs.isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Paturēt manas' }).focus();
    await page.keyboard.press('Enter');
    expect(await keepMine.isChecked()).toBe(true);
    expect(await takeTheirs.isChecked()).toBe(false);
    await screenshot(page, 'conflict-04-dialog-chosen');
    await dialog.getByRole('button', { name: 'Saglabāt izvēli' }).focus();
    await page.keyboard.press('Enter');

    // Back in the outbox: the conflict is gone, the status bar too, and the clerk's note is sent.
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => outbox.getByText('Konflikts atrisināts. Jūsu izvēle tiks nosūtīta platformai.').count()).toBe(1);
    await expect.poll(() => outbox.getByText('Nav atteiktu izmaiņu.').count()).toBe(1);
    await expect.poll(() => statusBar().getByText(/atteikt/u).count()).toBe(0);
    await until(async () => (await platformNote(id)) === mine);
    await expect.poll(() => rowWith('Pāradresēts').getByText('Nosūtīts', { exact: true }).count(), reconnect).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    // Desk A receives B's note: the colleague's screen follows the platform.
    await until(() => noteAtA(id) === mine);
    const failures = a.db.prepare(`SELECT count(*) AS n FROM sync_failures`).get() as { n: number };
    expect(failures.n).toBe(0);
  });

  it('raised no script error and no CSP violation on the way', () => {
    expect(b.problems).toEqual([]);
  });
});
