import { useTranslation } from 'react-i18next';
import { useAppDispatch, useApp, useClient } from './hooks';
import { switchLocale } from './locale';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const client = useClient();
  const dispatch = useAppDispatch();
  const locale = useApp((s) => s.locale);
  const other = locale === 'lv' ? 'en' : 'lv';
  return (
    <button type="button" className="link-button" lang={other} title={t('app.switchLanguage')} onClick={() => void switchLocale(client, dispatch, other)}>
      {t('app.language')}
    </button>
  );
}
