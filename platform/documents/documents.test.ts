import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentData } from '../entities';
import type { Platform } from '../server';
import { writeRow } from '../sync/rows';
import { accessToken, engines, startTestPlatform } from '../test-support/platform';
import { parseRange } from './http';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function syncMetadata(platform: Platform, content: Uint8Array, overrides: Partial<DocumentData> = {}): Promise<string> {
  const id = randomUUID();
  const data: DocumentData = {
    id,
    caseId: randomUUID(),
    kind: 'scan',
    name: 'iesniegums.pdf',
    mediaType: 'application/pdf',
    size: content.byteLength,
    sha256: sha256(content),
    pages: 1,
    scanSettings: null,
    createdBy: 'user-klerks',
    createdAt: new Date().toISOString(),
    ...overrides,
  };
  await platform.sql.transaction((tx) => writeRow(tx, { entity: 'document', id, data, centreId: 'riga-centrs', ownerCode: null }));
  return id;
}

function client(platform: Platform, token: string | null) {
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const url = (id: string) => `${platform.url}/documents/${id}/content`;
  return {
    head: (id: string) => fetch(url(id), { method: 'HEAD', headers: { ...auth, 'Tus-Resumable': '1.0.0' } }),
    patch: (id: string, offset: number, body: Uint8Array<ArrayBuffer>) =>
      fetch(url(id), {
        method: 'PATCH',
        headers: { ...auth, 'Tus-Resumable': '1.0.0', 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': String(offset) },
        body,
      }),
    get: (id: string, range?: string) => fetch(url(id), { headers: { ...auth, ...(range ? { range } : {}) } }),
  };
}

const offsetOf = (res: Response) => Number(res.headers.get('upload-offset'));

async function errorBody(res: Response): Promise<{ code: string; message: string }> {
  const body = (await res.json()) as { code: string; message: string };
  // Latvian for people: it should at least not be an English stack trace or an empty string.
  expect(body.message).toMatch(/[āēīūčģķļņšž]/u);
  return body;
}

describe.each(engines)('document content over HTTP on %s', (engine) => {
  let platform: Platform;
  afterEach(async () => platform?.close());

  it('uploads in resumable chunks, survives a dropped connection and a wrong offset, and downloads byte for byte', async () => {
    platform = await startTestPlatform(engine);
    const token = await accessToken(platform, 'klerks');
    const desk = client(platform, token);
    const content = new Uint8Array(randomBytes(300_000));
    const id = await syncMetadata(platform, content);

    const before = await desk.head(id);
    expect(before.status).toBe(200);
    expect([offsetOf(before), Number(before.headers.get('upload-length'))]).toEqual([0, 300_000]);

    const first = await desk.patch(id, 0, content.subarray(0, 100_000));
    expect(first.status).toBe(204);
    expect(offsetOf(first)).toBe(100_000);

    // The connection drops part-way through the second chunk: nothing of it may be kept.
    const controller = new AbortController();
    const dropped = fetch(`${platform.url}/documents/${id}/content`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': '100000' },
      body: new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(content.subarray(100_000, 150_000));
          setTimeout(() => controller.abort(), 50);
        },
      }),
      duplex: 'half',
      signal: controller.signal,
    } as RequestInit);
    await expect(dropped).rejects.toThrow();

    const resumeAt = offsetOf(await desk.head(id));
    expect(resumeAt).toBe(100_000);

    const stale = await desk.patch(id, 0, content.subarray(0, 100_000));
    expect(stale.status).toBe(409);
    expect((await errorBody(stale)).code).toBe('OFFSET_MISMATCH');
    expect(offsetOf(stale)).toBe(100_000);
    expect(offsetOf(await desk.head(id))).toBe(100_000);

    const early = await desk.get(id);
    expect(early.status).toBe(409);
    expect((await errorBody(early)).code).toBe('INCOMPLETE');

    expect(offsetOf(await desk.patch(id, resumeAt, content.subarray(resumeAt, 200_000)))).toBe(200_000);
    const beyond = await desk.patch(id, 200_000, new Uint8Array(100_001));
    expect(beyond.status).toBe(400);
    expect((await errorBody(beyond)).code).toBe('EXCEEDS_SIZE');
    const last = await desk.patch(id, 200_000, content.subarray(200_000));
    expect(last.status).toBe(204);
    expect(offsetOf(last)).toBe(300_000);
    expect(offsetOf(await desk.head(id))).toBe(300_000);

    const again = await desk.patch(id, 300_000, new Uint8Array(0));
    expect(again.status).toBe(409);
    expect((await errorBody(again)).code).toBe('ALREADY_COMPLETE');

    const whole = await desk.get(id);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('application/pdf');
    expect(whole.headers.get('content-length')).toBe('300000');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await whole.arrayBuffer()).equals(Buffer.from(content))).toBe(true);

    const slice = await desk.get(id, 'bytes=99990-100009');
    expect(slice.status).toBe(206);
    expect(slice.headers.get('content-range')).toBe('bytes 99990-100009/300000');
    expect(Buffer.from(await slice.arrayBuffer()).equals(Buffer.from(content.subarray(99_990, 100_010)))).toBe(true);

    const tail = await desk.get(id, 'bytes=-5');
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(Buffer.from(content.subarray(299_995)))).toBe(true);

    const outside = await desk.get(id, 'bytes=300000-');
    expect(outside.status).toBe(416);
    expect(outside.headers.get('content-range')).toBe('bytes */300000');
    expect((await errorBody(outside)).code).toBe('RANGE_NOT_SATISFIABLE');

    const audit = await platform.sql.query<{ detail: unknown }>(`SELECT detail FROM audit_events WHERE action = 'document.read' AND subject = $1`, [id]);
    expect(audit).toHaveLength(3);
  });

  it('throws away content whose checksum does not match and takes it again from 0', async () => {
    platform = await startTestPlatform(engine);
    const desk = client(platform, await accessToken(platform, 'klerks'));
    const content = new Uint8Array(randomBytes(150_000));
    const id = await syncMetadata(platform, content);
    const corrupted = new Uint8Array(content);
    corrupted[149_000] = (corrupted[149_000] ?? 0) ^ 0xff;

    expect((await desk.patch(id, 0, corrupted.subarray(0, 100_000))).status).toBe(204);
    const bad = await desk.patch(id, 100_000, corrupted.subarray(100_000));
    expect(bad.status).toBe(422);
    expect((await errorBody(bad)).code).toBe('CHECKSUM_MISMATCH');
    expect(offsetOf(await desk.head(id))).toBe(0);
    const [left] = await platform.sql.query<{ n: string }>(`SELECT count(*) AS n FROM document_chunks WHERE id = $1`, [id]);
    expect(Number(left?.n)).toBe(0);
    expect((await desk.get(id)).status).toBe(409);

    expect((await desk.patch(id, 0, content)).status).toBe(204);
    const good = await desk.get(id);
    expect(good.status).toBe(200);
    expect(sha256(new Uint8Array(await good.arrayBuffer()))).toBe(sha256(content));
  });

  it('answers 401 without a token, 403 to another centre and 404 before the metadata is synced', async () => {
    platform = await startTestPlatform(engine);
    const content = new Uint8Array(randomBytes(1_000));
    const id = await syncMetadata(platform, content);
    const owner = client(platform, await accessToken(platform, 'klerks'));
    expect((await owner.patch(id, 0, content)).status).toBe(204);

    const anonymous = client(platform, null);
    for (const res of [await anonymous.get(id), await anonymous.patch(id, 0, content), await anonymous.head(id)]) expect(res.status).toBe(401);
    expect((await errorBody(await anonymous.get(id))).code).toBe('UNAUTHENTICATED');
    expect((await client(platform, 'nav-tokens').get(id)).status).toBe(401);

    const elsewhere = client(platform, await accessToken(platform, 'operators'));
    const refused = await elsewhere.get(id);
    expect(refused.status).toBe(403);
    expect((await errorBody(refused)).code).toBe('FORBIDDEN');
    expect((await elsewhere.head(id)).status).toBe(403);
    expect((await elsewhere.patch(id, 1_000, new Uint8Array(0))).status).toBe(403);

    const unsynced = await owner.patch(randomUUID(), 0, content);
    expect(unsynced.status).toBe(404);
    expect((await errorBody(unsynced)).code).toBe('DOCUMENT_NOT_SYNCED');
    expect((await owner.head(randomUUID())).status).toBe(404);
  });

  it('refuses a chunk over 4 MiB and a body that is not offset+octet-stream', async () => {
    platform = await startTestPlatform(engine);
    const desk = client(platform, await accessToken(platform, 'klerks'));
    const content = new Uint8Array(randomBytes(5 * 1024 * 1024));
    const id = await syncMetadata(platform, content);
    const big = await desk.patch(id, 0, content);
    expect(big.status).toBe(413);
    expect((await errorBody(big)).code).toBe('CHUNK_TOO_LARGE');
    const wrongType = await fetch(`${platform.url}/documents/${id}/content`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${await accessToken(platform, 'klerks')}`, 'Content-Type': 'application/json', 'Upload-Offset': '0' },
      body: '{}',
    });
    expect(wrongType.status).toBe(415);
    expect(offsetOf(await desk.head(id))).toBe(0);
  });
});

describe('parseRange', () => {
  it('reads single byte ranges and ignores what it cannot honour', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=90-500', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-200', 100)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,5-6', 100)).toBeNull();
    expect(parseRange('bytes=9-0', 100)).toBeNull();
    expect(parseRange(undefined, 100)).toBeNull();
  });
});
