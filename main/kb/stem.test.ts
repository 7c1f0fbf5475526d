import { describe, expect, it } from 'vitest';
import { analyze, stem } from './stem';

describe('Latvian stemming', () => {
  it('brings the cases of a noun to one stem', () => {
    const forms = ['pabalsts', 'pabalsta', 'pabalstu', 'pabalstam', 'pabalstiem', 'pabalsti'];
    expect(new Set(forms.map(stem))).toEqual(new Set(['pabalst']));
    expect(new Set(['statuss', 'statusa', 'statusu', 'statusam'].map(stem))).toEqual(new Set(['status']));
    expect(new Set(['deklaracija', 'deklaracijas', 'deklaraciju', 'deklaracijai'].map(stem)).size).toBe(1);
  });
  it('folds diacritics first, so a query typed without them meets the text', () => {
    expect(analyze('Bērna kopšanas pabalstu')).toEqual(analyze('berna kopsanas pabalsts'));
  });
  it('leaves short words and codes alone', () => {
    expect(stem('un')).toBe('un');
    expect(analyze('P.02 2024')).toEqual(['p.02', '2024']);
  });
});
