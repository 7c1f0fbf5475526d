import type { Locale } from '../../../preload/contract';

export { formatDuration, rigaToday } from '../../i18n/format';

const tag = (locale: Locale) => (locale === 'lv' ? 'lv-LV' : 'en-GB');

/** 1 234 in Latvian (a space between thousands), 1,234 in English. */
export function formatCount(n: number, locale: Locale): string {
  return new Intl.NumberFormat(tag(locale)).format(n);
}

export function formatDecimal(n: number | null, locale: Locale, digits = 1): string {
  return n === null ? '—' : new Intl.NumberFormat(tag(locale), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

/** 0.755 → 75,5 % in Latvian. */
export function formatShare(share: number | null, locale: Locale): string {
  return share === null ? '—' : new Intl.NumberFormat(tag(locale), { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/** 14:05 in Riga. */
export function formatClock(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(tag(locale), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Riga' }).format(new Date(iso));
}

/** A YYYY-MM-DD day as 23.11.2026. (Latvian) or 23/11/2026 (English). */
export function formatDay(day: string, locale: Locale): string {
  return new Intl.DateTimeFormat(tag(locale), { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/** A short axis label: 23.11. */
export function formatShortDay(day: string, locale: Locale): string {
  return new Intl.DateTimeFormat(tag(locale), { day: '2-digit', month: '2-digit', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

function shift(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export type Preset = 'thisWeek' | 'last30' | 'thisMonth' | 'last3Months';

/** The presets' ranges, inclusive, ending today; a week starts on Monday as in Latvia. */
export function presetRange(preset: Preset, today: string): { from: string; to: string } {
  const d = new Date(`${today}T00:00:00Z`);
  switch (preset) {
    case 'thisWeek':
      return { from: shift(today, -((d.getUTCDay() + 6) % 7)), to: today };
    case 'last30':
      return { from: shift(today, -29), to: today };
    case 'thisMonth':
      return { from: `${today.slice(0, 8)}01`, to: today };
    case 'last3Months': {
      const start = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 3, d.getUTCDate()));
      return { from: shift(start.toISOString().slice(0, 10), 1), to: today };
    }
  }
}
