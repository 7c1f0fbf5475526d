import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { CallInput, CallName, CallOutput } from '../preload/contract';
import type { Connection } from '../main/rpc/router';
import { createWorkstation, type Workstation } from '../main/workstation';
import { createPlatform, type Platform } from '../platform/server';

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

/**
 * For a describe block: a demo platform on a temporary folder, and `open`, where the tests put what
 * they start (desks, proxies); all of it is closed in reverse order, and the folders removed, after the block.
 */
export function useDemoPlatform(prefix: string) {
  const dirs: string[] = [];
  const open: { close(): unknown }[] = [];
  let platform: Platform | null = null;
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(d);
    return d;
  };
  beforeAll(async () => {
    platform = await createPlatform({ dataDir: tempDir(), port: 0, demo: true, passwordMemoryCost: 1024, tokenSecret: 'e2e' });
    open.push(platform);
  });
  afterAll(async () => {
    for (const o of open.splice(0).reverse()) await o.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return {
    get platform(): Platform {
      if (!platform) throw new Error('the platform starts in beforeAll');
      return platform;
    },
    tempDir,
    open,
  };
}
