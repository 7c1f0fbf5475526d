import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { articlesFromFiles } from './import';

const filler = 'Šis ir pietiekami garš teksts, lai sadaļa kļūtu par rakstu zināšanu bāzē un to varētu atrast meklējot. ';

describe('reading documents for the knowledge base', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lete-import-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads Markdown, HTML and plain text, and gives sections stable ids and their source', () => {
    const md = join(dir, 'pakalpojumi.md');
    writeFileSync(md, `# Pase\n${filler}\n# ID karte\n${filler}`);
    const html = join(dir, 'pabalsti.html');
    writeFileSync(html, `<h1>Bērna kopšanas pabalsts</h1><p>${filler}</p>`);
    const first = articlesFromFiles([md, html], { topic: 'Centra materiāli' });
    expect(first.map((a) => [a.title, a.source, a.topic])).toEqual([
      ['Pase', 'pakalpojumi.md#Pase', 'Centra materiāli'],
      ['ID karte', 'pakalpojumi.md#ID karte', 'Centra materiāli'],
      ['Bērna kopšanas pabalsts', 'pabalsti.html#Bērna kopšanas pabalsts', 'Centra materiāli'],
    ]);
    expect(articlesFromFiles([md, html]).map((a) => a.id)).toEqual(first.map((a) => a.id));
  });

  it('cuts the project’s own Latvian documents into many sections', () => {
    const knowledge = new URL('../../assets/demo/knowledge/', import.meta.url).pathname;
    const files = readdirSync(knowledge).filter((f) => f.endsWith('.txt')).map((f) => join(knowledge, f));
    const articles = articlesFromFiles(files);
    expect(articles.length).toBeGreaterThan(60);
    expect(articles.some((a) => /Zin[aā][sš]anu b[aā]ze/iu.test(a.title))).toBe(true);
  });
});
