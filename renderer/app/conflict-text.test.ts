import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { lv } from '../i18n/lv';
import { fieldLabel, valueText } from './conflict-text';

describe('conflict screen texts', () => {
  let t: TFunction;
  beforeAll(async () => {
    const instance = i18next.createInstance();
    await instance.init({ lng: 'lv', resources: { lv: { translation: lv }, en: { translation: en } } });
    t = instance.t;
  });

  it('names known fields in Latvian and unknown ones by their name', () => {
    expect(fieldLabel(t, 'note')).toBe('Piezīme');
    expect(fieldLabel(t, 'outcome')).toBe('Rezultāts');
    expect(fieldLabel(t, 'channel')).toBe('Kanāls');
    expect(fieldLabel(t, 'ticketId')).toBe('ticketId');
    expect(fieldLabel(t, 'client.phone')).toBe('client.phone');
  });

  it('shows outcomes and channels by their labels, text as typed, and nothing as null', () => {
    expect(valueText(t, 'outcome', 'referred')).toBe('Pāradresēts');
    expect(valueText(t, 'channel', 'e_address')).toBe('E-adrese');
    expect(valueText(t, 'outcome', 'something_new')).toBe('something_new');
    expect(valueText(t, 'note', 'outcomes.informed')).toBe('outcomes.informed');
    expect(valueText(t, 'note', 'Zvanīja vēlreiz')).toBe('Zvanīja vēlreiz');
    expect(valueText(t, 'note', null)).toBeNull();
    expect(valueText(t, 'note', '')).toBeNull();
    expect(valueText(t, 'note', undefined)).toBeNull();
    expect(valueText(t, 'count', 3)).toBe('3');
    expect(valueText(t, 'client', { kind: 'anonymous' })).toBe('{"kind":"anonymous"}');
  });
});
