import { useTranslation } from 'react-i18next';
import type { Area } from '../../app/store';

/** An area that is not built yet says what will be there; it shows no made-up data. */
export function Placeholder({ area }: { area: Exclude<Area, 'desk' | 'knowledge' | 'clients' | 'cases' | 'devices' | 'supervisor' | 'queue'> }) {
  const { t } = useTranslation();
  return (
    <section className="placeholder">
      <h1>{t(`nav.${String(area)}`)}</h1>
      <p>{t(`placeholder.${String(area)}`)}</p>
      <p className="muted">{t('placeholder.comingLater')}</p>
    </section>
  );
}
