import { describe, expect, it } from 'vitest';
import type { FormFieldSpec } from '../../../preload/contract';
import { formatSize, mediaTypeOf, formIssues, fromFieldInput, groupReference, toFieldInput, toFieldInputs, toFormValues } from './format';

const field = (type: FormFieldSpec['type'], key = 'x'): FormFieldSpec => ({ key, label: key, type, required: false });

describe('payment references', () => {
  it('groups by four, as banks print them', () => {
    expect(groupReference('RF18539007547034')).toBe('RF18 5390 0754 7034');
    expect(groupReference('RF18 5390 07547034')).toBe('RF18 5390 0754 7034');
    expect(groupReference('RF1853900')).toBe('RF18 5390 0');
  });
});

describe('files', () => {
  it('knows a scan by its extension when the system gives no type', () => {
    expect(mediaTypeOf({ name: 'pase.TIF', type: '' })).toBe('image/tiff');
    expect(mediaTypeOf({ name: 'a.pdf', type: 'application/pdf' })).toBe('application/pdf');
    expect(mediaTypeOf({ name: 'notes', type: '' })).toBe('application/octet-stream');
  });
});

describe('file sizes', () => {
  it('uses the Latvian decimal comma', () => {
    expect(formatSize(1.25 * 1024 * 1024, 'lv').replace(/\s/gu, ' ')).toBe('1,3 MB');
    expect(formatSize(12 * 1024, 'en').replace(/\s/gu, ' ')).toBe('12 kB');
  });
});

describe('form values from inputs', () => {
  it('reads Latvian numbers and keeps what is not a number for the core to name', () => {
    expect(fromFieldInput(field('number'), '1 234,50')).toBe(1234.5);
    expect(fromFieldInput(field('number'), '-3')).toBe(-3);
    expect(fromFieldInput(field('number'), 'divi')).toBe('divi');
  });
  it('clears empty fields and normalises IBANs', () => {
    expect(fromFieldInput(field('text'), '  ')).toBeNull();
    expect(fromFieldInput(field('date'), '2026-03-01')).toBe('2026-03-01');
    expect(fromFieldInput(field('iban'), 'lv80 bank 0000 4351 9500 1')).toBe('LV80BANK0000435195001');
    expect(fromFieldInput(field('checkbox'), false)).toBe(false);
  });
  it('sends only the service’s fields, each with a value', () => {
    const fields = [field('text', 'name'), field('checkbox', 'urgent'), field('number', 'count')];
    expect(toFormValues(fields, { name: 'Anna', stray: 'x' })).toEqual({ name: 'Anna', urgent: false, count: null });
  });
  it('shows stored values in the controls, numbers with the locale’s decimal mark', () => {
    const fields = [field('number', 'n'), field('checkbox', 'c'), field('select', 's')];
    expect(toFieldInputs(fields, { n: 2.5, c: true }, 'lv')).toEqual({ n: '2,5', c: true, s: '' });
    expect(toFieldInput(field('number'), 2.5, 'en')).toBe('2.5');
  });
});

describe('form issues', () => {
  it('keys the core’s messages by field and leaves other inputs out', () => {
    const error = {
      code: 'INVALID_INPUT' as const,
      message: 'x',
      issues: [
        { path: 'form.personalCode', message: 'Personas kods: kontrolcipars nesakrīt.' },
        { path: 'onBehalf', message: 'required' },
      ],
    };
    expect(formIssues(error)).toEqual({ personalCode: 'Personas kods: kontrolcipars nesakrīt.' });
    expect(formIssues(null)).toEqual({});
  });
});
