/**
 * A desk core in a process of its own, for tests that kill it with SIGKILL at a chosen moment:
 *
 *   node --import tsx e2e/desk-process.ts <dataDir> <platformUrl> [username]
 *
 * It opens the workstation on the data folder (demo directory, as a fresh desk has), signs the clerk
 * in through the router as the desk's screens do, and then takes commands on stdin, one JSON object a
 * line, answering each step on stdout, one JSON object a line:
 * - `{"cmd":"register","count":3}` → one `{"event":"registered","id","mutationId"}` per consultation,
 *   printed after its transaction committed;
 * - `{"cmd":"edit","id","changes"}` → `{"event":"edited","id","mutationId"}`;
 * - `{"cmd":"sync"}` → `{"event":"synced"}` once the link is online and the outbox is empty;
 * - `{"cmd":"exit"}` closes the database and exits 0.
 * It knows nothing of the tests: the moment to kill it is chosen from its output or from the proxy.
 */
import { createInterface } from 'node:readline';
import type { CallInput, CallName, CallOutput } from '../preload/contract';
import type { Connection } from '../main/rpc/router';
import { createWorkstation } from '../main/workstation';

const [dataDir, platformUrl, username = 'klerks'] = process.argv.slice(2);
if (!dataDir || !platformUrl) throw new Error('usage: desk-process.ts <dataDir> <platformUrl> [username]');

const say = (message: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(message)}\n`);
const logger = {
  info: () => undefined,
  error: (event: string, detail?: unknown) => process.stderr.write(`${event} ${JSON.stringify(detail ?? null)}\n`),
};

const w = await createWorkstation(
  { dataDir, host: 'web', appVersion: 'e2e', demo: true, deskId: null, passwordCost: 1024, platformUrl },
  { logger },
);
const connection: Connection = { id: 'desk-process', session: null };
async function call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
  const r = await w.router.dispatch(connection, name, input);
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
  return r.data as CallOutput<K>;
}
const lastMutationId = () => Number((w.db.prepare(`SELECT value FROM settings WHERE key = 'last_mutation_id'`).get() as { value: string } | undefined)?.value ?? 0);
const outbox = () => (w.db.prepare(`SELECT count(*) AS n FROM outbox`).get() as { n: number }).n;

await call('session.signIn', { username, password: 'demo' });
say({ event: 'ready', clientId: w.sync?.clientId });

type Command =
  | { cmd: 'register'; count: number }
  | { cmd: 'edit'; id: string; changes: CallInput<'consultations.update'>['changes'] }
  | { cmd: 'sync' }
  | { cmd: 'exit' };

async function run(command: Command): Promise<void> {
  switch (command.cmd) {
    case 'register':
      for (let n = 0; n < command.count; n++) {
        const saved = await call('consultations.register', { serviceCode: 'P.02', channel: 'phone', client: { kind: 'anonymous' }, outcome: 'informed', note: `Procesā ${n}` });
        say({ event: 'registered', id: saved.id, mutationId: lastMutationId() });
      }
      return;
    case 'edit':
      await call('consultations.update', { id: command.id, changes: command.changes });
      say({ event: 'edited', id: command.id, mutationId: lastMutationId() });
      return;
    case 'sync': {
      // The platform sign-in runs behind the local one; keep cycling until it has and all went out.
      const deadline = Date.now() + 60_000;
      for (;;) {
        await w.sync?.syncNow();
        if (w.sync?.state() === 'online' && outbox() === 0) break;
        if (Date.now() > deadline) throw new Error(`sync did not finish: ${w.sync?.state()}, ${outbox()} in the outbox`);
        await new Promise((r) => setTimeout(r, 50));
      }
      say({ event: 'synced' });
      return;
    }
    case 'exit':
      w.close();
      process.exit(0);
  }
}

let queue = Promise.resolve();
createInterface({ input: process.stdin }).on('line', (line) => {
  if (!line.trim()) return;
  queue = queue
    .then(() => run(JSON.parse(line) as Command))
    .catch((error: unknown) => {
      say({ event: 'error', message: error instanceof Error ? error.message : String(error) });
      process.exitCode = 1;
    });
});
