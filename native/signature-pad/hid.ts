import { devicesAsync, HIDAsync, type Device } from 'node-hid';
import { SignaturePadError } from './errors';
import { modelByProductId, WACOM_VENDOR_ID } from './models';
import type { PadInputListener, PadTransport } from './transport';

export interface PadInfo {
  /** The OS device path node-hid opens (/dev/hidraw3, \\?\hid#vid_056a…). */
  path: string;
  productId: number;
  /** From the model table; the pad's own name comes with identifyPad(). */
  model: string;
  serialNumber: string | null;
}

/** STU pads connected now, sorted by path so two listings compare as strings. */
export async function listPads(): Promise<PadInfo[]> {
  let devices: Device[];
  try {
    devices = await devicesAsync();
  } catch (cause) {
    throw new SignaturePadError('hid_unavailable', { cause });
  }
  const pads = new Map<string, PadInfo>();
  for (const device of devices) {
    const model = device.vendorId === WACOM_VENDOR_ID ? modelByProductId(device.productId) : null;
    if (!model || !device.path || pads.has(device.path)) continue;
    pads.set(device.path, { path: device.path, productId: device.productId, model: model.name, serialNumber: device.serialNumber || null });
  }
  return [...pads.values()].sort((a, b) => a.path.localeCompare(b.path));
}

export async function openPad(path: string): Promise<PadTransport> {
  let device: HIDAsync;
  try {
    device = await HIDAsync.open(path);
  } catch (cause) {
    throw new SignaturePadError('open_failed', { cause });
  }
  return new HidTransport(device);
}

/** The first pad connected, opened; `no_pad` when there is none. */
export async function connectPad(): Promise<{ info: PadInfo; transport: PadTransport }> {
  const [info] = await listPads();
  if (!info) throw new SignaturePadError('no_pad');
  return { info, transport: await openPad(info.path) };
}

/**
 * Calls `onChange` with the pads connected whenever the set changes, and once with the first listing.
 * node-hid has no hotplug events, so this polls. Returns the function that stops it.
 */
export function watchPads(intervalMs: number, onChange: (pads: PadInfo[]) => void, list: () => Promise<PadInfo[]> = listPads): () => void {
  let known: string | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const poll = async () => {
    try {
      const pads = await list();
      const key = pads.map((p) => p.path).join('\n');
      if (!stopped && key !== known) {
        known = key;
        onChange(pads);
      }
    } catch {
      // A failed listing says nothing about the pads: the next one decides, rather than reporting them gone.
    }
    if (!stopped) {
      timer = setTimeout(() => void poll(), intervalMs);
      // Watching must not keep a quitting app (or a finished test run) alive.
      timer.unref();
    }
  };
  void poll();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/**
 * node-hid's async device as a PadTransport. Failing feature reports mean the pad is gone or wedged:
 * both are `unplugged` to the clerk, who is told to plug it in again.
 */
class HidTransport implements PadTransport {
  private readonly listeners = new Set<PadInputListener>();
  private readonly onData = (data: Buffer) => {
    const bytes = new Uint8Array(data);
    for (const listener of this.listeners) listener.report(bytes);
  };

  constructor(private readonly device: HIDAsync) {
    // Always listened to: an 'error' event nobody listens to would throw and take the main process down.
    device.on('error', (cause: unknown) => {
      const error = new SignaturePadError('unplugged', { cause });
      for (const listener of this.listeners) listener.error(error);
    });
  }

  async getFeature(reportId: number, length: number): Promise<Uint8Array> {
    try {
      return new Uint8Array(await this.device.getFeatureReport(reportId, length));
    } catch (cause) {
      throw new SignaturePadError('unplugged', { cause });
    }
  }

  async sendFeature(bytes: Uint8Array): Promise<void> {
    try {
      await this.device.sendFeatureReport(Buffer.from(bytes));
    } catch (cause) {
      throw new SignaturePadError('unplugged', { cause });
    }
  }

  onInput(listener: PadInputListener): () => void {
    this.listeners.add(listener);
    // node-hid starts its read thread with the first 'data' listener and stops it with the last.
    if (this.listeners.size === 1) this.device.on('data', this.onData);
    return () => {
      if (this.listeners.delete(listener) && this.listeners.size === 0) this.device.off('data', this.onData);
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
    try {
      await this.device.close();
    } catch {
      // Closing a pad that was pulled out fails; it is closed either way.
    }
  }
}
