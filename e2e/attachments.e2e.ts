import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Connection } from '../main/rpc/router';
import { createWorkstation, type Workstation } from '../main/workstation';
import { createPlatform, type Platform } from '../platform/server';
import { accessToken, connectDesk } from '../platform/test-support/platform';

const silent = { info: () => undefined, error: () => undefined };

/** Scanned documents go after the case they belong to, resumably, and the case says what is still local. */
describe('attachments', () => {
  const dirs: string[] = [];
  const open: { close(): unknown }[] = [];
  afterEach(async () => {
    for (const o of open.splice(0).reverse()) await o.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'lete-attach-'));
    dirs.push(d);
    return d;
  };
  const until = async (check: () => boolean | Promise<boolean>, ms = 20_000) => {
    const end = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > end) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  async function setup() {
    const platform: Platform = await createPlatform({ dataDir: tempDir(), demo: true, passwordMemoryCost: 1024, tokenSecret: 'e2e' });
    open.push(platform);
    // A case of the Rīga centre, registered at a colleague's desk.
    const colleague = await connectDesk(platform, 'klerks');
    const { reserveCaseNumbers } = await colleague.request<{ reserveCaseNumbers: { first: number } }>(`mutation ($c: ID!) { reserveCaseNumbers(clientId: $c, count: 1) { first } }`, {
      c: colleague.clientId,
    });
    const caseId = randomUUID();
    await colleague.push('case.create', { id: caseId, caseNumber: `P.02 ${reserveCaseNumbers.first}`, serviceCode: 'P.02', clientId: null, channel: 'in_person', form: {} });

    const w: Workstation = await createWorkstation(
      { dataDir: tempDir(), host: 'web', appVersion: 'e2e', demo: true, deskId: null, passwordCost: 1024, platformUrl: platform.url },
      { logger: silent },
    );
    open.push(w);
    const connection: Connection = { id: 'e2e', session: null };
    const signedIn = await w.router.dispatch(connection, 'session.signIn', { username: 'klerks', password: 'demo' });
    expect(signedIn.ok).toBe(true);
    await until(() => w.db.prepare(`SELECT 1 FROM replica_rows WHERE entity = 'case' AND id = ?`).get(caseId) !== undefined);
    return { platform, w, caseId, userId: 'user-klerks' };
  }

  const stored = async (platform: Platform, id: string) => {
    const [row] = await platform.sql.query<{ received: string; complete: boolean; sha256: string }>(`SELECT received, complete, sha256 FROM document_content WHERE id = $1`, [id]);
    return row;
  };

  it('uploads a 3 MiB scan in chunks after its metadata, and the case shows it moving from local to uploaded', async () => {
    const { platform, w, caseId, userId } = await setup();
    const scan = randomBytes(3 * 1024 * 1024 + 123);
    w.sync?.stop(); // the clerk scans while the desk is between cycles
    const id = w.attachments.attach({ caseId, kind: 'scan', name: 'pase.pdf', mediaType: 'application/pdf', bytes: scan, pages: 2, scanSettings: { dpi: 300, mode: 'gray' } }, userId);
    expect(w.attachments.forCase(caseId)).toEqual([{ id, kind: 'scan', name: 'pase.pdf', size: scan.length, uploaded: 0, state: 'local', error: null }]);

    w.sync?.start();
    await until(() => w.attachments.forCase(caseId)[0]?.state === 'uploaded');
    const content = await stored(platform, id);
    expect(content).toMatchObject({ complete: true, sha256: createHash('sha256').update(scan).digest('hex') });
    expect(Number(content?.received)).toBe(scan.length);
    const download = await fetch(`${platform.url}/documents/${id}/content`, { headers: { authorization: `Bearer ${await accessToken(platform, 'klerks')}` } });
    expect(Buffer.from(await download.arrayBuffer()).equals(scan)).toBe(true);
  });

  it('carries on from where the platform stands after the network drops mid-upload, sending no byte twice', async () => {
    const { platform, w, caseId, userId } = await setup();
    // Between desk and platform: forwards everything, counts document bytes the platform received, and
    // drops the second chunk on the floor with the connection, as a failing network does.
    const target = new URL(platform.url);
    let forwarded = 0;
    let patches = 0;
    const proxy = createServer((req, res) => {
      const isChunk = req.method === 'PATCH' && req.url?.startsWith('/documents/');
      if (isChunk && ++patches === 2) {
        req.resume();
        req.on('end', () => req.socket.destroy());
        return;
      }
      const upstream = httpRequest({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      if (isChunk) req.on('data', (c: Buffer) => (forwarded += c.length));
      req.pipe(upstream);
      upstream.on('error', () => res.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', () => resolve()));
    open.push({ close: () => new Promise((resolve) => proxy.close(resolve)) });
    const { port } = proxy.address() as AddressInfo;

    const desk: Workstation = await createWorkstation(
      { dataDir: tempDir(), host: 'web', appVersion: 'e2e', demo: true, deskId: null, passwordCost: 1024, platformUrl: `http://127.0.0.1:${port}` },
      { logger: silent },
    );
    open.push(desk);
    w.sync?.stop();
    expect((await desk.router.dispatch({ id: 'e2e', session: null }, 'session.signIn', { username: 'klerks', password: 'demo' })).ok).toBe(true);
    await until(() => desk.db.prepare(`SELECT 1 FROM replica_rows WHERE entity = 'case' AND id = ?`).get(caseId) !== undefined);

    const scan = randomBytes(3 * 1024 * 1024 + 7);
    const id = desk.attachments.attach({ caseId, kind: 'signature', name: 'paraksts.png', mediaType: 'image/png', bytes: scan, pages: null, scanSettings: null }, userId);
    void desk.sync?.syncNow();
    await until(() => patches >= 2);
    expect(desk.attachments.forCase(caseId)[0]).toMatchObject({ state: 'local', uploaded: 1024 * 1024 });

    await until(async () => {
      await desk.sync?.syncNow();
      return desk.attachments.forCase(caseId)[0]?.state === 'uploaded';
    });
    expect(await stored(platform, id)).toMatchObject({ complete: true, sha256: createHash('sha256').update(scan).digest('hex') });
    expect(forwarded).toBe(scan.length);
  });
});
