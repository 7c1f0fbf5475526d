import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection';
import { useTempDir } from '../db/test-support';
import { createArticleWriter, type ArticleInput } from './articles';
import { createKbSearch } from './search';

const article = (id: string, title: string, body: string, extra: Partial<ArticleInput> = {}): ArticleInput => ({
  id,
  topic: 'VSAA',
  title,
  body,
  tags: [],
  serviceCodes: [],
  legislation: [],
  audience: 'providers',
  ownerCode: null,
  template: 'free',
  status: 'current',
  version: 1,
  updatedAt: '2026-11-22T10:00:00Z',
  updatedBy: null,
  source: null,
  ...extra,
});

describe('knowledge search', () => {
  const tempDir = useTempDir();
  function setup(articles: ArticleInput[]) {
    const db = openDatabase(join(tempDir(), 'lete.sqlite'));
    createArticleWriter(db).writeMany(articles);
    return { db, kb: createKbSearch(db) };
  }

  const library = [
    article('a1', 'Bērna kopšanas pabalsts', 'Pabalstu piešķir vienam no vecākiem, kurš kopj bērnu līdz pusotra gada vecumam.', { tags: ['ģimene'] }),
    article('a2', 'Ģimenes valsts pabalsts', 'Ģimenes valsts pabalstu izmaksā par katru bērnu no viena gada vecuma.'),
    article('a3', 'Zināšanu bāzes lietošana', 'Kā meklēt zināšanu bāzē: rakstiet vārdus bez garumzīmēm.'),
    article('a4', 'Bezdarbnieka statusa piešķiršana', 'NVA piešķir bezdarbnieka statusu, ja persona reģistrējas.', { status: 'outdated' }),
    article('a5', 'Bezdarbnieka statuss — jaunā kārtība', 'No 2026. gada bezdarbnieka statusu var pieprasīt arī VPVKAC.'),
  ];

  it('finds `zināšanu bāze` typed as `zinasanu baze`', () => {
    const { kb } = setup(library);
    expect(kb.search('zinasanu baze')[0]?.id).toBe('a3');
  });

  it('finds every case form of a word from any other', () => {
    const { kb } = setup(library);
    for (const q of ['pabalsts ', 'pabalsta ', 'pabalstu ']) {
      expect(kb.search(q).map((h) => h.id).sort()).toEqual(['a1', 'a2']);
    }
  });

  it('tolerates one typo in a short word and two in a long one', () => {
    const { kb } = setup(library);
    expect(kb.search('kopsnas pabalsts ')[0]?.id).toBe('a1');
    expect(kb.search('bezdrabnieka ')[0]?.id).toMatch(/a[45]/u);
    expect(kb.search('bezdabrniekka ').length).toBeGreaterThan(0);
  });

  it('matches the last word as a prefix while it is being typed', () => {
    const { kb } = setup(library);
    expect(kb.search('berna kop')[0]?.id).toBe('a1');
  });

  it('ranks title hits above body hits and current above outdated', () => {
    const { kb } = setup(library);
    expect(kb.search('bezdarbnieka statuss ').map((h) => h.id)).toEqual(['a5', 'a4']);
    expect(kb.search('gimenes ')[0]?.id).toBe('a2');
  });

  it('marks the matched words in the snippet without touching the text', () => {
    const { kb } = setup(library);
    const hit = kb.search('vecakiem ')[0];
    expect(hit?.snippet.filter((s) => s.hit).map((s) => s.text)).toEqual(['vecākiem']);
    expect(hit?.snippet.map((s) => s.text).join('')).toContain('vienam no vecākiem, kurš kopj');
  });

  it('puts a short title that is the query, even misspelt by OCR, above a longer one that merely holds its words', () => {
    const { kb } = setup([
      article('long', 'Informācijas darba arhitektūrā par', 'Teksts par informāciju.'),
      article('ocr', '4.5. Informacijas arhitektira', 'Sadaļa par informācijas arhitektūru.'),
    ]);
    expect(kb.search('informacijas arhitektura ')[0]?.id).toBe('ocr');
  });

  it('finds articles about a sentence by any of its words, without turning them into other words', () => {
    const { kb } = setup([
      ...library,
      article('pin', 'eID kartes PIN kodu atjaunošana', 'PIN kodus var atjaunot eParaksts lietotnē vai nodaļā.'),
      article('apraksts', 'Risinājuma apraksts', 'Vispārīgs apraksts bez saistības.'),
    ]);
    const related = kb.related('Nolasiet: „PIN kodus var atjaunot eParaksts lietotnē.”', 5);
    expect(related[0]).toBe('pin');
    expect(related).not.toContain('apraksts');
    expect(kb.related('un ar', 5)).toEqual([]);
  });

  it('leaves the editors’ section and list markers out of result lines', () => {
    const { kb } = setup([article('m1', 'Pase', '## Kas jāiesniedz\n1. Iepriekšējā pase\n- Valsts nodeva')]);
    const text = kb.search('iesniedz ')[0]?.snippet.map((s) => s.text).join('');
    expect(text).toContain('Kas jāiesniedz');
    expect(text).not.toMatch(/##|1\. |- Valsts/u);
  });

  it('treats query syntax as words and finds an edited article under its new words, typos included', () => {
    const { db, kb } = setup(library);
    for (const q of ['"', 'NEAR(a b)', 'a OR b', '*', '-']) expect(() => kb.search(q)).not.toThrow();
    createArticleWriter(db).write(article('a3', 'Meklēšanas padomi', 'Jauns teksts par meklēšanu.', { version: 2 }));
    expect(kb.search('zinasanu baze ')).toEqual([]);
    expect(kb.search('meklesanas ')[0]?.id).toBe('a3');
    // The new words are known to typo correction at once, with nobody telling search to reload.
    expect(kb.search('meklesnas ')[0]?.id).toBe('a3');
  });

  it('forgets a withdrawn article entirely', () => {
    const { db, kb } = setup(library);
    createArticleWriter(db).remove('a3');
    expect(kb.search('zinasanu baze ')).toEqual([]);
    expect(db.prepare(`SELECT count(*) AS n FROM kb_fts`).get()).toEqual({ n: library.length - 1 });
  });
});
