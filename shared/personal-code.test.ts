import { describe, expect, it } from 'vitest';
import { checkPersonalCode, legacyCheckDigit, maskPersonalCode } from './personal-code';

/** A legacy code with a correct check digit, built the way the register builds one. */
const legacy = (ddmmyy: string, century: string, serial: string) => {
  const first10 = `${ddmmyy}${century}${serial}`;
  return `${ddmmyy}-${century}${serial}${legacyCheckDigit(first10)}`;
};

describe('personal codes', () => {
  it('accepts a legacy code with its birth date and check digit, with or without the hyphen', () => {
    let serial = 0;
    let code = legacy('180565', '1', '234');
    // Some serials give check value 10, which the register never issues: take the next one.
    while (legacyCheckDigit(code.replace('-', '').slice(0, 10)) === 10) code = legacy('180565', '1', String(234 + ++serial).padStart(3, '0'));
    expect(checkPersonalCode(code)).toMatchObject({ valid: true, birthDate: '1965-05-18', normalised: code });
    expect(checkPersonalCode(code.replace('-', '')).valid).toBe(true);
  });

  it('says which kind of mistake a code has', () => {
    expect(checkPersonalCode('18056512345x').problem).toBe('format');
    expect(checkPersonalCode('1805651234').problem).toBe('format');
    expect(checkPersonalCode(legacy('310265', '1', '234')).problem).toBe('date'); // 31 February
    expect(checkPersonalCode(legacy('180565', '5', '234')).problem).toBe('date'); // century digit 5
    const good = legacy('010100', '2', '111');
    const wrong = good.slice(0, -1) + String((Number(good.at(-1)) + 1) % 10);
    expect(checkPersonalCode(wrong).problem).toBe('checksum');
  });

  it('accepts the 2017 format, which carries no birth date', () => {
    expect(checkPersonalCode('321234-56789')).toMatchObject({ valid: true, birthDate: null });
  });

  it('masks codes for lists', () => {
    expect(maskPersonalCode('180565-12345')).toBe('180565-*****');
  });
});
