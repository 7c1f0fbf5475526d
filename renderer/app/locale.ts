import type { LeteClient, Locale } from '../../preload/contract';
import { setLanguage } from '../i18n';
import { actions, type Dispatch } from './store';

/** The desk remembers the language across restarts, so the choice goes to the core too. */
export async function switchLocale(client: LeteClient, dispatch: Dispatch, locale: Locale): Promise<void> {
  await setLanguage(locale);
  dispatch(actions.localeChanged(locale));
  await client.invoke('preferences.setLocale', { locale });
}
