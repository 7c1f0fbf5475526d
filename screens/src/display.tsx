import { useCallback, useEffect, useRef, useState } from 'react';
import { createChime, type Chime } from './chime';
import { mountScreen, Problem, useNow } from './device-ui';
import { enTime, lvDate, lvNumber, lvTime, spokenDesk } from './format';
import { fetchBoard, newCalls, watchHall, type HallBoard, type HallCall } from './hall';
import { PlatformFailure, type Device, type DeviceUser } from './platform';

const SHOWN_CALLS = 8;
const params = new URLSearchParams(location.search);

/** The last calls, newest call (or recall) first; those still called or served come before finished ones on the platform's side too. */
function latest(board: HallBoard | null): HallCall[] {
  return [...(board?.calls ?? [])].sort((a, b) => Date.parse(b.calledAt) - Date.parse(a.calledAt)).slice(0, SHOWN_CALLS);
}

function Display({ device, user }: { device: Device; user: DeviceUser }) {
  const centreId = params.get('centre') ?? user.centreId;
  const [board, setBoard] = useState<HallBoard | null>(null);
  const [problem, setProblem] = useState<PlatformFailure | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [soundBlocked, setSoundBlocked] = useState(false);
  const seen = useRef<Map<string, string> | null>(null);
  const chime = useRef<Chime | null>(null);
  const now = useNow(1000);

  const refresh = useCallback(async () => {
    try {
      const next = await fetchBoard(device, centreId);
      setProblem(null);
      const fresh = seen.current ? newCalls(seen.current, next.calls) : [];
      seen.current = new Map(next.calls.map((c) => [c.ticketId, `${c.calledAt}/${c.recalls}`]));
      setBoard(next);
      if (fresh.length > 0) {
        const newest = [...fresh].sort((a, b) => Date.parse(b.calledAt) - Date.parse(a.calledAt));
        setAnnouncement(newest.map((c) => `Talons ${c.number}, ${spokenDesk(c.deskName)}. Ticket ${c.number}, ${c.deskName}.`).join(' '));
        chime.current ??= createChime();
        setSoundBlocked(!(await chime.current.play()));
      }
    } catch (error) {
      if (error instanceof PlatformFailure) setProblem(error);
    }
  }, [device, centreId]);

  useEffect(() => {
    return watchHall(device, () => void refresh(), 5000);
  }, [device, refresh]);

  const calls = latest(board);
  // The newest call is highlighted while the client is still on the way (called) or at the desk.
  const newest = calls[0] && (calls[0].status === 'called' || calls[0].status === 'serving') ? calls[0] : undefined;
  const earlier = newest ? calls.slice(1) : calls;
  return (
    <div className="display">
      <header className="bar">
        <h1>
          {board?.centreName ?? ''}
          <span className="en" lang="en">
            Queue display
          </span>
        </h1>
        <p className="clock" aria-label={`Pulkstenis ${lvTime(now)}`}>
          <span className="time">{lvTime(now)}</span>
          <span className="date">{lvDate(now)}</span>
        </p>
      </header>
      <Problem failure={problem} />
      {soundBlocked && (
        <button
          type="button"
          className="secondary sound"
          onClick={() => {
            chime.current ??= createChime();
            void chime.current.play().then((ok) => setSoundBlocked(!ok));
          }}
        >
          Ieslēgt skaņu / Enable sound
        </button>
      )}
      <div className="sr-only" aria-live="assertive" aria-atomic="true">
        {announcement}
      </div>
      <main className="board">
        <section className="calls" aria-labelledby="calls-title">
          <h2 id="calls-title">
            Talons → Lete <span lang="en">Ticket → Desk</span>
          </h2>
          {newest ? (
            <div className="call newest" key={`${newest.ticketId}/${newest.calledAt}`}>
              <span className="number">{newest.number}</span>
              <span className="arrow" aria-hidden="true">
                →
              </span>
              <span className="desk">{newest.deskName}</span>
            </div>
          ) : (
            <p className="empty">
              Pašlaik neviens netiek aicināts. <span lang="en">No one is being called right now.</span>
            </p>
          )}
          <ol className="earlier" aria-label="Iepriekšējie izsaukumi / Earlier calls">
            {earlier.map((c) => (
              <li key={c.ticketId} className={c.status === 'called' || c.status === 'serving' ? 'call' : 'call finished'}>
                <span className="number">{c.number}</span>
                <span className="arrow" aria-hidden="true">
                  →
                </span>
                <span className="desk">{c.deskName}</span>
                <span className="at">{lvTime(c.calledAt)}</span>
              </li>
            ))}
          </ol>
        </section>
        <section className="waiting" aria-labelledby="waiting-title">
          <h2 id="waiting-title">
            Rindā gaida <span lang="en">Waiting</span>
          </h2>
          <ul>
            {(board?.queues ?? []).map((q) => (
              <li key={q.queueId}>
                <span className="letter">{q.letter}</span>
                <span className="name">{q.name}</span>
                <span className="count">{lvNumber(q.waiting)}</span>
              </li>
            ))}
          </ul>
          {board && (
            <p className="muted">
              Atjaunots {lvTime(board.at)} <span lang="en">Updated {enTime(board.at)}</span>
            </p>
          )}
        </section>
      </main>
    </div>
  );
}

mountScreen('display', ['Tablo', 'Display'], (device, user) => <Display device={device} user={user} />);
