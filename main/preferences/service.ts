import { Locale } from '../../preload/contract';
import type { Db } from '../db/connection';
import type { EventBus } from '../events';

export function createPreferences(db: Db, events: EventBus) {
  const read = db.prepare<[string], { value: string }>(`SELECT value FROM settings WHERE key = ?`);
  const write = db.prepare(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  return {
    /** Latvian unless this desk chose otherwise; the desk's language outlives a restart. */
    locale(): Locale {
      const parsed = Locale.safeParse(read.get('locale')?.value);
      return parsed.success ? parsed.data : 'lv';
    },
    setLocale(locale: Locale): Locale {
      write.run('locale', locale);
      events.emit('preferences.localeChanged', { locale });
      return locale;
    },
    /** The desk this installation serves: the configured one, else what set-up stored. */
    deskId(configured: string | null): string | null {
      return configured ?? read.get('desk_id')?.value ?? null;
    },
  };
}
