import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Platform } from '../server';
import { connectDesk, engines, startTestPlatform } from '../test-support/platform';

const article = (id: string, baseVersion: number, audience: 'providers' | 'owners', title: string) => ({
  id,
  baseVersion,
  title,
  body: 'Iesniegumu pieņem klātienē vai portālā Latvija.gov.lv.',
  topic: 'Sociālā apdrošināšana',
  tags: ['pabalsts'],
  serviceCodes: ['P.08'],
  legislation: [{ title: 'Likums "Par valsts sociālo apdrošināšanu"', url: 'https://likumi.lv/ta/id/45466' }],
  audience,
  template: 'procedure',
});

describe.each(engines)('knowledge base on %s', (engine) => {
  let platform: Platform;
  afterEach(async () => platform?.close());

  it('publishes versions, refuses to overwrite a newer one, and keeps owner-only articles from provider desks', async () => {
    platform = await startTestPlatform(engine);
    const editor = await connectDesk(platform, 'redaktors');
    const vsaaEditor = await connectDesk(platform, 'redaktore.vsaa');
    const clerk = await connectDesk(platform, 'klerks');
    const shared = randomUUID();
    const internal = randomUUID();
    expect((await editor.push('article.publish', article(shared, 0, 'providers', 'Apbedīšanas pabalsts'))).status).toBe('APPLIED');
    expect((await editor.push('article.publish', article(shared, 1, 'providers', 'Apbedīšanas pabalsts: kā pieteikt'))).status).toBe('APPLIED');
    const stale = await editor.push('article.publish', article(shared, 1, 'providers', 'Novecojis labojums'));
    expect(stale).toMatchObject({ status: 'CONFLICT', conflict: { fields: ['version'] } });
    expect((await editor.push('article.publish', article(internal, 0, 'owners', 'Iekšējā kārtība'))).reason).toMatch(/iestādes redaktors/u);
    expect((await vsaaEditor.push('article.publish', article(internal, 0, 'owners', 'Iekšējā kārtība'))).status).toBe('APPLIED');
    expect((await clerk.push('article.publish', article(randomUUID(), 0, 'providers', 'X'))).reason).toMatch(/tikai redaktors/u);

    const seen = (await clerk.pull()).changes.filter((c) => c.entity === 'article' && [shared, internal].some((id) => id === c.id)).map((c) => c.data.title);
    expect(seen).toEqual(['Apbedīšanas pabalsts: kā pieteikt']);
    const { articleVersions } = await clerk.request<{ articleVersions: { version: number; title: string; updatedBy: string }[] }>(
      `query ($id: ID!) { articleVersions(id: $id) { version title updatedBy } }`,
      { id: shared },
    );
    expect(articleVersions).toEqual([
      { version: 2, title: 'Apbedīšanas pabalsts: kā pieteikt', updatedBy: 'user-redaktors' },
      { version: 1, title: 'Apbedīšanas pabalsts', updatedBy: 'user-redaktors' },
    ]);
  });

  it('attaches a file to an article for whoever may read the article, and refuses one for an article it does not have', async () => {
    platform = await startTestPlatform(engine);
    const editor = await connectDesk(platform, 'redaktors');
    const clerk = await connectDesk(platform, 'klerks');
    const id = randomUUID();
    expect((await editor.push('article.publish', article(id, 0, 'providers', 'Apbedīšanas pabalsts'))).status).toBe('APPLIED');
    const file = { name: 'iesniegums.pdf', mediaType: 'application/pdf', size: 1234, sha256: 'a'.repeat(64) };
    expect((await editor.push('article.attach', { id: randomUUID(), articleId: id, ...file })).status).toBe('APPLIED');
    expect((await editor.push('article.attach', { id: randomUUID(), articleId: randomUUID(), ...file })).reason).toMatch(/nav atrasts/u);
    expect((await clerk.push('article.attach', { id: randomUUID(), articleId: id, ...file })).reason).toMatch(/tikai redaktors/u);
    const seen = (await clerk.pull()).changes.filter((c) => c.entity === 'document' && c.data.articleId === id);
    expect(seen.map((c) => [c.data.name, c.data.kind])).toEqual([['iesniegums.pdf', 'article_attachment']]);
  });

  it('publishes a call script only when every path ends with an outcome', async () => {
    platform = await startTestPlatform(engine);
    const editor = await connectDesk(platform, 'redaktors');
    const steps = [
      { id: 'q', kind: 'question', text: 'Vai bērns dzimis Latvijā?', choices: [{ label: 'Jā', next: 'end' }, { label: 'Nē', next: 'nowhere' }] },
      { id: 'end', kind: 'end', text: 'Informēts', outcome: 'informed' },
    ];
    const broken = await editor.push('script.publish', { id: randomUUID(), baseVersion: 0, title: 'Bērna kopšanas pabalsts', serviceCodes: [], start: 'q', steps });
    expect(broken.reason).toMatch(/ved uz neesošu soli „nowhere”/u);
    const fixed = steps.map((s) => (s.id === 'q' ? { ...s, choices: [{ label: 'Jā', next: 'end' }, { label: 'Nē', next: 'end' }] } : s));
    expect((await editor.push('script.publish', { id: randomUUID(), baseVersion: 0, title: 'Bērna kopšanas pabalsts', serviceCodes: [], start: 'q', steps: fixed })).status).toBe('APPLIED');
    const { scripts } = await editor.request<{ scripts: { title: string; version: number }[] }>(`{ scripts { title version } }`);
    expect(scripts.filter((s) => s.title === 'Bērna kopšanas pabalsts')).toEqual([{ title: 'Bērna kopšanas pabalsts', version: 1 }]);
  });

  it('starts the demo with the written articles, the source documents and call scripts, owner-only ones kept to their institution', async () => {
    platform = await startTestPlatform(engine);
    const clerk = await connectDesk(platform, 'klerks');
    const pulled = (await clerk.pull()).changes;
    const articles = pulled.filter((c) => c.entity === 'article');
    expect(articles.length).toBeGreaterThan(250);
    expect(articles.map((c) => c.data.title)).toContain('Bērna kopšanas pabalsts: kā pieprasīt');
    expect(articles.map((c) => c.data.title)).not.toContain('Pases pieteikuma apstrāde PMLP nodaļā');
    expect(articles.find((c) => c.data.source === null && c.data.template === 'procedure')?.data.legislation).not.toEqual([]);
    expect(pulled.filter((c) => c.entity === 'script').map((c) => c.data.title).sort()).toEqual(['Zvans par pabalstu bērna kopšanai', 'Zvans par pasi vai eID karti']);
    expect(pulled.some((c) => c.entity.endsWith('_version'))).toBe(false);
  });
});
