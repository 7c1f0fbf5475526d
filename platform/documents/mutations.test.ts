import { createHash, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Platform } from '../server';
import { accessToken, connectDesk, engines, startTestPlatform, type TestDesk } from '../test-support/platform';

async function draftCase(desk: TestDesk): Promise<string> {
  const { reserveCaseNumbers } = await desk.request<{ reserveCaseNumbers: { first: number } }>(`mutation ($c: ID!) { reserveCaseNumbers(clientId: $c, count: 1) { first } }`, {
    c: desk.clientId,
  });
  const id = randomUUID();
  const created = await desk.push('case.create', { id, caseNumber: `P.02 ${reserveCaseNumbers.first}`, serviceCode: 'P.02', clientId: null, channel: 'in_person', form: {} });
  expect(created.status).toBe('APPLIED');
  return id;
}

const pdf = Buffer.from('%PDF-1.7\nIesniegums\n%%EOF\n');
const attach = (caseId: string, extra: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  caseId,
  kind: 'application_pdf',
  name: 'iesniegums.pdf',
  mediaType: 'application/pdf',
  size: pdf.length,
  sha256: createHash('sha256').update(pdf).digest('hex'),
  pages: 1,
  scanSettings: null,
  ...extra,
});

describe.each(engines)('document metadata on %s', (engine) => {
  let platform: Platform;
  afterEach(async () => platform?.close());

  it('attaches to a case of the clerk’s centre, then takes the content it declared', async () => {
    platform = await startTestPlatform(engine);
    const desk = await connectDesk(platform, 'klerks');
    const caseId = await draftCase(desk);
    const doc = attach(caseId);
    expect((await desk.push('document.attach', doc)).status).toBe('APPLIED');
    const pulled = (await desk.pull()).changes.find((c) => c.id === doc.id);
    expect(pulled?.data).toMatchObject({ caseId, kind: 'application_pdf', size: pdf.length, createdBy: 'user-klerks' });

    const token = `Bearer ${await accessToken(platform, 'klerks')}`;
    const upload = await fetch(`${platform.url}/documents/${doc.id}/content`, {
      method: 'PATCH',
      headers: { authorization: token, 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream', 'Tus-Resumable': '1.0.0' },
      body: pdf,
    });
    expect(upload.status).toBe(204);
  });

  it('refuses a document for another centre’s case, an unknown case, or with a bad checksum', async () => {
    platform = await startTestPlatform(engine);
    const desk = await connectDesk(platform, 'klerks');
    const caseId = await draftCase(desk);
    const [{ username }] = (await platform.sql.query<{ username: string }>(`SELECT username FROM users WHERE centre_id <> 'riga-centrs' AND 'clerk' = ANY(roles) LIMIT 1`)) as [{ username: string }];
    const elsewhere = await connectDesk(platform, username);
    expect((await elsewhere.push('document.attach', attach(caseId))).reason).toMatch(/sava centra lietai/u);
    expect((await desk.push('document.attach', attach(randomUUID()))).reason).toMatch(/nav atrasta/u);
    expect((await desk.push('document.attach', attach(caseId, { sha256: 'nav-kontrolsumma' }))).status).toBe('REJECTED');
  });
});
