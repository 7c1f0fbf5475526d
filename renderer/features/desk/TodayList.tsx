import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Consultation } from '../../../preload/contract';
import { useApp, useClient } from '../../app/hooks';
import { formatTime, maskPhone } from '../../i18n/format';

export function TodayList() {
  const { t } = useTranslation();
  const client = useClient();
  const locale = useApp((s) => s.locale);
  const [items, setItems] = useState<Consultation[] | null>(null);

  useEffect(() => {
    let current = true;
    const load = async () => {
      const result = await client.invoke('consultations.listToday', {});
      if (current && result.ok) setItems(result.data);
    };
    void load();
    const unsubscribe = client.on('consultations.changed', () => void load());
    return () => {
      current = false;
      unsubscribe();
    };
  }, [client]);

  if (items === null) return null;
  return (
    <section className="today" aria-labelledby="today-title">
      <h2 id="today-title">{t('today.title')}</h2>
      {items.length === 0 ? (
        <p className="muted">{t('today.empty')}</p>
      ) : (
        <table>
          <caption className="visually-hidden">{t('today.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('today.time')}</th>
              <th scope="col">{t('today.service')}</th>
              <th scope="col">{t('today.channel')}</th>
              <th scope="col">{t('today.client')}</th>
              <th scope="col">{t('today.outcome')}</th>
              <th scope="col">{t('today.sync')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.id}>
                <td>{formatTime(c.createdAt, locale)}</td>
                <td>{c.service ? `${c.service.code} ${c.service.name}` : t('today.none')}</td>
                <td>{t(`channels.${c.channel}`)}</td>
                <td>{c.client.kind === 'phone' ? maskPhone(c.client.phone) : t('consultation.anonymous')}</td>
                <td>{t(`outcomes.${c.outcome}`)}</td>
                <td>{c.syncState === 'pending' ? t('today.pending') : t('today.synced')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
