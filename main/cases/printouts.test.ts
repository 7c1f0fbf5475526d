import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractText } from 'unpdf';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../clock';
import { signatureBox } from '../pdf/documents';
import { useTestDesk } from '../test-support/workstation';

const clock: Clock = { now: () => new Date('2026-11-23T12:05:00Z') };
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The file as the clerk would save it, checked by qpdf, and its text as a screen reader gets it. */
async function check(contentBase64: string): Promise<{ bytes: Uint8Array; text: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'lete-printout-'));
  dirs.push(dir);
  const bytes = new Uint8Array(Buffer.from(contentBase64, 'base64'));
  writeFileSync(join(dir, 'out.pdf'), bytes);
  execFileSync('qpdf', ['--check', join(dir, 'out.pdf')]);
  const { text } = await extractText(bytes.slice(), { mergePages: true });
  return { bytes, text: text.replace(/\s+/gu, ' ') };
}

describe('printouts from a case', () => {
  const desk = useTestDesk();

  it('prints the application as filled, the receipt once submitted, and the invoice with the owner’s account', async () => {
    const d = await desk.start({ clock });
    await d.call('session.signIn', { username: 'klerks', password: 'demo' });
    d.workstation.db.prepare(`INSERT INTO case_number_blocks (first, last, next) VALUES (700001, 700010, 700001)`).run();
    const client = await d.call('clients.create', { personalCode: '010190-10001', firstName: 'Jānis', lastName: 'Ozoliņš', phone: null, email: null });
    const c = await d.call('cases.create', {
      serviceCode: '1001',
      clientId: client.id,
      channel: 'in_person',
      form: { personalCode: '010190-10001', documentKind: 'pase', urgency: 'parastais', pickup: 'Ābeču grāmatā ģērbies čīkstošs ķēniņš ļauni šņāc un žēlojas ūdenī' },
    });

    const application = await d.call('cases.pdf', { id: c.id, kind: 'application' });
    expect(application).toMatchObject({ name: 'pieteikums-1001-700001.pdf', mediaType: 'application/pdf' });
    const app = await check(application.contentBase64);
    for (const expected of ['1001 700001', 'Pases izsniegšana', 'Pilsonības un migrācijas lietu pārvalde', 'Jānis Ozoliņš', '010190-10001', 'Anna Bērziņa', '23.11.2026. 14:05', 'Ābeču grāmatā ģērbies čīkstošs ķēniņš ļauni šņāc un žēlojas ūdenī']) {
      expect(app.text).toContain(expected);
    }
    expect(await signatureBox(app.bytes)).not.toBeNull();

    expect(await d.fail('cases.pdf', { id: c.id, kind: 'receipt' })).toMatchObject({ code: 'CONFLICT' });
    await d.call('cases.submit', { id: c.id, onBehalf: true, signed: true, note: null });
    const receipt = await check((await d.call('cases.pdf', { id: c.id, kind: 'receipt' })).contentBase64);
    expect(receipt.text).toContain('1001 700001');
    expect(receipt.text).toContain('08.12.2026.');

    const invoice = await d.call('invoices.issue', { caseId: c.id });
    const printed = await check((await d.call('invoices.pdf', { id: invoice.id })).contentBase64);
    expect(printed.text).toContain('1001 700001/1');
    expect(printed.text).toContain('35,00 €');
    expect(printed.text).toContain('Valsts nodeva');
    expect(printed.text).toContain('pēcapmaksa');
    expect(printed.text).toContain(invoice.reference);
    expect(printed.text).toMatch(/LV\d\d TREL \d{4} \d{4} \d{4} \d/u);
  });
});
