import type { Device } from './platform';

/** What the hall's pages read (no personal data: numbers, desks, queues). */
export interface HallCall {
  ticketId: string;
  number: string;
  queueId: string;
  deskId: string;
  deskName: string;
  calledAt: string;
  recalls: number;
  status: string;
}
export interface HallQueue {
  queueId: string;
  letter: string;
  name: string;
  waiting: number;
}
export interface HallBoard {
  centreId: string;
  centreName: string;
  at: string;
  calls: HallCall[];
  queues: HallQueue[];
}
export interface HallFinished {
  ticketId: string;
  number: string;
  finishedAt: string;
  rated: boolean;
}

/** Calls new since the last board, or called again (a recall raises `recalls` and `calledAt`). */
export function newCalls(before: Map<string, string>, calls: HallCall[]): HallCall[] {
  return calls.filter((c) => c.status === 'called' && before.get(c.ticketId) !== `${c.calledAt}/${c.recalls}`);
}

const BOARD = `query HallBoard($centreId: ID) { hallBoard(centreId: $centreId) {
  centreId centreName at
  calls { ticketId number queueId deskId deskName calledAt recalls status }
  queues { queueId letter name waiting }
} }`;
const FINISHED = `query DeskFinished($deskId: ID!) { deskFinished(deskId: $deskId) { ticketId number finishedAt rated } }`;

export const fetchBoard = async (device: Device, centreId: string | null) =>
  (await device.query<{ hallBoard: HallBoard }>(BOARD, { centreId })).hallBoard;
export const fetchFinished = async (device: Device, deskId: string) =>
  (await device.query<{ deskFinished: HallFinished | null }>(FINISHED, { deskId })).deskFinished;

/**
 * Live updates: the platform's server-sent events say only "something changed" (a poke), so the page
 * fetches again; polling every `pollMs` covers a lost stream. The stream's token is an access token,
 * which expires: on an error the stream is reopened with a fresh one after a pause.
 */
export function watchHall(device: Device, onChange: () => void, pollMs: number): () => void {
  let stopped = false;
  let source: EventSource | null = null;
  let reopen: ReturnType<typeof setTimeout> | null = null;
  // The first fetch belongs to the subscription too: the page's state then only ever changes in callbacks.
  const first = setTimeout(onChange, 0);
  const poll = setInterval(onChange, pollMs);
  async function open() {
    if (stopped) return;
    try {
      const token = await device.token();
      if (stopped) return;
      source = new EventSource(`/events?token=${encodeURIComponent(token)}`);
      source.addEventListener('poke', () => onChange());
      source.addEventListener('open', () => onChange());
      source.addEventListener('error', () => {
        source?.close();
        source = null;
        reopen = setTimeout(() => void open(), 5000);
      });
    } catch {
      reopen = setTimeout(() => void open(), 5000);
    }
  }
  void open();
  return () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(poll);
    if (reopen) clearTimeout(reopen);
    source?.close();
  };
}
