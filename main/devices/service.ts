import { identifyPad, listPads, openPad, SignaturePadError, watchPads, type PadInfo } from '../../native/signature-pad';
import { AppError } from '../../preload/contract';
import type { DeviceOverview } from '../../preload/contract';
import type { Db } from '../db/connection';
import type { EventBus } from '../events';
import type { Logger } from '../logger';
import type { Scanning } from '../scanning/service';

/**
 * The desk's devices in one place: scanners of every kind, Wacom STU signature pads (noticed when
 * plugged in or out, without a restart), and whether this desk takes signatures on a pad or on screen.
 */
export function createDevices(db: Db, deps: { scanning: Scanning; events: EventBus; logger: Logger; listPads?: () => Promise<PadInfo[]> }) {
  const list = deps.listPads ?? listPads;
  const sourceSetting = db.prepare<[], string>(`SELECT value FROM settings WHERE key = 'signature_source'`).pluck();
  const saveSource = db.prepare(`INSERT INTO settings (key, value) VALUES ('signature_source', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  const signatureSource = (): DeviceOverview['signatureSource'] => (sourceSetting.get() === 'pad' ? 'pad' : 'screen');

  async function pads(): Promise<{ pads: DeviceOverview['pads']; padsSupported: boolean }> {
    try {
      return { pads: (await list()).map((p) => ({ path: p.path, model: p.model, productId: p.productId })), padsSupported: true };
    } catch (error) {
      deps.logger.error('devices.padsUnavailable', { error });
      return { pads: [], padsSupported: false };
    }
  }

  return {
    async overview(): Promise<DeviceOverview> {
      const [scanners, found] = await Promise.all([deps.scanning.devices(), pads()]);
      return { scanners: scanners.devices, networkScanners: scanners.networkScanners, ...found, signatureSource: signatureSource() };
    },

    /** Opens the pad and reads what it is; a pad that fails says why in Latvian. */
    async testPad(path: string) {
      const info = (await list().catch(() => [])).find((p) => p.path === path);
      if (!info) throw new AppError('NOT_FOUND', 'Šī parakstu planšete vairs nav pievienota. Pievienojiet to un mēģiniet vēlreiz.');
      try {
        const transport = await openPad(path);
        try {
          const profile = await identifyPad(transport, info.productId);
          return { model: profile.model, firmware: profile.firmware, lcd: { width: profile.lcd.width, height: profile.lcd.height } };
        } finally {
          await transport.close();
        }
      } catch (error) {
        if (error instanceof SignaturePadError) throw new AppError('TRANSPORT', error.message);
        throw error;
      }
    },

    async signing() {
      return { ...(await pads()), signatureSource: signatureSource() };
    },

    setSignatureSource(source: DeviceOverview['signatureSource']) {
      saveSource.run(source);
      deps.events.emit('devices.changed', {});
    },

    /** Polls for pads (node-hid has no hotplug events) and tells open screens when the set changes. */
    watch(intervalMs = 2000): () => void {
      let first = true;
      return watchPads(
        intervalMs,
        () => {
          if (!first) deps.events.emit('devices.changed', {});
          first = false;
        },
        list,
      );
    },
  };
}
