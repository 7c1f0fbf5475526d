import { afterEach } from 'vitest';
import type { Clock } from '../clock';
import type { Connection } from '../rpc/router';
import { createWorkstation, type Ports, type Workstation } from '../workstation';
import { useTempDir } from '../db/test-support';
import type { CallInput, CallName, CallOutput } from '../../preload/contract';

export interface TestDesk {
  workstation: Workstation;
  connection: Connection;
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>>;
  /** A call expected to fail; returns its typed error. */
  fail<K extends CallName>(name: K, input: CallInput<K> | unknown): Promise<{ code: string; issues?: { path: string }[] }>;
}

const silent = { info: () => undefined, error: () => undefined };

/**
 * A real workstation core on a real SQLite file with the demo data, driven through the router as a
 * renderer would drive it. Passwords are hashed at a low cost only to keep the suite fast.
 */
export function useTestDesk() {
  const tempDir = useTempDir('lete-desk-');
  const open: Workstation[] = [];
  afterEach(() => {
    for (const w of open.splice(0)) w.close();
  });

  async function start(options: { dataDir?: string; clock?: Clock; ports?: Partial<Ports> } = {}): Promise<TestDesk & { dataDir: string }> {
    const dataDir = options.dataDir ?? tempDir();
    const workstation = await createWorkstation(
      {
        dataDir,
        host: 'web',
        appVersion: '0.0.0-test',
        demo: true,
        deskId: null,
        passwordCost: 1024,
      },
      { logger: silent, ...options.ports, ...(options.clock ? { clock: options.clock } : {}) },
    );
    open.push(workstation);
    const connection: Connection = { id: 'test', session: null };
    const call = async <K extends CallName>(name: K, input: CallInput<K>) => {
      const result = await workstation.router.dispatch(connection, name, input);
      if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
      return result.data as CallOutput<K>;
    };
    const fail = async (name: CallName, input: unknown) => {
      const result = await workstation.router.dispatch(connection, name, input);
      if (result.ok) throw new Error(`${name} unexpectedly succeeded`);
      return result.error;
    };
    return { workstation, connection, call, fail, dataDir };
  }

  return { start, restart: (dataDir: string, clock?: Clock) => start({ dataDir, ...(clock ? { clock } : {}) }) };
}
