import { describe, expect, it } from 'vitest';
import { rigaDay } from './riga-day';

describe('rigaDay', () => {
  it('counts the day in Riga, not in UTC', () => {
    // 22:30 UTC in winter is already 00:30 the next day in Riga (UTC+2).
    expect(rigaDay(new Date('2026-11-22T22:30:00Z'))).toBe('2026-11-23');
    expect(rigaDay(new Date('2026-11-22T21:59:00Z'))).toBe('2026-11-22');
    // Summer time is UTC+3.
    expect(rigaDay(new Date('2026-07-01T21:00:00Z'))).toBe('2026-07-02');
  });
});
