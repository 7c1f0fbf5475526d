import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EsclBackend, SaneBackend, startEsclServer, type EsclServer } from '../../native/scanner';
import type { ScanSession } from '../../preload/contract';
import { createEventBus } from '../events';
import { useSaneTestDevice } from '../test-support/sane';
import { useTestDesk, type TestDesk } from '../test-support/workstation';
import { createScanning } from './service';

const silent = { info: () => undefined, error: () => undefined };

async function finished(read: () => Promise<ScanSession> | ScanSession): Promise<ScanSession> {
  for (let i = 0; i < 400; i++) {
    const s = await read();
    if (s.state !== 'scanning') return s;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the scan did not end');
}

async function caseFor(d: TestDesk) {
  await d.call('session.signIn', { username: 'klerks', password: 'demo' });
  d.workstation.db.prepare(`INSERT INTO case_number_blocks (first, last, next) VALUES (700001, 700010, 700001)`).run();
  return d.call('cases.create', { serviceCode: 'P.02', clientId: null, channel: 'in_person', form: {} });
}

describe('scanning paper into a case', () => {
  const desk = useTestDesk();
  const sane = useSaneTestDevice();

  it('scans five pages from the feeder, then saves them reordered, turned and without one as a PDF on the case', async () => {
    const d = await desk.start();
    const draft = await caseFor(d);
    const { devices } = await d.call('scanner.devices', {});
    expect(devices.map((s) => s.id)).toContain('test:0');
    const capabilities = await d.call('scanner.capabilities', { deviceId: 'test:0' });
    expect(capabilities.sources).toEqual(expect.arrayContaining(['flatbed', 'feeder']));
    expect(capabilities.defaults.application.source).toBe('feeder');

    const started = await d.call('scanner.start', { deviceId: 'test:0', settings: { source: 'feeder', colourMode: 'grey', resolution: 50, maxPages: 5 } });
    const done = await finished(() => d.call('scanner.status', { sessionId: started.sessionId }));
    expect(done).toMatchObject({ state: 'done', error: null });
    expect(done.pages).toHaveLength(5);
    const image = await d.call('scanner.page', { sessionId: done.sessionId, pageId: done.pages[0]!.id });
    expect(image.mediaType).toMatch(/^image\/(png|jpeg)$/u);

    const [p1, p2, p3, , p5] = done.pages;
    const result = await d.call('scanner.save', {
      sessionId: done.sessionId,
      caseId: draft.id,
      name: 'iesniegums',
      pages: [p2!, p1!, p3!, p5!].map((p, i) => ({ id: p.id, rotation: i === 0 ? 90 : 0 })),
    });
    expect(result.pageCount).toBe(4);
    const attachment = (await d.call('cases.get', { id: draft.id })).attachments.find((a) => a.id === result.attachmentId);
    expect(attachment).toMatchObject({ name: 'iesniegums.pdf', kind: 'scan', state: 'local' });

    const row = d.workstation.db.prepare<[string], { file: string }>(`SELECT file FROM attachments WHERE id = ?`).get(result.attachmentId)!;
    const path = join(d.dataDir, row.file);
    execFileSync('qpdf', ['--check', path]);
    const pdf = await PDFDocument.load(readFileSync(path));
    expect(pdf.getPageCount()).toBe(4);
    expect(pdf.getPage(0).getRotation().angle).toBe(90);
    const outbox = d.workstation.db.prepare<[], { args: string }>(`SELECT args FROM outbox WHERE name = 'document.attach'`).get()!;
    expect(JSON.parse(outbox.args)).toMatchObject({ pages: 4, scanSettings: { source: 'feeder', colourMode: 'grey', resolution: 50, backend: 'sane' } });
    // The session is gone once saved: nothing is left to save twice.
    expect(await d.fail('scanner.status', { sessionId: done.sessionId })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('says in Latvian what the SANE device reports, without losing anything', async () => {
    const d = await desk.start();
    await caseFor(d);
    const events = createEventBus();
    const empty = createScanning(d.workstation.db, {
      clock: { now: () => new Date() },
      logger: silent,
      events,
      attachments: d.workstation.attachments,
      env: sane().env,
      backends: async () => [new SaneBackend({ env: sane().env, extraOptions: { 'read-return-value': 'SANE_STATUS_NO_DOCS' } })],
    });
    await empty.devices();
    const started = await empty.start('test:0', { source: 'feeder', colourMode: 'grey', resolution: 50, maxPages: 3 });
    const done = await finished(() => empty.status(started.sessionId));
    expect(done.state).toBe('failed');
    expect(done.error?.message).toMatch(/Padevējā nav lapu/u);
  });

  describe('a network scanner that jams mid-batch', () => {
    let scanner: EsclServer;
    beforeAll(async () => {
      scanner = await startEsclServer({ port: 0, faults: { jamAfter: 2 } });
    });
    afterAll(async () => scanner.close());

    it('keeps the pages scanned before the jam, and saves them', async () => {
      const d = await desk.start();
      const draft = await caseFor(d);
      const scanning = createScanning(d.workstation.db, {
        clock: { now: () => new Date() },
        logger: silent,
        events: createEventBus(),
        attachments: d.workstation.attachments,
        env: sane().env,
        backends: async (urls) => [new EsclBackend({ urls })],
        builtInUrls: [scanner.url],
      });
      const [device] = (await scanning.devices()).devices;
      const started = await scanning.start(device!.id, { source: 'feeder', colourMode: 'grey', resolution: 75 });
      const done = await finished(() => scanning.status(started.sessionId));
      expect(done.state).toBe('failed');
      expect(done.error?.message).toMatch(/iestrēga lapa/u);
      expect(done.pages).toHaveLength(2);
      const result = await scanning.save({ sessionId: done.sessionId, caseId: draft.id, name: 'pirmās-lapas', pages: done.pages.map((p) => ({ id: p.id, rotation: 0 })) }, 'user-klerks');
      expect(result.pageCount).toBe(2);
    });
  });
});
