import { afterEach, describe, expect, it, vi } from 'vitest';
import { SignaturePadError } from './errors';
import { connectPad, listPads, openPad, watchPads, type PadInfo } from './hid';

// The real node-hid binding, not a mock: these machines have no pad plugged in.
describe('node-hid on this machine', () => {
  it('loads the binding and lists no pads', async () => {
    expect(await listPads()).toEqual([]);
  });

  it('rejects opening a path with no device behind it as open_failed, in Latvian', async () => {
    const attempt = openPad('/dev/hidraw-lete-no-such-pad');
    await expect(attempt).rejects.toBeInstanceOf(SignaturePadError);
    await expect(attempt).rejects.toMatchObject({
      code: 'open_failed',
      message:
        'Parakstu planšeti neizdevās atvērt. Aizveriet citas programmas, kas to varētu izmantot, atvienojiet planšeti un pievienojiet no jauna vai ļaujiet klientam parakstīties ekrānā.',
      cause: expect.any(Error),
    });
  });

  it('tells the clerk to plug a pad in when there is none to connect to', async () => {
    await expect(connectPad()).rejects.toMatchObject({
      code: 'no_pad',
      message: 'Parakstu planšete nav pievienota. Pievienojiet to vai ļaujiet klientam parakstīties ekrānā.',
    });
  });
});

describe('watchPads', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const stu540: PadInfo = { path: '/dev/hidraw3', productId: 0xa8, model: 'STU-540', serialNumber: null };
  const stu430: PadInfo = { path: '/dev/hidraw5', productId: 0xa4, model: 'STU-430', serialNumber: null };

  it('reports the first listing, then only plug-ins and unplugs, until stopped', async () => {
    vi.useFakeTimers();
    const listings: Array<PadInfo[] | Error> = [[], [stu540], [stu540], new Error('hidapi hiccup'), [stu540, stu430], [stu430], []];
    const list = vi.fn(async () => {
      const next = listings.shift() ?? [];
      if (next instanceof Error) throw next;
      return next;
    });
    const seen: string[][] = [];
    const stop = watchPads(500, (pads) => seen.push(pads.map((p) => p.model)), list);

    await vi.advanceTimersByTimeAsync(0);
    for (let tick = 0; tick < 6; tick++) await vi.advanceTimersByTimeAsync(500);
    expect(seen).toEqual([[], ['STU-540'], ['STU-540', 'STU-430'], ['STU-430'], []]);

    stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(list).toHaveBeenCalledTimes(7);
  });
});
