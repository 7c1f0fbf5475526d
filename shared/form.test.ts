import { describe, expect, it } from 'vitest';
import { validateForm, type FormField } from './form';

const fields: FormField[] = [
  { key: 'name', label: 'Vārds, uzvārds', type: 'text', required: true },
  { key: 'from', label: 'Sākuma datums', type: 'date', required: true },
  { key: 'account', label: 'Konta numurs', type: 'iban', required: false },
  { key: 'kind', label: 'Veids', type: 'select', required: true, options: ['a', 'b'] },
  { key: 'child', label: 'Bērna personas kods', type: 'personalCode', required: false },
];

describe('application form validation', () => {
  it('accepts a correctly filled form', () => {
    expect(validateForm(fields, { name: 'Anna Bērziņa', from: '2026-11-22', account: 'LV80BANK0000435195001', kind: 'a', child: '010190-10001' })).toEqual({});
  });

  it('names each missing or wrong field in Latvian', () => {
    const problems = validateForm(fields, { from: '2026-02-30', account: 'LV80BANK0000435195002', kind: 'c', child: '010190-10002', extra: 1 });
    expect(problems.name).toBe('Aizpildiet lauku „Vārds, uzvārds”.');
    expect(problems.from).toMatch(/derīgam datumam/u);
    expect(problems.account).toMatch(/IBAN/u);
    expect(problems.kind).toMatch(/piedāvātajām/u);
    expect(problems.child).toMatch(/kontrolcipars/u);
    expect(problems.extra).toMatch(/nav lauka/u);
  });
});
