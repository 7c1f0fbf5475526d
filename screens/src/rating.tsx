import { useCallback, useEffect, useRef, useState } from 'react';
import { mountScreen, Problem } from './device-ui';
import { fetchFinished, watchHall, type HallFinished } from './hall';
import { PlatformFailure, retrying, uuid, type Device, type DeviceUser } from './platform';

const ratings: [number, string, string][] = [
  [1, 'Ļoti slikti', 'Very poor'],
  [2, 'Slikti', 'Poor'],
  [3, 'Vidēji', 'Fair'],
  [4, 'Labi', 'Good'],
  [5, 'Ļoti labi', 'Very good'],
];
/** How long the question waits for a client who walked away, and how long the thanks stay. */
const ASK_MS = 120_000;
const COMMENT_MS = 30_000;
const THANKS_MS = 6000;
/** How long the client is kept waiting for the platform's answer before being thanked anyway. */
const SEND_PATIENCE_MS = 8000;

type View = { kind: 'idle' } | { kind: 'ask'; ticket: HallFinished } | { kind: 'comment'; ticket: HallFinished; rating: number } | { kind: 'sending' } | { kind: 'thanks' } | { kind: 'refused'; reason: string };

function Rating({ device, user }: { device: Device; user: DeviceUser }) {
  const deskId = new URLSearchParams(location.search).get('desk') ?? user.deskId;
  const [view, setView] = useState<View>({ kind: 'idle' });
  const [problem, setProblem] = useState<PlatformFailure | null>(null);
  const [comment, setComment] = useState('');
  /** Tickets asked about already (rated, or left unrated): never asked twice. */
  const handled = useRef(new Set<string>());
  const viewRef = useRef(view);
  useEffect(() => {
    viewRef.current = view;
  }, [view]);
  const heading = useRef<HTMLHeadingElement>(null);

  const refresh = useCallback(async () => {
    if (!deskId) return;
    try {
      // A rating still waiting from an outage (or from before a reload) goes first.
      if (device.hasPending) await device.flush();
      const finished = await fetchFinished(device, deskId);
      setProblem(null);
      if (viewRef.current.kind !== 'idle' || !finished || finished.rated || handled.current.has(finished.ticketId)) return;
      setComment('');
      setView({ kind: 'ask', ticket: finished });
    } catch (error) {
      if (error instanceof PlatformFailure) setProblem(error);
    }
  }, [device, deskId]);

  useEffect(() => {
    return watchHall(device, () => void refresh(), 3000);
  }, [device, refresh]);

  useEffect(() => heading.current?.focus(), [view.kind]);

  const send = useCallback(
    async (ticket: HallFinished, rating: number, text: string) => {
      handled.current.add(ticket.ticketId);
      setView({ kind: 'sending' });
      // Stored in the device's outbox before it is sent, so it is not lost if the platform is away.
      const key = device.enqueue('feedback.create', { id: uuid(), ticketId: ticket.ticketId, rating, comment: text.trim() || null });
      const patience = new AbortController();
      const timer = setTimeout(() => patience.abort(), SEND_PATIENCE_MS);
      try {
        const result = await retrying(() => device.answer(key), setProblem, patience.signal);
        setProblem(null);
        setView(result.status === 'APPLIED' || result.status === 'ALREADY_APPLIED' ? { kind: 'thanks' } : { kind: 'refused', reason: result.reason ?? 'Platforma atteica.' });
      } catch (error) {
        // The client need not wait for the network: the rating stays queued and goes with the next poll.
        if (patience.signal.aborted) setView({ kind: 'thanks' });
        else setView({ kind: 'refused', reason: error instanceof PlatformFailure ? error.message : String(error) });
      } finally {
        clearTimeout(timer);
      }
    },
    [device],
  );

  // Timers: an unanswered question goes away; a chosen rating is sent even if the comment is left; thanks fade.
  useEffect(() => {
    if (view.kind === 'ask') {
      const t = setTimeout(() => {
        handled.current.add(view.ticket.ticketId);
        setView({ kind: 'idle' });
      }, ASK_MS);
      return () => clearTimeout(t);
    }
    if (view.kind === 'comment') {
      const t = setTimeout(() => void send(view.ticket, view.rating, comment), COMMENT_MS);
      return () => clearTimeout(t);
    }
    if (view.kind === 'thanks' || view.kind === 'refused') {
      const t = setTimeout(() => setView({ kind: 'idle' }), THANKS_MS);
      return () => clearTimeout(t);
    }
  }, [view, comment, send]);

  // Keys 1–5 choose a rating while the question is shown.
  useEffect(() => {
    if (view.kind !== 'ask') return;
    const onKey = (e: KeyboardEvent) => {
      const n = Number(e.key);
      if (e.altKey || e.ctrlKey || e.metaKey || !Number.isInteger(n) || n < 1 || n > 5) return;
      e.preventDefault();
      setView({ kind: 'comment', ticket: view.ticket, rating: n });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [view]);

  if (!deskId) {
    return (
      <main className="rating">
        <h1>Nav norādīta lete. Atveriet lapu ar adresi rating.html?desk=…</h1>
        <p lang="en">No desk given. Open the page as rating.html?desk=…</p>
      </main>
    );
  }
  return (
    <div className="rating">
      <Problem failure={problem} />
      {view.kind === 'idle' && (
        <main className="idle">
          <h1 ref={heading} tabIndex={-1}>
            Laipni lūdzam!
            <span className="en" lang="en">
              Welcome!
            </span>
          </h1>
        </main>
      )}
      {view.kind === 'ask' && (
        <main>
          <h1 ref={heading} tabIndex={-1}>
            Kā jūs vērtējat apkalpošanu?
            <span className="en" lang="en">
              How would you rate our service?
            </span>
          </h1>
          <p className="muted">Talons {view.ticket.number}</p>
          <div className="stars" role="group" aria-label="Vērtējums no 1 līdz 5 / Rating from 1 to 5">
            {ratings.map(([n, lv, en]) => (
              <button type="button" key={n} className={`star r${n}`} onClick={() => setView({ kind: 'comment', ticket: view.ticket, rating: n })} aria-keyshortcuts={String(n)}>
                <span className="n">{n}</span>
                <span className="label">{lv}</span>
                <span className="en" lang="en">
                  {en}
                </span>
              </button>
            ))}
          </div>
        </main>
      )}
      {view.kind === 'comment' && (
        <main>
          <h1 ref={heading} tabIndex={-1}>
            Jūsu vērtējums: {view.rating} — {ratings[view.rating - 1]?.[1]}
            <span className="en" lang="en">
              Your rating: {view.rating} — {ratings[view.rating - 1]?.[2]}
            </span>
          </h1>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void send(view.ticket, view.rating, comment);
            }}
          >
            <label htmlFor="rating-comment">
              Komentārs (nav obligāts) <span lang="en">Comment (optional)</span>
            </label>
            <textarea id="rating-comment" rows={3} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
            <div className="actions">
              <button type="submit" className="primary">
                Nosūtīt <span lang="en">Send</span>
              </button>
              <button type="button" className="secondary" onClick={() => setView({ kind: 'ask', ticket: view.ticket })}>
                Mainīt vērtējumu <span lang="en">Change rating</span>
              </button>
            </div>
          </form>
        </main>
      )}
      {view.kind === 'sending' && (
        <main>
          <h1 ref={heading} tabIndex={-1} role="status">
            Nosūta… <span lang="en">Sending…</span>
          </h1>
        </main>
      )}
      {view.kind === 'thanks' && (
        <main className="idle">
          <h1 ref={heading} tabIndex={-1} role="status">
            Paldies par vērtējumu!
            <span className="en" lang="en">
              Thank you for your feedback!
            </span>
          </h1>
        </main>
      )}
      {view.kind === 'refused' && (
        <main>
          <h1 ref={heading} tabIndex={-1}>
            Vērtējumu nosūtīt neizdevās
            <span className="en" lang="en">
              The rating could not be sent
            </span>
          </h1>
          <p role="alert" lang="lv" className="refusal">
            {view.reason}
          </p>
        </main>
      )}
    </div>
  );
}

mountScreen('rating', ['Novērtējums', 'Rating'], (device, user) => <Rating device={device} user={user} />);
