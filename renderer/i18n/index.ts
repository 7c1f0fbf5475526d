import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../../preload/contract';
import { en } from './en';
import { lv } from './lv';

export const resources = { lv: { translation: lv }, en: { translation: en } } as const;

/** i18next picks plural forms with Intl.PluralRules, so Latvian gets its zero/one/other forms. */
export async function initI18n(locale: Locale = 'lv') {
  await i18next.use(initReactI18next).init({
    resources,
    lng: locale,
    fallbackLng: 'lv',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = locale;
  return i18next;
}

export async function setLanguage(locale: Locale) {
  await i18next.changeLanguage(locale);
  document.documentElement.lang = locale;
}
