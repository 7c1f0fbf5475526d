import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DaySheet } from '../../../preload/contract';
import { errorText } from '../../app/errors';
import { useApp, useClient } from '../../app/hooks';
import { formatDuration, formatTime, rigaToday } from '../../i18n/format';


/**
 * A clerk's day: every state with its start, end and length, time per state, and handling time per
 * service and per case. A supervisor picks any clerk of the centre; a clerk sees their own.
 */
export function DaySheetView({ supervisor }: { supervisor: boolean }) {
  const { t } = useTranslation();
  const client = useClient();
  const locale = useApp((s) => s.locale);
  const [day, setDay] = useState(() => rigaToday());
  const [userId, setUserId] = useState<string | null>(null);
  const [colleagues, setColleagues] = useState<{ id: string; name: string }[]>([]);
  const [sheet, setSheet] = useState<DaySheet | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!supervisor) return;
    void client.invoke('directory.colleagues', {}).then((r) => {
      if (r.ok) setColleagues(r.data);
    });
  }, [client, supervisor]);

  useEffect(() => {
    let live = true;
    const load = async () => {
      const result = await client.invoke('worktime.daySheet', { userId, day });
      if (!live) return;
      if (result.ok) {
        setSheet(result.data);
        setError(null);
      } else setError(errorText(t, result.error));
    };
    void load();
    const off = client.on('queue.changed', () => void load());
    return () => {
      live = false;
      off();
    };
  }, [client, t, userId, day]);

  return (
    <section aria-labelledby="day-sheet-title" className="day-sheet">
      <h2 id="day-sheet-title">{t('queue.daySheet')}</h2>
      <div className="row">
        {supervisor && (
          <div>
            <label htmlFor="sheet-user">{t('queue.daySheetFor')}</label>
            <select id="sheet-user" value={userId ?? ''} onChange={(e) => setUserId(e.target.value || null)}>
              <option value="">{t('queue.me')}</option>
              {colleagues.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div>
          <label htmlFor="sheet-day">{t('queue.day')}</label>
          <input id="sheet-day" type="date" value={day} onChange={(e) => e.target.value && setDay(e.target.value)} />
        </div>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {sheet && sheet.entries.length === 0 && <p className="muted">{t('queue.emptySheet')}</p>}
      {sheet && sheet.entries.length > 0 && (
        <>
          <table className="data">
            <caption className="visually-hidden">
              {t('queue.daySheet')}: {sheet.name}, {sheet.day}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('queue.from')}</th>
                <th scope="col">{t('queue.to')}</th>
                <th scope="col">{t('queue.state')}</th>
                <th scope="col" className="num">
                  {t('queue.duration')}
                </th>
                <th scope="col">{t('queue.service')}</th>
                <th scope="col">{t('queue.ticketCase')}</th>
              </tr>
            </thead>
            <tbody>
              {sheet.entries.map((e) => (
                <tr key={`${e.from}-${e.state}`}>
                  <td>{formatTime(e.from, locale)}</td>
                  <td>{e.to ? formatTime(e.to, locale) : t('queue.now')}</td>
                  <td>
                    {t(`queue.states.${e.state}`)}
                    {e.pending && <span className="muted"> ({t('queue.pending')})</span>}
                  </td>
                  <td className="num">{formatDuration(e.seconds)}</td>
                  <td>{e.serviceName ?? ''}</td>
                  <td>{[e.ticketNumber, e.caseNumber].filter(Boolean).join(' / ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="sheet-summaries">
            <div>
              <h3>{t('queue.totals')}</h3>
              <ul>
                {sheet.totals.map((s) => (
                  <li key={s.state}>
                    {t(`queue.states.${s.state}`)}: {formatDuration(s.seconds)}
                  </li>
                ))}
              </ul>
            </div>
            {sheet.byService.length > 0 && (
              <div>
                <h3>{t('queue.byService')}</h3>
                <ul>
                  {sheet.byService.map((s) => (
                    <li key={s.code}>
                      {s.name}: {formatDuration(s.seconds)} ({s.tickets} {t('queue.tickets')})
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {sheet.byCase.length > 0 && (
              <div>
                <h3>{t('queue.byCase')}</h3>
                <ul>
                  {sheet.byCase.map((c) => (
                    <li key={c.caseId}>
                      {c.caseNumber}
                      {c.serviceName && <> ({c.serviceName})</>}: {formatDuration(c.seconds)}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </div>
        </>
      )}
    </section>
  );
}
