import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScreenSample } from '../../preload/contract';
import type { Clock } from '../clock';
import { signatureBox } from '../pdf/documents';
import { useTestDesk, type TestDesk } from '../test-support/workstation';
import { recordProtector } from './protect';
import { RECORD_FILE } from './sign';
import { drawnPoints, embeddedFile, qpdfCheck, syntheticSignature } from './test-support';

/** Time moves on between every step, as at a real desk: the PDF is made seconds before it is signed. */
function ticking(startIso: string): Clock {
  let now = Date.parse(startIso);
  return { now: () => new Date((now += 7_300)) };
}

const passForm = { personalCode: '010190-10001', phone: '', documentKind: 'pase', urgency: 'parastais', pickup: 'Rīgas centrs' };
const area = { width: 640, height: 220 };

async function clerkWithCase(d: TestDesk, clientId: string | null = null) {
  const c = await d.call('cases.create', { serviceCode: '1001', clientId, channel: 'in_person', form: { personalCode: '010190-10001' } });
  return c;
}

/** The application PDF as the signing dialog fetches it, and the hash the screen computes. */
async function shown(d: TestDesk, caseId: string) {
  const file = await d.call('cases.pdf', { id: caseId, kind: 'application' });
  const bytes = new Uint8Array(Buffer.from(file.contentBase64, 'base64'));
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

const signInput = (caseId: string, pdfSha256: string, samples: ScreenSample[] = syntheticSignature(), name = '') => ({
  caseId,
  pdfSha256,
  signer: { name },
  capture: { samples, area },
});

describe('signing an application on the screen', () => {
  const desk = useTestDesk();

  async function start() {
    const d = await desk.start({ clock: ticking('2026-11-23T12:05:00Z') });
    await d.call('session.signIn', { username: 'klerks', password: 'demo' });
    d.workstation.db.prepare(`INSERT INTO case_number_blocks (first, last, next) VALUES (700001, 700010, 700001)`).run();
    const client = await d.call('clients.create', { personalCode: '010190-10001', firstName: 'Jānis', lastName: 'Ozoliņš', phone: null, email: null });
    return { d, client };
  }

  const storedFile = (d: TestDesk & { dataDir: string }, id: string) => {
    const row = d.workstation.db.prepare<[string], { file: string }>(`SELECT file FROM attachments WHERE id = ?`).get(id);
    if (!row) throw new Error(`no attachment ${id}`);
    return new Uint8Array(readFileSync(join(d.dataDir, row.file)));
  };

  it('attaches the signed application to the case, with the ink in the field and the sealed record inside', async () => {
    const { d, client } = await start();
    const c = await clerkWithCase(d, client.id);
    const changed: string[] = [];
    d.workstation.events.subscribe((event, payload) => {
      if (event === 'cases.changed') changed.push((payload as { id: string }).id);
    });
    const application = await shown(d, c.id);
    const samples = syntheticSignature();

    const attachment = await d.call('cases.sign', signInput(c.id, application.sha256, samples));
    expect(attachment).toMatchObject({ kind: 'application_pdf', name: 'pieteikums-1001-700001-parakstits.pdf', state: 'local', error: null });
    expect((await d.call('cases.get', { id: c.id })).attachments).toEqual([attachment]);
    expect(changed).toContain(c.id);

    const signed = storedFile(d, attachment.id);
    expect(signed.length).toBe(attachment.size);
    qpdfCheck(signed);
    const box = await signatureBox(application.bytes);
    if (!box) throw new Error('no signature field');
    const points = await drawnPoints(application.bytes, signed, box.page);
    expect(points.length).toBeGreaterThan(0);
    expect(points.every((p) => p.x > box.x && p.x < box.x + box.width && p.y > box.y && p.y < box.y + box.height)).toBe(true);

    const envelope = await embeddedFile(signed, RECORD_FILE);
    if (!envelope) throw new Error('no embedded record');
    const record = recordProtector(d.dataDir).open(envelope);
    expect(record).toMatchObject({
      source: 'screen',
      signer: { name: 'Jānis Ozoliņš', from: 'case' },
      operator: { userId: 'user-klerks', displayName: 'Anna Bērziņa' },
      reason: 'Pieteikuma parakstīšana',
      document: { sha256: application.sha256, caseId: c.id },
      capture: { device: null, lcd: area },
    });
    expect(record.capture.samples.map((s) => [s.x, s.y, s.pressure, s.hostMicros, s.pointer, s.tip])).toEqual(samples);

    // The platform gets it like any document; the audit says what happened without saying who the client is.
    expect(d.workstation.db.prepare(`SELECT name FROM outbox WHERE entity_id = ?`).pluck().all(attachment.id)).toEqual(['document.attach']);
    const audit = d.workstation.db.prepare<[], { user_id: string; subject: string; detail: string }>(`SELECT user_id, subject, detail FROM audit_events WHERE action = 'case.sign'`).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ user_id: 'user-klerks', subject: c.id });
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toEqual({ attachmentId: attachment.id, source: 'screen', samples: samples.length, documentSha256: application.sha256 });
    expect(audit[0]?.detail).not.toMatch(/Jānis|Ozoliņš|010190/u);
  });

  it('signs a submitted application, and a typed name for an anonymous client', async () => {
    const { d, client } = await start();
    const c = await clerkWithCase(d, client.id);
    await d.call('cases.update', { id: c.id, form: passForm });
    await d.call('cases.submit', { id: c.id, onBehalf: true, signed: true, note: null });
    const submitted = await shown(d, c.id);
    expect(await d.call('cases.sign', signInput(c.id, submitted.sha256))).toMatchObject({ kind: 'application_pdf' });

    const anonymous = await clerkWithCase(d);
    const application = await shown(d, anonymous.id);
    expect(await d.fail('cases.sign', signInput(anonymous.id, application.sha256))).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'signer.name' }] });
    const attachment = await d.call('cases.sign', signInput(anonymous.id, application.sha256, syntheticSignature(), 'Līga Kalniņa'));
    const envelope = await embeddedFile(storedFile(d, attachment.id), RECORD_FILE);
    if (!envelope) throw new Error('no embedded record');
    expect(recordProtector(d.dataDir).open(envelope).signer).toEqual({ name: 'Līga Kalniņa', from: 'typed' });
  });

  it('refuses what the client did not see, a changed case, an empty or malformed signature and a finished case, storing nothing', async () => {
    const { d, client } = await start();
    const c = await clerkWithCase(d, client.id);
    const application = await shown(d, c.id);
    const pending = (await d.call('status.get', {})).pendingChanges;

    expect(await d.fail('cases.sign', signInput(c.id, '0'.repeat(64)))).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/atveriet to vēlreiz/u) });
    const tap: ScreenSample[] = [
      [0.5, 0.5, 0.5, 0, 'mouse', true],
      [0.5, 0.5, 0, 9_000, 'mouse', false],
    ];
    expect(await d.fail('cases.sign', signInput(c.id, application.sha256, tap))).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/^Paraksts ir tukšs/u) });
    const outside = syntheticSignature().map(([, ...rest], i): ScreenSample => [i === 3 ? 1.5 : 0.5, ...rest]);
    expect(await d.fail('cases.sign', signInput(c.id, application.sha256, outside))).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'capture.samples.3.0' }] });
    expect(await d.fail('cases.sign', { ...signInput(c.id, application.sha256), capture: { samples: syntheticSignature(), area, extra: true } })).toMatchObject({ code: 'INVALID_INPUT' });

    // The clerk corrected the form after the client had opened the application.
    await d.call('cases.update', { id: c.id, form: { ...passForm, pickup: 'Jelgavas centrs' } });
    expect(await d.fail('cases.sign', signInput(c.id, application.sha256))).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/^Pieteikums ir mainīts/u) });

    await d.call('cases.transition', { id: c.id, to: 'cancelled', reason: 'Klients pārdomāja' });
    const cancelled = await shown(d, c.id);
    expect(await d.fail('cases.sign', signInput(c.id, cancelled.sha256))).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/statusā/u) });

    expect((await d.call('cases.get', { id: c.id })).attachments).toEqual([]);
    expect(d.workstation.db.prepare(`SELECT count(*) FROM audit_events WHERE action = 'case.sign'`).pluck().get()).toBe(0);
    // Only the form correction and the cancellation went to the outbox.
    expect((await d.call('status.get', {})).pendingChanges).toBe(pending + 2);
    const documents = join(d.dataDir, 'documents');
    expect(existsSync(documents) ? readdirSync(documents) : []).toEqual([]);
  });
});
