import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueOverview, QueueTicket } from '../../../preload/contract';
import { Dialog } from '../../app/Dialog';
import { useQueueAction } from './useQueue';

/** Sends the client on to another queue or straight to a colleague's desk, with a note they will see. */
export function TransferDialog({ ticket, overview, onClose }: { ticket: QueueTicket; overview: QueueOverview; onClose(): void }) {
  const { t } = useTranslation();
  const { run, busy, error } = useQueueAction();
  const targets = [
    ...overview.queues.filter((q) => q.id !== ticket.queueId).map((q) => ({ value: `queue:${q.id}`, label: t('queue.toQueue', { letter: q.letter, name: q.name }) })),
    ...overview.desks.map((d) => ({ value: `desk:${d.id}`, label: t('queue.toDesk', { name: d.name }) })),
  ];
  const [target, setTarget] = useState(targets[0]?.value ?? '');
  const [note, setNote] = useState('');

  async function submit(e: FormEvent) {
    e.preventDefault();
    const [kind, id] = target.split(/:(.*)/su) as ['queue' | 'desk', string];
    const ok = await run(
      'queue.transfer',
      { ticketId: ticket.id, queueId: kind === 'queue' ? id : null, deskId: kind === 'desk' ? id : null, note: note.trim() || null },
      () => t('queue.transferred', { number: ticket.number }),
    );
    if (ok) onClose();
  }

  return (
    <Dialog titleId="transfer-title" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <h2 id="transfer-title">{t('queue.transferTitle', { number: ticket.number })}</h2>
        <label htmlFor="transfer-target">{t('queue.transferTo')}</label>
        <select id="transfer-target" data-autofocus value={target} onChange={(e) => setTarget(e.target.value)}>
          {targets.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <label htmlFor="transfer-note">{t('queue.transferNote')}</label>
        <textarea id="transfer-note" rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || !target}>
            {t('queue.transferSubmit')}
          </button>
          <button type="button" onClick={onClose}>
            {t('queue.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
