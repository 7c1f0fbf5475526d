/**
 * Lower case without diacritics: `Zināšanu Bāze` → `zinasanu baze`. The same folding SQLite's
 * `remove_diacritics 2` applies, so what the clerk typed and what the index holds compare equal.
 */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Words as a search sees them: letters and digits, with dots kept inside codes such as `P.02`. */
export function words(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}.]+/u)
    .map((w) => w.replace(/^\.+|\.+$/gu, ''))
    .filter(Boolean);
}

export const latvianCollator = new Intl.Collator('lv', { sensitivity: 'base', numeric: true });
