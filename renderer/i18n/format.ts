import type { Fee, Locale } from '../../preload/contract';

const tag = (locale: Locale) => (locale === 'lv' ? 'lv-LV' : 'en-GB');

/** 14:05 in Riga, whatever the computer's own time zone. */
export function formatTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(tag(locale), { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Riga' }).format(new Date(iso));
}

/** dd.mm.yyyy hh:mm, as Latvian documents write it. */
export function formatDateTime(iso: string, locale: Locale): string {
  const d = new Date(iso);
  const date = new Intl.DateTimeFormat('lv-LV', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Riga' })
    .format(d)
    .replace(/\.$/u, '');
  return `${date} ${formatTime(iso, locale)}`;
}

/** Euro with a comma decimal in Latvian: 35,00 €. */
export function formatMoney(cents: number, locale: Locale): string {
  return new Intl.NumberFormat(tag(locale), { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

export function formatFee(fee: Fee, locale: Locale, free: string): string {
  return fee.kind === 'free' || fee.amountCents === 0 ? free : formatMoney(fee.amountCents, locale);
}

/** Enough of a phone number to recognise a caller, not enough to copy it off the screen: +371 2*** **56. */
export function maskPhone(phone: string): string {
  const local = phone.replace(/^\+371/u, '');
  const country = phone.startsWith('+371') || local.length === 8 ? '+371 ' : '';
  if (local.length < 4) return '***';
  return `${country}${local[0]}${'*'.repeat(Math.max(0, local.length - 3))}${local.slice(-2)}`.replace(/^(\+371 \S{4})(\S+)$/u, '$1 $2');
}

/** 754 s → "12 min 34 s"; an hour and more → "1 h 05 min". Units read the same in Latvian and English. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
  if (s >= 60) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${s} s`;
}

/** Today in Riga as YYYY-MM-DD. */
export function rigaToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Riga', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
