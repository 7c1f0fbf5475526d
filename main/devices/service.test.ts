import { describe, expect, it } from 'vitest';
import type { PadInfo } from '../../native/signature-pad';
import { createEventBus } from '../events';
import { useSaneTestDevice } from '../test-support/sane';
import { useTestDesk } from '../test-support/workstation';
import { createDevices } from './service';

const silent = { info: () => undefined, error: () => undefined };
const stu530: PadInfo = { path: '/dev/hidraw-lete-missing-pad', productId: 0xa5, model: 'STU-530', serialNumber: null };

describe('the desk’s devices', () => {
  const desk = useTestDesk();
  // The overview lists scanners too: SANE's test device only.
  useSaneTestDevice();

  it('lists no pad on a machine without one, through the real node-hid binding, and keeps signatures on screen', async () => {
    const d = await desk.start();
    await d.call('session.signIn', { username: 'klerks', password: 'demo' });
    const overview = await d.call('devices.overview', {});
    expect(overview).toMatchObject({ pads: [], padsSupported: true, signatureSource: 'screen' });
    expect(overview.scanners.map((s) => s.id)).toContain('test:0');
    expect((await d.call('devices.setSignatureSource', { source: 'pad' })).signatureSource).toBe('pad');
    expect(await d.fail('devices.testPad', { path: '/dev/hidraw9' })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('says in Latvian when a listed pad cannot be opened, and notices pads plugged in and out', async () => {
    const d = await desk.start();
    const events = createEventBus();
    const changes: string[] = [];
    events.subscribe((name) => changes.push(name));
    let plugged: PadInfo[] = [];
    const devices = createDevices(d.workstation.db, {
      scanning: { devices: async () => ({ devices: [], networkScanners: [] }) } as never,
      events,
      logger: silent,
      listPads: async () => plugged,
    });
    plugged = [stu530];
    // node-hid really tries the path and fails: the clerk reads why, the desk goes on.
    await expect(devices.testPad(stu530.path)).rejects.toMatchObject({ code: 'TRANSPORT', message: expect.stringMatching(/planšet/iu) });

    const stop = devices.watch(20);
    await new Promise((r) => setTimeout(r, 100));
    plugged = [];
    await expect.poll(() => changes.filter((c) => c === 'devices.changed').length).toBe(1);
    plugged = [stu530];
    await expect.poll(() => changes.filter((c) => c === 'devices.changed').length).toBe(2);
    stop();
  });
});
