const rigaParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Riga',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const euro = new Intl.NumberFormat('lv-LV', { style: 'currency', currency: 'EUR' });

function riga(iso: string): Record<'day' | 'month' | 'year' | 'hour' | 'minute', string> {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) throw new RangeError(`Not a date: ${iso}`);
  const parts = rigaParts.formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: part('day'), month: part('month'), year: part('year'), hour: part('hour'), minute: part('minute') };
}

/**
 * 23.11.2026. — the ordinal dot after the year is how Latvian documents write a date.
 * Built from parts rather than the lv-LV pattern so an ICU update cannot change a printed document.
 */
export function formatDate(iso: string): string {
  const p = riga(iso);
  return `${p.day}.${p.month}.${p.year}.`;
}

/** 23.11.2026. 14:05 in Riga, whatever the computer's own time zone. */
export function formatDateTime(iso: string): string {
  const p = riga(iso);
  return `${formatDate(iso)} ${p.hour}:${p.minute}`;
}

/** 1250 → 12,50 €. Cents stay integers up to here so no sum is ever rounded twice. */
export function formatMoney(cents: number): string {
  if (!Number.isInteger(cents)) throw new RangeError(`Amount must be whole cents: ${cents}`);
  return euro.format(cents / 100);
}

/** RF18 5390 0754 7034: references and IBANs are read aloud and retyped in groups of four (ISO 11649, ISO 13616). */
export function groupsOfFour(text: string): string {
  return text.replace(/\s+/gu, '').replace(/(.{4})(?=.)/gu, '$1 ');
}
