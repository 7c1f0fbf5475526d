import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueTicket } from '../../../preload/contract';
import { useApp } from '../../app/hooks';
import { formatTime } from '../../i18n/format';
import { TransferDialog } from './TransferDialog';
import { minutesSince, useQueueAction, useQueueOverview } from './useQueue';

type BarAction = 'call' | 'recall' | 'start' | 'finish' | 'noShow' | 'transfer';

/** The function keys a queue system's desk panel uses, free in every screen and while typing. */
export function queueKey(e: { key: string; shiftKey: boolean; altKey: boolean; ctrlKey: boolean; metaKey: boolean }): BarAction | null {
  if (e.altKey || e.ctrlKey || e.metaKey) return null;
  if (e.key === 'F6' && !e.shiftKey) return 'call';
  if (e.key === 'F7' && !e.shiftKey) return 'recall';
  if (e.key === 'F8') return e.shiftKey ? 'noShow' : 'start';
  if (e.key === 'F9') return e.shiftKey ? 'transfer' : 'finish';
  return null;
}

/**
 * The ticket at this desk, always in sight whichever screen the clerk is on, with the queue actions
 * and their keys. What the clerk registered meanwhile (a case, a consultation) is linked on finishing.
 */
export function QueueBar() {
  const { t } = useTranslation();
  const locale = useApp((s) => s.locale);
  const { overview } = useQueueOverview();
  const { run, busy, error } = useQueueAction();
  const [transferring, setTransferring] = useState<QueueTicket | null>(null);
  const [linkChoice, setLinkChoice] = useState<string>('auto');
  const current = overview?.current ?? null;
  const links = overview?.links ?? [];
  const link = linkChoice === 'none' ? null : (links.find((l) => `${l.kind}:${l.id}` === linkChoice) ?? (linkChoice === 'auto' ? links[0] : undefined) ?? null);

  // The ticket on screen may arrive (by the queue event) before the answer that ends `busy`: a key for
  // it then still counts. The core takes queue actions one at a time, so only a second call waits here.
  const perform = async (action: BarAction) => {
    if (!overview?.desk) return;
    if (action === 'call') {
      if (current || busy) return;
      setLinkChoice('auto');
      await run('queue.callNext', {}, (data) => {
        const ticket = data as QueueTicket | null;
        return ticket ? t('queue.called', { number: ticket.number }) : t('queue.calledNone');
      });
      return;
    }
    if (!current) return;
    const ticketId = current.id;
    const number = current.number;
    if (action === 'recall' && current.status === 'called') await run('queue.recall', { ticketId }, () => t('queue.recalled', { number }));
    if (action === 'start' && current.status === 'called') await run('queue.start', { ticketId }, () => t('queue.started', { number }));
    if (action === 'noShow' && current.status === 'called') await run('queue.noShow', { ticketId }, () => t('queue.noShowDone', { number }));
    if (action === 'finish' && current.status === 'serving') {
      await run('queue.finish', { ticketId, link: link ? { kind: link.kind, id: link.id } : null }, () => t('queue.finished', { number }));
    }
    if (action === 'transfer') setTransferring(current);
  };

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const action = queueKey(e);
      if (!action || (e.target instanceof Element && e.target.closest('[role="dialog"]'))) return;
      e.preventDefault();
      void perform(action);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  });

  if (!overview || !overview.desk) return null;
  const waiting = overview.waiting.length;
  const can = (action: BarAction) => {
    if (busy || !overview.online) return action === 'finish' && current?.status === 'serving' && !busy;
    if (action === 'call') return !current;
    if (!current) return false;
    if (action === 'finish') return current.status === 'serving';
    if (action === 'transfer') return true;
    return current.status === 'called';
  };
  const button = (action: BarAction, keys: string, primary = false) => (
    <button type="button" className={primary ? 'primary' : undefined} disabled={!can(action)} onClick={() => void perform(action)} aria-keyshortcuts={keys.replace('Shift+', 'Shift+')}>
      {t(`queue.actions.${action}`)} <kbd aria-hidden="true">{keys}</kbd>
    </button>
  );

  return (
    <section className="queue-bar" aria-label={t('queue.bar')}>
      <div className="queue-ticket">
        {current ? (
          <>
            <span className="queue-number">{current.number}</span>
            <span>
              <strong>{t(`queue.status.${current.status}`)}</strong> · {current.queueLetter} {current.queueName}
              {current.category !== 'regular' && <> · {t(`queue.category.${current.category}`)}</>}
              <br />
              <span className="muted">
                {current.status === 'serving' && current.startedAt
                  ? t('queue.servingSince', { time: formatTime(current.startedAt, locale) })
                  : current.calledAt && t('queue.calledAt', { time: formatTime(current.calledAt, locale) })}
                {current.recalls > 0 && <> · {t('queue.recalls', { count: current.recalls })}</>}
                {current.note && <> · „{current.note}”</>}
              </span>
            </span>
          </>
        ) : (
          <span className="muted">{t('queue.none')}</span>
        )}
      </div>
      {current?.status === 'serving' && (
        <div className="queue-link">
          <label htmlFor="queue-link">{t('queue.link')}</label>
          <select id="queue-link" value={linkChoice} onChange={(e) => setLinkChoice(e.target.value)}>
            {links.length > 0 && <option value="auto">{link ? linkLabel(t, link) : t('queue.linkNone')}</option>}
            {links.slice(1).map((l) => (
              <option key={l.id} value={`${l.kind}:${l.id}`}>
                {linkLabel(t, l)}
              </option>
            ))}
            <option value="none">{t('queue.linkNone')}</option>
          </select>
        </div>
      )}
      <div className="queue-actions">
        {button('call', 'F6', !current)}
        {button('recall', 'F7')}
        {button('start', 'F8', current?.status === 'called')}
        {button('noShow', 'Shift+F8')}
        {button('finish', 'F9', current?.status === 'serving')}
        {button('transfer', 'Shift+F9')}
      </div>
      <p className="queue-waiting">
        {t('queue.waitingCount', { count: waiting })}
        {overview.waiting[0] && <span className="muted"> · {t('queue.waited', { minutes: minutesSince(overview.waiting[0].issuedAt) })}</span>}
      </p>
      {!overview.online && <p className="queue-offline">{t('queue.offline')}</p>}
      {overview.unanswered && <p className="muted">{t('queue.unanswered')}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {transferring && <TransferDialog ticket={transferring} overview={overview} onClose={() => setTransferring(null)} />}
    </section>
  );
}

function linkLabel(t: (key: string, options?: Record<string, unknown>) => string, link: { kind: 'case' | 'consultation'; label: string }) {
  return link.kind === 'case' ? t('queue.linkCase', { label: link.label }) : t('queue.linkConsultation', { label: link.label });
}
