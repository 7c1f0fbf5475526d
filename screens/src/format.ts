/** Latvian formats in Riga time, whatever the device's own locale and time zone. */
const zone = 'Europe/Riga';

export const lvTime = (d: Date | string) => new Intl.DateTimeFormat('lv-LV', { timeZone: zone, hour: '2-digit', minute: '2-digit' }).format(new Date(d));
export const lvDate = (d: Date | string) => new Intl.DateTimeFormat('lv-LV', { timeZone: zone, weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(d));
export const lvShortDate = (d: Date | string) => new Intl.DateTimeFormat('lv-LV', { timeZone: zone, day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(d));
export const lvNumber = (n: number) => new Intl.NumberFormat('lv-LV').format(n);
export const enTime = (d: Date | string) => new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit' }).format(new Date(d));

/** "3 cilvēki", "1 cilvēks", "21 cilvēks", "0 cilvēku": Latvian agreement follows the last digit. */
export function lvPeople(n: number): string {
  const one = n % 10 === 1 && n % 100 !== 11;
  return `${lvNumber(n)} ${n === 0 ? 'cilvēku' : one ? 'cilvēks' : 'cilvēki'}`;
}
export const enPeople = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`;

/** "Lete 3" reads as "3. lete" in a Latvian announcement; other names are left as they are. */
export function spokenDesk(name: string): string {
  const m = /^Lete (\d+)$/u.exec(name);
  return m ? `${m[1]}. lete` : name;
}
