import type { CallInput, CallName, CallOutput } from '../preload/contract';
import type { Connection } from '../main/rpc/router';
import { createWorkstation, type Workstation } from '../main/workstation';

const silent = { info: () => undefined, error: () => undefined };

export interface NodeDesk {
  w: Workstation;
  /** A call that must succeed; its error is thrown as JSON. */
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>>;
  /** A call's whole answer, for the ones expected to fail. */
  result<K extends CallName>(name: K, input: CallInput<K>): ReturnType<Workstation['router']['dispatch']>;
}

/** A desk core in this process on its own data folder, syncing with `platformUrl`, driven as its renderer would. */
export async function nodeDesk(options: { dataDir: string; platformUrl: string; deskId?: string | null }): Promise<NodeDesk> {
  const w = await createWorkstation(
    { dataDir: options.dataDir, host: 'web', appVersion: 'e2e', demo: true, deskId: options.deskId ?? null, passwordCost: 1024, platformUrl: options.platformUrl },
    { logger: silent },
  );
  const connection: Connection = { id: 'e2e', session: null };
  const result = <K extends CallName>(name: K, input: CallInput<K>) => w.router.dispatch(connection, name, input);
  const call = async <K extends CallName>(name: K, input: CallInput<K>) => {
    const r = await result(name, input);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.data as CallOutput<K>;
  };
  return { w, call, result };
}
