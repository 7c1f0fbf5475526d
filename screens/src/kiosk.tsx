import { useCallback, useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { mountScreen, Problem, useNow } from './device-ui';
import { enPeople, enTime, lvDate, lvPeople, lvShortDate, lvTime } from './format';
import { fetchBoard, watchHall, type HallBoard, type HallQueue } from './hall';
import { PlatformFailure, retrying, uuid, type Device, type DeviceUser, type MutationResult } from './platform';

type Lang = 'lv' | 'en';
type Category = 'regular' | 'elderly' | 'disability';

const text = {
  lv: {
    choose: 'Izvēlieties rindu',
    waiting: (n: number) => `Rindā: ${lvPeople(n)}`,
    appointment: 'Man ir pieraksts',
    appointmentHint: 'Ievadiet 6 ciparu pieraksta kodu',
    priority: 'Vai jums pienākas rinda bez gaidīšanas?',
    regular: 'Parastā rinda',
    elderly: 'Seniors (no 75 gadu vecuma)',
    disability: 'Persona ar invaliditāti',
    certificate: 'Pēc pieprasījuma uzrādiet apliecību.',
    back: 'Atpakaļ',
    code: 'Pieraksta kods',
    checkIn: 'Reģistrēties',
    erase: 'Dzēst ciparu',
    sending: 'Izsniedz talonu…',
    yourTicket: 'Jūsu talons',
    queue: 'Rinda',
    issued: 'Izsniegts',
    ahead: (n: number) => `Pirms jums rindā: ${lvPeople(n)}`,
    watch: 'Sekojiet tablo: jūsu numurs parādīsies kopā ar letes nosaukumu.',
    done: 'Gatavs',
    returning: (s: number) => `Sākums pēc ${s} s`,
    refused: 'Talonu izsniegt neizdevās',
    language: 'English',
    languageLabel: 'Switch to English',
    retrying: 'Mēģinām vēlreiz…',
    cancel: 'Atcelt',
  },
  en: {
    choose: 'Choose a queue',
    waiting: (n: number) => `Waiting: ${enPeople(n)}`,
    appointment: 'I have an appointment',
    appointmentHint: 'Enter your 6-digit appointment code',
    priority: 'Are you entitled to priority service?',
    regular: 'Regular queue',
    elderly: 'Senior (aged 75 or over)',
    disability: 'Person with a disability',
    certificate: 'Please show your certificate if asked.',
    back: 'Back',
    code: 'Appointment code',
    checkIn: 'Check in',
    erase: 'Delete digit',
    sending: 'Issuing your ticket…',
    yourTicket: 'Your ticket',
    queue: 'Queue',
    issued: 'Issued',
    ahead: (n: number) => `Ahead of you: ${enPeople(n)}`,
    watch: 'Watch the display: your number will appear with the desk name.',
    done: 'Done',
    returning: (s: number) => `Back to start in ${s} s`,
    refused: 'The ticket could not be issued',
    language: 'Latviski',
    languageLabel: 'Pārslēgt uz latviešu valodu',
    retrying: 'Retrying…',
    cancel: 'Cancel',
  },
} as const;

type View =
  | { kind: 'start' }
  | { kind: 'priority'; queue: HallQueue }
  | { kind: 'checkIn' }
  | { kind: 'sending' }
  | { kind: 'ticket'; number: string; queue: HallQueue | null; issuedAt: Date; ahead: number | null }
  | { kind: 'refused'; reason: string };

const RETURN_SECONDS = 10;
const IDLE_MS = 60_000;
const printing = new URLSearchParams(location.search).get('print') !== '0';

function Kiosk({ device, user }: { device: Device; user: DeviceUser }) {
  const [lang, setLang] = useState<Lang>('lv');
  const t = text[lang];
  const [board, setBoard] = useState<HallBoard | null>(null);
  const [problem, setProblem] = useState<PlatformFailure | null>(null);
  const [view, setView] = useState<View>({ kind: 'start' });
  const now = useNow(15_000);
  const heading = useRef<HTMLHeadingElement>(null);
  const cancelRef = useRef<AbortController | null>(null);

  const refresh = useCallback(async () => {
    try {
      setBoard(await fetchBoard(device, user.centreId));
      setProblem(null);
      // A change whose answer was lost before a reload goes before anything new.
      if (device.hasPending) await device.flush();
    } catch (error) {
      if (error instanceof PlatformFailure) setProblem(error);
    }
  }, [device, user.centreId]);

  useEffect(() => {
    return watchHall(device, () => void refresh(), 5000);
  }, [device, refresh]);

  // The heading of each step takes focus, so a screen reader and a keyboard start from the top.
  useEffect(() => heading.current?.focus(), [view.kind]);

  // Back to the start when a half-finished choice is left alone.
  useEffect(() => {
    if (view.kind !== 'priority' && view.kind !== 'checkIn' && view.kind !== 'refused') return;
    const timer = setTimeout(() => setView({ kind: 'start' }), IDLE_MS);
    return () => clearTimeout(timer);
  }, [view]);

  async function send(name: string, args: Record<string, unknown>, queue: HallQueue | null) {
    setView({ kind: 'sending' });
    let result: MutationResult;
    // Stored before it is sent: however many tries it takes, it goes with the same id and key.
    const key = device.enqueue(name, args);
    try {
      const controller = new AbortController();
      cancelRef.current = controller;
      result = await retrying(() => device.answer(key), setProblem, controller.signal);
    } catch (error) {
      if (cancelRef.current?.signal.aborted) {
        setProblem(null);
        setView({ kind: 'start' });
        return;
      }
      setView({ kind: 'refused', reason: error instanceof PlatformFailure ? error.message : String(error) });
      return;
    }
    setProblem(null);
    if (result.status !== 'APPLIED' && result.status !== 'ALREADY_APPLIED') {
      setView({ kind: 'refused', reason: result.reason ?? 'Platforma atteica.' });
      return;
    }
    const { number } = result.result as { ticketId: string; number: string };
    const fresh = await fetchBoard(device, user.centreId).catch(() => null);
    if (fresh) setBoard(fresh);
    const ticketQueue = queue ?? fresh?.queues.find((q) => number.startsWith(q.letter)) ?? null;
    const waiting = fresh?.queues.find((q) => q.queueId === ticketQueue?.queueId)?.waiting;
    setView({ kind: 'ticket', number, queue: ticketQueue, issuedAt: new Date(), ahead: waiting === undefined ? null : Math.max(0, waiting - 1) });
  }

  const issue = (queue: HallQueue, category: Category) => void send('ticket.issue', { id: uuid(), queueId: queue.queueId, category }, queue);
  const checkIn = (code: string) => void send('ticket.checkIn', { id: uuid(), code }, null);

  return (
    <div className="kiosk" lang={lang}>
      <header className="bar">
        <div>
          <span className="centre">{board?.centreName ?? user.displayName}</span>
          <span className="clock">
            {lvDate(now)} · {lang === 'lv' ? lvTime(now) : enTime(now)}
          </span>
        </div>
        <button type="button" className="lang" onClick={() => setLang(lang === 'lv' ? 'en' : 'lv')} aria-label={t.languageLabel} lang={lang === 'lv' ? 'en' : 'lv'}>
          {t.language}
        </button>
      </header>
      <Problem failure={problem} />
      {view.kind === 'start' && (
        <main>
          <h1 ref={heading} tabIndex={-1}>
            {t.choose}
          </h1>
          <div className="queues">
            {(board?.queues ?? []).map((q) => (
              <button type="button" key={q.queueId} className="queue" onClick={() => setView({ kind: 'priority', queue: q })}>
                <span className="letter">{q.letter}</span>
                <span className="name">{q.name}</span>
                <span className="waiting">{t.waiting(q.waiting)}</span>
              </button>
            ))}
            <button type="button" className="queue appointment" onClick={() => setView({ kind: 'checkIn' })}>
              <span className="name">{t.appointment}</span>
              <span className="waiting">{t.appointmentHint}</span>
            </button>
          </div>
        </main>
      )}
      {view.kind === 'priority' && (
        <main>
          <h1 ref={heading} tabIndex={-1}>
            {view.queue.letter} · {view.queue.name}
          </h1>
          <p className="lead">{t.priority}</p>
          <div className="choices">
            <button type="button" className="choice" onClick={() => issue(view.queue, 'regular')}>
              {t.regular}
            </button>
            <button type="button" className="choice" onClick={() => issue(view.queue, 'elderly')}>
              {t.elderly}
            </button>
            <button type="button" className="choice" onClick={() => issue(view.queue, 'disability')}>
              {t.disability}
            </button>
          </div>
          <p className="note">{t.certificate}</p>
          <button type="button" className="secondary" onClick={() => setView({ kind: 'start' })}>
            {t.back}
          </button>
        </main>
      )}
      {view.kind === 'checkIn' && <CheckIn t={t} headingRef={heading} onBack={() => setView({ kind: 'start' })} onCode={checkIn} />}
      {view.kind === 'sending' && (
        <main>
          <h1 ref={heading} tabIndex={-1} role="status">
            {t.sending}
          </h1>
          {problem && (
            <button type="button" className="secondary" onClick={() => cancelRef.current?.abort()}>
              {t.cancel}
            </button>
          )}
        </main>
      )}
      {view.kind === 'refused' && (
        <main>
          <h1 ref={heading} tabIndex={-1}>
            {t.refused}
          </h1>
          <p className="refusal" role="alert" lang="lv">
            {view.reason}
          </p>
          <button type="button" className="primary" onClick={() => setView({ kind: 'start' })}>
            {t.back}
          </button>
        </main>
      )}
      {view.kind === 'ticket' && <Ticket t={t} view={view} headingRef={heading} onDone={() => setView({ kind: 'start' })} />}
    </div>
  );
}

function CheckIn({ t, headingRef, onBack, onCode }: { t: (typeof text)[Lang]; headingRef: RefObject<HTMLHeadingElement | null>; onBack: () => void; onCode: (code: string) => void }) {
  const [code, setCode] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const type = (digit: string) => setCode((c) => (c.length < 6 ? c + digit : c));
  function submit(event: FormEvent) {
    event.preventDefault();
    if (/^\d{6}$/u.test(code)) onCode(code);
  }
  return (
    <main>
      <h1 ref={headingRef} tabIndex={-1}>
        {t.appointment}
      </h1>
      <form onSubmit={submit} className="check-in">
        <label htmlFor="appointment-code">{t.appointmentHint}</label>
        <input
          id="appointment-code"
          ref={input}
          className="code"
          inputMode="numeric"
          autoComplete="off"
          pattern="\d{6}"
          maxLength={6}
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/gu, '').slice(0, 6))}
        />
        <div className="keypad" aria-label={t.code} role="group">
          {['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'].map((d) => (
            <button type="button" key={d} onClick={() => type(d)}>
              {d}
            </button>
          ))}
          <button type="button" onClick={() => setCode((c) => c.slice(0, -1))} aria-label={t.erase}>
            ⌫
          </button>
        </div>
        <button type="submit" className="primary" disabled={!/^\d{6}$/u.test(code)}>
          {t.checkIn}
        </button>
      </form>
      <button type="button" className="secondary" onClick={onBack}>
        {t.back}
      </button>
    </main>
  );
}

function Ticket({ t, view, headingRef, onDone }: { t: (typeof text)[Lang]; view: Extract<View, { kind: 'ticket' }>; headingRef: RefObject<HTMLHeadingElement | null>; onDone: () => void }) {
  const [left, setLeft] = useState(RETURN_SECONDS);
  useEffect(() => {
    // Printed once the ticket is on the page; the print stylesheet keeps only the receipt.
    const printTimer = printing ? setTimeout(() => window.print(), 300) : null;
    const tick = setInterval(() => setLeft((s) => s - 1), 1000);
    return () => {
      if (printTimer) clearTimeout(printTimer);
      clearInterval(tick);
    };
  }, []);
  useEffect(() => {
    if (left <= 0) onDone();
  }, [left, onDone]);
  return (
    <main className="ticket-view">
      <section className="receipt" aria-labelledby="ticket-title">
        <h1 id="ticket-title" ref={headingRef} tabIndex={-1}>
          {t.yourTicket}
        </h1>
        <p className="number" aria-label={`${t.yourTicket}: ${view.number}`}>
          {view.number}
        </p>
        {view.queue && (
          <p className="queue-name">
            {t.queue} {view.queue.letter}: {view.queue.name}
          </p>
        )}
        <p>
          {t.issued}: {lvShortDate(view.issuedAt)} {lvTime(view.issuedAt)}
        </p>
        {view.ahead !== null && <p className="ahead">{t.ahead(view.ahead)}</p>}
        <p className="note">{t.watch}</p>
      </section>
      <button type="button" className="primary no-print" onClick={onDone}>
        {t.done}
      </button>
      <p className="no-print muted">{t.returning(Math.max(0, left))}</p>
    </main>
  );
}

mountScreen('kiosk', ['Kiosks', 'Kiosk'], (device, user) => <Kiosk device={device} user={user} />);
