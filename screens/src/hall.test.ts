import { describe, expect, it } from 'vitest';
import { lvPeople, lvTime, spokenDesk } from './format';
import { newCalls, type HallCall } from './hall';

const call = (ticketId: string, calledAt: string, recalls = 0, status = 'called'): HallCall => ({
  ticketId,
  number: ticketId.toUpperCase(),
  queueId: 'q',
  deskId: 'd',
  deskName: 'Lete 3',
  calledAt,
  recalls,
  status,
});

describe('hall display', () => {
  it('chimes for a new call and a recall, not for a call already shown or one being served', () => {
    const before = new Map([
      ['a001', '2026-11-23T10:00:00.000Z/0'],
      ['a002', '2026-11-23T10:01:00.000Z/0'],
    ]);
    const calls = [call('a001', '2026-11-23T10:00:00.000Z'), call('a002', '2026-11-23T10:03:00.000Z', 1), call('a003', '2026-11-23T10:04:00.000Z'), call('a004', '2026-11-23T10:05:00.000Z', 0, 'serving')];
    expect(newCalls(before, calls).map((c) => c.ticketId)).toEqual(['a002', 'a003']);
  });

  it('speaks and writes Latvian', () => {
    expect(['0', '1', '2', '11', '21'].map((n) => lvPeople(Number(n)))).toEqual(['0 cilvēku', '1 cilvēks', '2 cilvēki', '11 cilvēki', '21 cilvēks']);
    expect(spokenDesk('Lete 3')).toBe('3. lete');
    expect(spokenDesk('Kase')).toBe('Kase');
    // Riga time whatever the machine's zone: 10:05 UTC in November is 12:05 in Riga.
    expect(lvTime('2026-11-23T10:05:00.000Z')).toBe('12:05');
  });
});
