import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { articlesFromFiles, htmlToText, splitMarkdown, splitNumbered } from './import';

const filler = 'Šis ir pietiekami garš teksts, lai sadaļa kļūtu par rakstu zināšanu bāzē un to varētu atrast meklējot. ';

describe('importing documents', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lete-import-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('splits Markdown by its headings', () => {
    const sections = splitMarkdown(`# Pabalsti\n${filler}\n## Bērna kopšanas pabalsts\n${filler}\n`, 'x');
    expect(sections.map((s) => s.title)).toEqual(['Pabalsti', 'Bērna kopšanas pabalsts']);
  });

  it('reads HTML headings and text, decoding entities and dropping scripts', () => {
    const text = htmlToText(`<h2>Pase &amp; eID</h2><p>${filler}</p><script>alert(1)</script>`);
    expect(text).toContain('## Pase & eID');
    expect(text).not.toContain('alert');
  });

  it('splits a government document by numbered sections, not by table rows or years', () => {
    const text = [
      '4.4.2. Zināšanu bāze un izpildes skripti',
      filler,
      '11. Administratīvā sloga samazinājums 10% 15% 20%',
      '2012. gada projekta ietvaros tika izstrādāts',
      filler,
      '4.4.2.8. Analīzes un rādītāju modulis',
      filler,
    ].join('\n');
    expect(splitNumbered(text, 'x').map((s) => s.anchor)).toEqual(['4.4.2.', '4.4.2.8.']);
  });

  it('gives imported articles stable ids so a second import updates them', () => {
    const file = join(dir, 'pakalpojumi.md');
    writeFileSync(file, `# Pase\n${filler}\n# ID karte\n${filler}`);
    const first = articlesFromFiles([file], { at: new Date('2026-11-22T10:00:00Z'), userId: null });
    const again = articlesFromFiles([file], { at: new Date('2026-11-23T10:00:00Z'), userId: null });
    expect(first.map((a) => a.id)).toEqual(again.map((a) => a.id));
    expect(first[0]).toMatchObject({ title: 'Pase', source: 'pakalpojumi.md#Pase' });
  });

  it('cuts the project’s own Latvian documents into many sections', () => {
    const knowledge = new URL('../../assets/demo/knowledge/', import.meta.url).pathname;
    const files = readdirSync(knowledge).filter((f) => f.endsWith('.txt')).map((f) => join(knowledge, f));
    const articles = articlesFromFiles(files, { at: new Date(), userId: null });
    expect(articles.length).toBeGreaterThan(60);
    expect(articles.some((a) => /Zin[aā][sš]anu b[aā]ze/iu.test(a.title))).toBe(true);
  });
});
