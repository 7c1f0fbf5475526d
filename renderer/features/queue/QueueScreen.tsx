import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueOverview } from '../../../preload/contract';
import { errorText } from '../../app/errors';
import { useApp, useAppDispatch, useClient } from '../../app/hooks';
import { actions } from '../../app/store';
import { formatDateTime, formatTime } from '../../i18n/format';
import { DaySheetView } from './DaySheetView';
import { minutesSince, useQueueOverview } from './useQueue';

const categories = ['regular', 'elderly', 'disability'] as const;
const chosenStates = ['available', 'break', 'other_work'] as const;

/**
 * The queue area: the centre's queues and which this desk calls from, who waits in calling order, the
 * clerk's work state, tickets and appointments made at the desk, today's served, and the day sheet.
 */
export function QueueScreen() {
  const { t } = useTranslation();
  const session = useApp((s) => s.session);
  const { overview } = useQueueOverview();
  if (!overview) return null;
  return (
    <div className="queue-screen">
      <h1>{t('queue.title')}</h1>
      {!overview.desk && <p className="notice">{t('queue.noDesk')}</p>}
      {!overview.online && <p className="queue-offline">{t('queue.offline')}</p>}
      <p className="hint">{t('queue.shortcuts')}</p>
      <div className="queue-columns">
        <div>
          <QueuesTable overview={overview} />
          <WaitingList overview={overview} />
        </div>
        <div>
          <WorkState overview={overview} />
          {overview.desk && <WalkIn overview={overview} />}
          {overview.desk && <Appointments overview={overview} />}
          <FinishedToday overview={overview} />
        </div>
      </div>
      <DaySheetView supervisor={!!session?.user.roles.includes('supervisor')} />
    </div>
  );
}

function useAction() {
  const client = useClient();
  const dispatch = useAppDispatch();
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return {
    error,
    busy,
    async run<T>(invoke: () => Promise<{ ok: true; data: T } | { ok: false; error: Parameters<typeof errorText>[1] }>, done: (data: T) => string) {
      setBusy(true);
      setError(null);
      const result = await invoke();
      setBusy(false);
      if (!result.ok) {
        setError(result.error.code === 'TRANSPORT' ? t('queue.offline') : errorText(t, result.error));
        return false;
      }
      dispatch(actions.announced(done(result.data)));
      return true;
    },
    client,
  };
}

function ErrorLine({ error }: { error: string | null }) {
  return error ? (
    <p className="error" role="alert">
      {error}
    </p>
  ) : null;
}

function QueueSelect({ id, label, overview, value, onChange }: { id: string; label: string; overview: QueueOverview; value: string; onChange(id: string): void }) {
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {overview.queues.map((q) => (
          <option key={q.id} value={q.id}>
            {q.letter} · {q.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function QueuesTable({ overview }: { overview: QueueOverview }) {
  const { t } = useTranslation();
  const { run, error, busy, client } = useAction();
  const [served, setServed] = useState<string[] | null>(null);
  const chosen = served ?? overview.queues.filter((q) => q.served).map((q) => q.id);
  return (
    <section aria-labelledby="queues-title">
      <h2 id="queues-title">{t('queue.queues')}</h2>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t('queue.served')}</th>
            <th scope="col">{t('queue.queues')}</th>
            <th scope="col" className="num">
              {t('queue.colWaiting')}
            </th>
            <th scope="col">{t('queue.colLongest')}</th>
          </tr>
        </thead>
        <tbody>
          {overview.queues.map((q) => {
            const minutes = q.longestWaitSeconds === null ? null : Math.floor(q.longestWaitSeconds / 60);
            const over = minutes !== null && minutes > q.waitTargetMinutes;
            return (
              <tr key={q.id}>
                <td>
                  <input
                    type="checkbox"
                    id={`served-${q.id}`}
                    aria-label={`${q.letter} ${q.name}`}
                    disabled={!overview.desk}
                    checked={chosen.includes(q.id)}
                    onChange={(e) => setServed(e.target.checked ? [...chosen, q.id] : chosen.filter((id) => id !== q.id))}
                  />
                </td>
                <th scope="row">
                  <label htmlFor={`served-${q.id}`}>
                    {q.letter} · {q.name}
                  </label>
                </th>
                <td className="num">{q.waiting}</td>
                <td className={over ? 'over-target' : undefined}>
                  {minutes === null ? '—' : `${minutes} min`} <span className="muted">({t('queue.target', { minutes: q.waitTargetMinutes })})</span>
                  {over && <strong> · {t('queue.overTarget')}</strong>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {overview.desk && (
        <button
          type="button"
          disabled={busy || served === null || chosen.length === 0}
          onClick={() => void run(() => client.invoke('queue.setServed', { queueIds: chosen }), () => t('queue.servedSaved')).then((ok) => ok && setServed(null))}
        >
          {t('queue.saveServed')}
        </button>
      )}
      <ErrorLine error={error} />
    </section>
  );
}

function WaitingList({ overview }: { overview: QueueOverview }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="waiting-title">
      <h2 id="waiting-title">{t('queue.waitingList')}</h2>
      {overview.waiting.length === 0 ? (
        <p className="muted">{t('queue.waitingCount', { count: 0 })}</p>
      ) : (
        <ol className="waiting-list">
          {overview.waiting.map((w) => (
            <li key={w.id}>
              <strong>{w.number}</strong> · {w.queueLetter} · {t(`queue.category.${w.category}`)} · {t('queue.waited', { minutes: minutesSince(w.issuedAt) })}
              {w.forThisDesk && <> · <em>{t('queue.fromColleague')}</em></>}
              {w.note && <> · „{w.note}”</>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function WorkState({ overview }: { overview: QueueOverview }) {
  const { t } = useTranslation();
  const locale = useApp((s) => s.locale);
  const { run, error, busy, client } = useAction();
  return (
    <section aria-labelledby="work-title">
      <h2 id="work-title">{t('queue.work')}</h2>
      <p>
        <strong>{t(`queue.states.${overview.work.state}`)}</strong>
        {overview.work.since && <span className="muted"> {t('queue.since', { time: formatTime(overview.work.since, locale) })}</span>}
      </p>
      <div className="actions">
        {chosenStates
          .filter((s) => s !== overview.work.state)
          .map((state) => (
            <button
              key={state}
              type="button"
              disabled={busy}
              onClick={() => void run(() => client.invoke('worktime.set', { state }), () => t('queue.setState', { state: t(`queue.states.${state}`) }))}
            >
              {t('queue.setState', { state: t(`queue.states.${state}`) })}
            </button>
          ))}
      </div>
      <ErrorLine error={error} />
    </section>
  );
}

function WalkIn({ overview }: { overview: QueueOverview }) {
  const { t } = useTranslation();
  const { run, error, busy, client } = useAction();
  const [queueId, setQueueId] = useState(overview.queues[0]?.id ?? '');
  const [category, setCategory] = useState<(typeof categories)[number]>('regular');
  async function submit(e: FormEvent) {
    e.preventDefault();
    await run(() => client.invoke('queue.issue', { queueId, category }), (d) => t('queue.walkInDone', { number: d.number }));
  }
  return (
    <section aria-labelledby="walkin-title">
      <h2 id="walkin-title">{t('queue.walkIn')}</h2>
      <form className="row" onSubmit={(e) => void submit(e)}>
        <QueueSelect id="walkin-queue" label={t('queue.walkInQueue')} overview={overview} value={queueId} onChange={setQueueId} />
        <div>
          <label htmlFor="walkin-category">{t('queue.walkInCategory')}</label>
          <select id="walkin-category" value={category} onChange={(e) => setCategory(e.target.value as (typeof categories)[number])}>
            {categories.map((c) => (
              <option key={c} value={c}>
                {t(`queue.category.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={busy || !overview.online || !queueId}>
          {t('queue.walkInSubmit')}
        </button>
      </form>
      <ErrorLine error={error} />
    </section>
  );
}

function Appointments({ overview }: { overview: QueueOverview }) {
  const { t } = useTranslation();
  const locale = useApp((s) => s.locale);
  const { run, error, busy, client } = useAction();
  const [queueId, setQueueId] = useState(overview.queues[0]?.id ?? '');
  const [at, setAt] = useState('');
  const [booked, setBooked] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!at) return;
    const startsAt = new Date(at).toISOString();
    await run(
      () => client.invoke('queue.book', { queueId, startsAt }),
      (d) => {
        const text = t('queue.booked', { time: formatDateTime(d.startsAt, locale), code: d.code });
        setBooked(text);
        return text;
      },
    );
  }
  return (
    <section aria-labelledby="appointments-title">
      <h2 id="appointments-title">{t('queue.appointments')}</h2>
      {overview.appointments.length === 0 ? (
        <p className="muted">{t('queue.noAppointments')}</p>
      ) : (
        <ul>
          {overview.appointments.map((a) => (
            <li key={a.id}>
              {formatTime(a.startsAt, locale)} · {a.queueLetter} · {a.code}
              {a.checkedIn && <> · {t('queue.checkedIn')}</>}
              {a.cancelled && <> · {t('queue.cancelledAppointment')}</>}
              {!a.checkedIn && !a.cancelled && (
                <button type="button" className="link-button" disabled={busy} onClick={() => void run(() => client.invoke('queue.cancelAppointment', { id: a.id }), () => t('queue.cancelledAppointment'))}>
                  {t('queue.cancelAppointment', { code: a.code })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('queue.book')}</h3>
      <form className="row" onSubmit={(e) => void submit(e)}>
        <QueueSelect id="book-queue" label={t('queue.bookQueue')} overview={overview} value={queueId} onChange={setQueueId} />
        <div>
          <label htmlFor="book-at">{t('queue.bookAt')}</label>
          <input id="book-at" type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} required />
        </div>
        <button type="submit" disabled={busy || !overview.online}>
          {t('queue.bookSubmit')}
        </button>
      </form>
      {booked && <p className="notice">{booked}</p>}
      <ErrorLine error={error} />
    </section>
  );
}

function FinishedToday({ overview }: { overview: QueueOverview }) {
  const { t } = useTranslation();
  const locale = useApp((s) => s.locale);
  return (
    <section aria-labelledby="finished-title">
      <h2 id="finished-title">{t('queue.finishedToday')}</h2>
      {overview.finishedToday.length === 0 ? (
        <p className="muted">{t('queue.noneFinished')}</p>
      ) : (
        <ul>
          {overview.finishedToday.map((f) => (
            <li key={f.id}>
              <strong>{f.number}</strong> · {t(`queue.status.${f.status}`)} · {f.finishedAt && formatTime(f.finishedAt, locale)}
              {f.pending && <span className="muted"> ({t('queue.pending')})</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
