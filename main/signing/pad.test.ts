import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { promptLayout } from '../../native/signature-pad';
import { FakePad } from '../../native/signature-pad/test-support/fake-pad';
import { useTestDesk, type TestDesk } from '../test-support/workstation';
import { padPrompt } from './pad-prompt';
import { recordProtector } from './protect';
import { RECORD_FILE } from './sign';
import { embeddedFile, qpdfCheck } from './test-support';

const stu540 = { path: '/dev/hidraw-fake-stu540', productId: 0xa8, model: 'STU-540', serialNumber: null };
const noWait = { pollIntervalMs: 1, readyTimeoutMs: 200, stuckImageMs: 50, sleep: () => Promise.resolve() };

async function shown(d: TestDesk, caseId: string) {
  const file = await d.call('cases.pdf', { id: caseId, kind: 'application' });
  return createHash('sha256').update(Buffer.from(file.contentBase64, 'base64')).digest('hex');
}

describe('signing an application on a signature pad', () => {
  const desk = useTestDesk();

  async function start(pad: FakePad) {
    const d = await desk.start({ ports: { signaturePads: { list: async () => [stu540], open: async () => pad }, padTiming: noWait } });
    await d.call('session.signIn', { username: 'klerks', password: 'demo' });
    d.workstation.db.prepare(`INSERT INTO case_number_blocks (first, last, next) VALUES (700001, 700010, 700001)`).run();
    const client = await d.call('clients.create', { personalCode: '010190-10001', firstName: 'Jānis', lastName: 'Ozoliņš', phone: null, email: null });
    const c = await d.call('cases.create', { serviceCode: '1001', clientId: client.id, channel: 'in_person', form: { personalCode: '010190-10001' } });
    return { d, c };
  }

  it('shows the prompt on the pad, takes the client’s pen until ✓, and seals the pad’s record in the signed PDF', async () => {
    const pad = new FakePad();
    const { d, c } = await start(pad);
    const sha256 = await shown(d, c.id);
    const inking = pad.nextInking(true);
    const signing = d.call('cases.signOnPad', { caseId: c.id, pdfSha256: sha256, signer: { name: '' } });
    await inking;
    const ok = promptLayout({ lcd: { width: 800, height: 480 } }).buttons.find((b) => b.id === 'ok')!.rect;
    pad.stroke([[120, 150], [160, 190], [200, 160], [240, 200], [280, 170], [320, 210], [360, 180], [400, 220], [440, 190], [480, 230], [520, 200], [560, 240]]);
    pad.tap(ok.x + ok.width / 2, ok.y + ok.height / 2);
    const attachment = await signing;
    expect(attachment).toMatchObject({ kind: 'application_pdf', name: 'pieteikums-1001-700001-parakstits.pdf' });
    // The prompt went to the pad, with ink in it (the line to sign on and the three buttons).
    expect(pad.uploads).toHaveLength(1);
    expect(pad.uploads[0]!.bytes.some((b) => b !== 0xff)).toBe(true);

    const row = d.workstation.db.prepare<[string], { file: string }>(`SELECT file FROM attachments WHERE id = ?`).get(attachment.id)!;
    const signed = new Uint8Array(readFileSync(join(d.dataDir, row.file)));
    qpdfCheck(signed);
    const envelope = await embeddedFile(signed, RECORD_FILE);
    const record = recordProtector(d.dataDir).open(envelope!) as { source: string; capture: { device: { model: string } | null; samples: unknown[] }; signer: { name: string }; document: { sha256: string } };
    expect(record).toMatchObject({ source: 'pad', capture: { device: { model: 'STU-540' } }, signer: { name: 'Jānis Ozoliņš' }, document: { sha256 } });
    expect(record.capture.samples.length).toBeGreaterThanOrEqual(12);
  });

  it('ends without storing anything when the client taps ✕ on the pad or the clerk cancels', async () => {
    const pad = new FakePad();
    const { d, c } = await start(pad);
    const sha256 = await shown(d, c.id);
    let inking = pad.nextInking(true);
    const byClient = d.fail('cases.signOnPad', { caseId: c.id, pdfSha256: sha256, signer: { name: '' } });
    await inking;
    const cancel = promptLayout({ lcd: { width: 800, height: 480 } }).buttons.find((b) => b.id === 'cancel')!.rect;
    pad.tap(cancel.x + cancel.width / 2, cancel.y + cancel.height / 2);
    expect(await byClient).toMatchObject({ code: 'CONFLICT' });

    inking = pad.nextInking(true);
    const byClerk = d.fail('cases.signOnPad', { caseId: c.id, pdfSha256: sha256, signer: { name: '' } });
    await inking;
    await d.call('cases.cancelOnPad', { caseId: c.id });
    expect(await byClerk).toMatchObject({ code: 'CONFLICT' });
    expect((await d.call('cases.get', { id: c.id })).attachments).toEqual([]);
  });

  it('draws the prompt inside the pad’s screen for every model size', () => {
    for (const lcd of [{ width: 800, height: 480 }, { width: 320, height: 200 }, { width: 396, height: 100 }]) {
      const raster = padPrompt({ lcd });
      expect(raster.data.length).toBe(lcd.width * lcd.height);
      expect(raster.data.some((v) => v === 0)).toBe(true);
    }
  });
});
