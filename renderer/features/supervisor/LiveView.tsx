import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CentreLive, QueueLive, SupervisionLive } from '../../../preload/contract/supervision';
import { errorText } from '../../app/errors';
import { useApp, useClient } from '../../app/hooks';
import { formatClock, formatCount, formatDecimal, formatDuration, formatShare } from './format';

/** The live view refreshes on every pull that brings queue rows, and every 15 seconds besides. */
const REFRESH_MS = 15_000;

const alertKey = (a: CentreLive['alerts'][number]) => `${a.kind}/${a.queueId ?? ''}`;

export function LiveView() {
  const { t } = useTranslation();
  const client = useClient();
  const locale = useApp((s) => s.locale);
  const [state, setState] = useState<SupervisionLive | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fresh, setFresh] = useState<string[]>([]);
  const seen = useRef<Set<string> | null>(null);

  useEffect(() => {
    let live = true;
    const load = async () => {
      const result = await client.invoke('supervision.live', {});
      if (!live) return;
      if (!result.ok) return setError(errorText(t, result.error));
      setError(null);
      setState(result.data);
    };
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    const unsubscribe = client.on('supervision.changed', () => void load());
    return () => {
      live = false;
      clearInterval(timer);
      unsubscribe();
    };
  }, [client, t]);

  // Only alerts that appear while the screen is open are announced; those present on opening are listed.
  const alerts = state?.live?.alerts;
  useEffect(() => {
    if (!alerts) return;
    const keys = new Set(alerts.map(alertKey));
    if (seen.current) {
      const before = seen.current;
      setFresh(alerts.filter((a) => !before.has(alertKey(a))).map((a) => (locale === 'lv' ? a.message : a.messageEn)));
    }
    seen.current = keys;
  }, [alerts, locale]);

  const data = state?.live ?? null;
  return (
    <div className="supervisor-live">
      {state?.stale && (
        <p className="notice" role="status">
          {data ? t('supervisor.stale', { time: formatClock(data.at, locale) }) : t('supervisor.noSnapshot')}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!state && !error && <p className="muted">{t('supervisor.loading')}</p>}
      {data && (
        <>
          <p className="muted supervisor-asof">
            {t('supervisor.asOf', { time: formatClock(data.at, locale) })}
            {state?.stale ? ' ⚠' : ''}
          </p>
          <section aria-labelledby="sv-alerts" className="supervisor-alerts">
            <h2 id="sv-alerts">{t('supervisor.alerts')}</h2>
            <div role="alert" className="visually-hidden">
              {fresh.join(' ')}
            </div>
            {data.alerts.length === 0 ? (
              <p className="muted">{t('supervisor.noAlerts')}</p>
            ) : (
              <ul>
                {data.alerts.map((a) => (
                  <li key={alertKey(a)} className="supervisor-alert">
                    <span aria-hidden="true">⚠ </span>
                    {locale === 'lv' ? a.message : a.messageEn}
                    {a.since && <span className="muted"> · {t('supervisor.alertSince', { time: formatClock(a.since, locale) })}</span>}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <QueueTable live={data} />
          <p>
            {data.ratingsToday > 0 && data.satisfactionToday !== null
              ? t('supervisor.satisfaction', { value: formatDecimal(data.satisfactionToday, locale, 1), count: data.ratingsToday })
              : t('supervisor.noRatings')}
          </p>
          <StaffTable live={data} />
          <Thresholds live={data} onSaved={setState} />
        </>
      )}
    </div>
  );
}

function QueueTable({ live }: { live: CentreLive }) {
  const { t } = useTranslation();
  const locale = useApp((s) => s.locale);
  return (
    <section aria-labelledby="sv-queues" className="case-section">
      <h2 id="sv-queues">{t('supervisor.queues')}</h2>
      <table className="supervisor-table">
        <caption className="visually-hidden">{t('supervisor.queuesCaption', { centre: live.centreName })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('supervisor.col.queue')}</th>
            <th scope="col" className="num">
              {t('supervisor.col.waiting')}
            </th>
            <th scope="col" className="num">
              {t('supervisor.col.longestWait')}
            </th>
            <th scope="col" className="num">
              {t('supervisor.col.averageWait')}
            </th>
            <th scope="col" className="num">
              {t('supervisor.col.averageService')}
            </th>
            <th scope="col" className="num">
              {t('supervisor.col.servedLastHour')}
            </th>
            <th scope="col" className="num">
              {t('supervisor.col.servedToday')}
            </th>
            <th scope="col" className="num">
              {t('supervisor.col.withinTarget')}
            </th>
            <th scope="col">{t('supervisor.col.state')}</th>
          </tr>
        </thead>
        <tbody>
          {live.queues.map((q) => (
            <tr key={q.queueId} className={q.overTarget > 0 ? 'over-target' : undefined} data-testid={`queue-${q.letter}`}>
              <th scope="row">
                {q.letter} · {q.name}
              </th>
              <td className="num">{formatCount(q.waiting, locale)}</td>
              <td className="num">{formatDuration(q.longestWaitSeconds)}</td>
              <td className="num">{formatDuration(q.averageWaitSeconds)}</td>
              <td className="num">{formatDuration(q.averageServiceSeconds)}</td>
              <td className="num">{formatCount(q.servedLastHour, locale)}</td>
              <td className="num">{formatCount(q.servedToday, locale)}</td>
              <td className="num">
                {formatShare(q.withinTargetShare, locale)} <span className="muted">({t('supervisor.target', { minutes: q.waitTargetMinutes })})</span>
              </td>
              <td>
                {q.overTarget > 0 ? (
                  <strong className="warn-text">
                    <span aria-hidden="true">⚠ </span>
                    {t('supervisor.overTarget', { count: q.overTarget })}
                  </strong>
                ) : (
                  <span className="ok-text">
                    <span aria-hidden="true">✓ </span>
                    {t('supervisor.withinTargetNow')}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function StaffTable({ live }: { live: CentreLive }) {
  const { t } = useTranslation();
  const locale = useApp((s) => s.locale);
  return (
    <section aria-labelledby="sv-staff" className="case-section">
      <h2 id="sv-staff">{t('supervisor.staff')}</h2>
      {live.staff.length === 0 ? (
        <p className="muted">{t('supervisor.noStaff')}</p>
      ) : (
        <table className="supervisor-table">
          <thead>
            <tr>
              <th scope="col">{t('supervisor.col.clerk')}</th>
              <th scope="col">{t('supervisor.col.state')}</th>
              <th scope="col">{t('supervisor.col.since')}</th>
              <th scope="col">{t('supervisor.col.desk')}</th>
              <th scope="col">{t('supervisor.col.ticket')}</th>
              <th scope="col" className="num">
                {t('supervisor.col.servedToday')}
              </th>
            </tr>
          </thead>
          <tbody>
            {live.staff.map((s) => (
              <tr key={s.userId}>
                <th scope="row">{s.displayName}</th>
                <td>{t(`supervisor.states.${s.state}`)}</td>
                <td>{s.since ? formatClock(s.since, locale) : '—'}</td>
                <td>{s.deskName ?? '—'}</td>
                <td>{s.ticketNumber ?? '—'}</td>
                <td className="num">{formatCount(s.servedToday, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function TargetForm({ queue, onSaved }: { queue: QueueLive; onSaved: (s: SupervisionLive) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [value, setValue] = useState(String(queue.pendingTargetMinutes ?? queue.waitTargetMinutes));
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const id = `sv-target-${queue.queueId}`;
  async function save(e: FormEvent) {
    e.preventDefault();
    const result = await client.invoke('supervision.setTarget', { queueId: queue.queueId, waitTargetMinutes: Number(value) });
    if (!result.ok) return setMessage({ error: true, text: errorText(t, result.error) });
    setMessage({ error: false, text: t('supervisor.saved') });
    onSaved(result.data);
  }
  return (
    <form className="supervisor-threshold" onSubmit={(e) => void save(e)}>
      <label htmlFor={id}>{t('supervisor.targetFor', { letter: queue.letter, name: queue.name })}</label>
      <input id={id} type="number" inputMode="numeric" min={1} max={240} step={1} required value={value} onChange={(e) => setValue(e.target.value)} />
      <button type="submit">{t('supervisor.saveTarget', { letter: queue.letter })}</button>
      {queue.pendingTargetMinutes !== null && <span className="case-pending">{t('supervisor.pending', { value: `${queue.pendingTargetMinutes} min` })}</span>}
      <span role="status" className={message?.error ? 'error' : 'muted'}>
        {message?.text}
      </span>
    </form>
  );
}

function Thresholds({ live, onSaved }: { live: CentreLive; onSaved: (s: SupervisionLive) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const locale = useApp((s) => s.locale);
  const shown = live.pendingSettings ?? live.settings;
  const [threshold, setThreshold] = useState(String(shown.satisfactionThreshold));
  const [minimum, setMinimum] = useState(String(shown.minimumRatings));
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  async function save(e: FormEvent) {
    e.preventDefault();
    const result = await client.invoke('supervision.setAlerts', { satisfactionThreshold: Number(threshold.replace(',', '.')), minimumRatings: Number(minimum) });
    if (!result.ok) return setMessage({ error: true, text: errorText(t, result.error) });
    setMessage({ error: false, text: t('supervisor.saved') });
    onSaved(result.data);
  }
  return (
    <section aria-labelledby="sv-thresholds" className="case-section">
      <h2 id="sv-thresholds">{t('supervisor.thresholds')}</h2>
      <p className="hint">{t('supervisor.thresholdsHint')}</p>
      {live.queues.map((q) => (
        <TargetForm key={q.queueId} queue={q} onSaved={onSaved} />
      ))}
      <form className="supervisor-threshold" onSubmit={(e) => void save(e)}>
        <label htmlFor="sv-satisfaction">{t('supervisor.satisfactionThreshold')}</label>
        <input id="sv-satisfaction" type="number" min={1} max={5} step={0.1} required value={threshold} onChange={(e) => setThreshold(e.target.value)} />
        <label htmlFor="sv-minimum">{t('supervisor.minimumRatings')}</label>
        <input id="sv-minimum" type="number" min={1} max={100} step={1} required value={minimum} onChange={(e) => setMinimum(e.target.value)} />
        <button type="submit">{t('supervisor.saveAlerts')}</button>
        {live.pendingSettings && (
          <span className="case-pending">
            {t('supervisor.pending', { value: `${formatDecimal(live.pendingSettings.satisfactionThreshold, locale, 1)} / ${live.pendingSettings.minimumRatings}` })}
          </span>
        )}
        <span role="status" className={message?.error ? 'error' : 'muted'}>
          {message?.text}
        </span>
      </form>
    </section>
  );
}
