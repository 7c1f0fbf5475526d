import { describe, expect, it } from 'vitest';
import { htmlToText, importedArticleId, importedArticleIds, sectionsOfText, splitMarkdown, splitNumbered } from './kb-sections';

const filler = 'Šis ir pietiekami garš teksts, lai sadaļa kļūtu par rakstu zināšanu bāzē un to varētu atrast meklējot. ';

describe('cutting documents into articles', () => {
  it('splits Markdown by its headings', () => {
    const sections = splitMarkdown(`# Pabalsti\n${filler}\n## Bērna kopšanas pabalsts\n${filler}\n`, 'x');
    expect(sections.map((s) => s.title)).toEqual(['Pabalsti', 'Bērna kopšanas pabalsts']);
  });

  it('reads HTML headings and text, decoding entities and dropping scripts', () => {
    const text = htmlToText(`<h2>Pase &amp; eID</h2><p>${filler}</p><script>alert(1)</script>`);
    expect(text).toContain('## Pase & eID');
    expect(text).not.toContain('alert');
    expect(sectionsOfText(`<h2>Pase &amp; eID</h2><p>${filler}</p>`, 'pakalpojumi.html').map((s) => s.title)).toEqual(['Pase & eID']);
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

  it('gives a section the same id on every import, and different sections different ids', () => {
    expect(importedArticleId('a.md', 'Pase', 0)).toBe(importedArticleId('a.md', 'Pase', 3));
    expect(importedArticleId('a.md', 'Pase', 0)).not.toBe(importedArticleId('b.md', 'Pase', 0));
    expect(importedArticleId('a.md', 'Pase', 0)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-/u);
  });

  it('tells apart sections whose headings repeat, such as a numbering restarted in every chapter', () => {
    const sections = splitNumbered(['1. Mērķis', filler, '2. Apraksts', filler, '1. Mērķis', filler].join('\n'), 'x');
    const ids = importedArticleIds('plāns.txt', sections);
    expect(new Set(ids).size).toBe(3);
    expect(importedArticleIds('plāns.txt', sections)).toEqual(ids);
  });
});
