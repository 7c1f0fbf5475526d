import { describe, expect, it } from 'vitest';
import { fold, latvianCollator, words } from './fold';

describe('fold', () => {
  it('drops every Latvian diacritic and case', () => {
    expect(fold('ĀČĒĢĪĶĻŅŠŪŽ āčēģīķļņšūž')).toBe('acegiklnsuz acegiklnsuz');
    expect(fold('Zināšanu bāze')).toBe('zinasanu baze');
  });
  it('splits words but keeps service codes whole', () => {
    expect(words('P.02 — bezdarbnieka statuss.')).toEqual(['p.02', 'bezdarbnieka', 'statuss']);
  });
  it('sorts in Latvian order, where č follows c and š follows s', () => {
    const sorted = ['šķiršanās', 'sala', 'čeks', 'cena', 'zivs'].sort(latvianCollator.compare);
    expect(sorted).toEqual(['cena', 'čeks', 'sala', 'šķiršanās', 'zivs']);
  });
});
