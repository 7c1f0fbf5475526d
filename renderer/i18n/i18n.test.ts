import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { formatFee, formatMoney, formatTime, maskPhone } from './format';
import { lv } from './lv';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));
}

describe('translations', () => {
  it('has the same keys in Latvian and English', () => {
    expect(keys(en).sort()).toEqual(keys(lv).sort());
  });

  it('uses Latvian plural forms: 0 and 10–20 take the zero form, 1 and 21 the singular', async () => {
    const t = i18next.createInstance();
    await t.init({ lng: 'lv', resources: { lv: { translation: lv }, en: { translation: en } } });
    expect(t.t('status.pending', { count: 0 })).toBe('0 nenosūtītu izmaiņu');
    expect(t.t('status.pending', { count: 1 })).toBe('1 nenosūtīta izmaiņa');
    expect(t.t('status.pending', { count: 2 })).toBe('2 nenosūtītas izmaiņas');
    expect(t.t('status.pending', { count: 11 })).toBe('11 nenosūtītu izmaiņu');
    expect(t.t('status.pending', { count: 21 })).toBe('21 nenosūtīta izmaiņa');
    await t.changeLanguage('en');
    expect(t.t('status.pending', { count: 1 })).toBe('1 unsent change');
    expect(t.t('status.pending', { count: 5 })).toBe('5 unsent changes');
  });

  it('translates every error code the contract can return', async () => {
    const { errorCodes } = await import('../../preload/contract/errors');
    for (const code of errorCodes) {
      expect(lv.errors[code]).toBeTruthy();
      expect(en.errors[code]).toBeTruthy();
    }
  });
});

describe('formats', () => {
  it('writes euros with a comma in Latvian', () => {
    expect(formatMoney(3500, 'lv').replace(/\s/gu, ' ')).toBe('35,00 €');
    expect(formatFee({ kind: 'free', amountCents: 0 }, 'lv', 'bez maksas')).toBe('bez maksas');
  });
  it('shows times in Riga whatever the machine’s zone', () => {
    expect(formatTime('2026-11-22T07:05:00Z', 'lv')).toBe('09:05');
  });
  it('masks phone numbers in lists', () => {
    expect(maskPhone('+37126123456')).toBe('+371 2*** **56');
    expect(maskPhone('+37126123456')).not.toContain('612345');
  });
});
