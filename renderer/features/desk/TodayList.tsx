import { useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Consultation } from '../../../preload/contract';
import { useApp, useClient } from '../../app/hooks';
import { formatTime, maskPhone } from '../../i18n/format';
import { Dialog } from '../../app/Dialog';
import { Feedback } from '../cases/Feedback';
import { EditConsultationDialog } from './EditConsultationDialog';

/** Arrow keys move between the rows' "Labot" buttons, so the clerk walks the list without Tab. */
function moveBetweenEditButtons(e: KeyboardEvent<HTMLTableSectionElement>) {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button[data-edit]')];
  const at = buttons.indexOf(e.target as HTMLButtonElement);
  if (at < 0) return;
  e.preventDefault();
  buttons[(at + (e.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
}

export function TodayList() {
  const { t } = useTranslation();
  const client = useClient();
  const locale = useApp((s) => s.locale);
  const [items, setItems] = useState<Consultation[] | null>(null);
  const [editing, setEditing] = useState<Consultation | null>(null);
  const [rating, setRating] = useState<Consultation | null>(null);

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
        <table aria-describedby="today-hint">
          <caption className="visually-hidden">{t('today.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('today.time')}</th>
              <th scope="col">{t('today.service')}</th>
              <th scope="col">{t('today.channel')}</th>
              <th scope="col">{t('today.client')}</th>
              <th scope="col">{t('today.outcome')}</th>
              <th scope="col">{t('today.sync')}</th>
              <th scope="col">{t('today.actions')}</th>
            </tr>
          </thead>
          <tbody onKeyDown={moveBetweenEditButtons}>
            {items.map((c) => (
              <tr key={c.id}>
                <td>{formatTime(c.createdAt, locale)}</td>
                <td>{c.service ? `${c.service.code} ${c.service.name}` : t('today.none')}</td>
                <td>{t(`channels.${c.channel}`)}</td>
                <td>{c.client.kind === 'phone' ? maskPhone(c.client.phone) : c.client.kind === 'client' ? c.client.name : t('consultation.anonymous')}</td>
                <td>
                  {t(`outcomes.${c.outcome}`)}
                  {c.scriptTitle && <span className="muted"> · {t('today.script', { title: c.scriptTitle })}</span>}
                </td>
                <td>{c.syncState === 'pending' ? t('today.pending') : t('today.synced')}</td>
                <td>
                  <button
                    type="button"
                    data-edit
                    aria-label={t('today.editLabel', { time: formatTime(c.createdAt, locale), service: c.service ? c.service.code : t('consultation.noService') })}
                    onClick={() => setEditing(c)}
                  >
                    {t('today.edit')}
                  </button>{' '}
                  <button
                    type="button"
                    aria-label={t('today.rateLabel', { time: formatTime(c.createdAt, locale), service: c.service ? c.service.code : t('consultation.noService') })}
                    onClick={() => setRating(c)}
                  >
                    {t('today.rate')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {items.length > 0 && (
        <p id="today-hint" className="hint">
          {t('today.hint')}
        </p>
      )}
      {editing && <EditConsultationDialog consultation={editing} onClose={() => setEditing(null)} />}
      {rating && (
        <Dialog titleId="rate-consultation-title" onClose={() => setRating(null)}>
          <h2 id="rate-consultation-title">{t('today.rateTitle', { time: formatTime(rating.createdAt, locale) })}</h2>
          <Feedback subject={{ kind: 'consultation', id: rating.id }} titleId="rate-consultation-feedback" />
          <div className="dialog-actions">
            <button type="button" data-autofocus onClick={() => setRating(null)}>
              {t('today.close')}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
