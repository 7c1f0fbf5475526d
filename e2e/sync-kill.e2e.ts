import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../main/db/connection';
import { createPlatform, type Platform } from '../platform/server';
import { connectDesk } from '../platform/test-support/platform';
import { startFaultProxy, type FaultProxy, type ProxiedRequest, type ProxiedResponse, type ProxyHooks, type Verdict } from './fault-proxy';
import { createsApplied, disagreements, platformConsultations, platformMutations } from './sync-check';

const root = new URL('..', import.meta.url).pathname;

type Message = { event: string } & Record<string, unknown>;

/**
 * `e2e/desk-process.ts` as a child process: a real desk core on its own data folder, killed with
 * SIGKILL from outside. Its stdout lines are kept in order; `take` waits for the next ones of a kind.
 */
class DeskProcess {
  private readonly messages: Message[] = [];
  private readonly taken = new Set<Message>();
  private readonly waiters = new Set<() => void>();
  private stderr = '';
  private exitCode: number | null | undefined = undefined;
  readonly exited: Promise<void>;

  private constructor(private readonly child: ChildProcess) {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) this.messages.push(JSON.parse(line) as Message);
      this.wake();
    });
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) =>
      child.once('exit', (code) => {
        this.exitCode = code;
        this.wake();
        resolve();
      }),
    );
  }

  static async start(dataDir: string, platformUrl: string): Promise<{ desk: DeskProcess; clientId: string }> {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'e2e/desk-process.ts'), dataDir, platformUrl], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const desk = new DeskProcess(child);
    const [ready] = await desk.take('ready');
    return { desk, clientId: String(ready?.clientId) };
  }

  private wake() {
    for (const w of [...this.waiters]) w();
  }

  /** The next `count` messages of this kind not taken yet, in order. */
  take(event: string, count = 1, ms = 60_000): Promise<Message[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`no ${count}× ${event} from the desk in time\n${this.stderr}`)), ms);
      const check = () => {
        const error = this.messages.find((m) => m.event === 'error');
        if (error) return done(new Error(`the desk failed: ${String(error.message)}\n${this.stderr}`));
        const found = this.messages.filter((m) => m.event === event && !this.taken.has(m)).slice(0, count);
        if (found.length === count) {
          for (const m of found) this.taken.add(m);
          return done(null, found);
        }
        if (this.exitCode !== undefined) done(new Error(`the desk exited (${this.exitCode}) before ${count}× ${event}\n${this.stderr}`));
      };
      const done = (error: Error | null, found: Message[] = []) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        if (error) reject(error);
        else resolve(found);
      };
      this.waiters.add(check);
      check();
    });
  }

  send(command: Record<string, unknown>) {
    this.child.stdin?.write(`${JSON.stringify(command)}\n`);
  }

  /** kill -9: no handler runs, no buffer is flushed, the database is left as the kernel found it. */
  async kill() {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** A clean stop: the desk closes its database and exits 0. */
  async exit() {
    this.send({ cmd: 'exit' });
    await this.exited;
    if (this.exitCode !== 0) throw new Error(`the desk exited with ${this.exitCode}\n${this.stderr}`);
  }
}

/** A request or answer a hook holds at the proxy until the test releases it. */
interface Held {
  request: ProxiedRequest;
  response: ProxiedResponse | null;
  release(verdict: Verdict): void;
}

const acknowledged = (response: ProxiedResponse) =>
  (JSON.parse(response.body.toString()) as { data?: { pull?: { acks?: { lastMutationId: number }[] } } }).data?.pull?.acks?.[0]?.lastMutationId ?? 0;

/**
 * SIGKILL of a desk at chosen points of a sync exchange, with no test hooks in the desk: the desk runs
 * as its own process and the moment is chosen from its output (after a local commit) or at a fault
 * proxy between it and the platform (a request sent, the platform's answer produced, a pull answer
 * carrying the acknowledgement). After each, the desk restarts on the same folder and syncs; every
 * mutation must then be applied exactly once and the desk must hold exactly what the platform holds.
 */
describe('a desk killed with SIGKILL mid-sync', () => {
  let platform: Platform;
  let proxy: FaultProxy;
  const hooks: ProxyHooks = {};
  const dirs: string[] = [];
  const running: DeskProcess[] = [];

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lete-kill-platform-'));
    dirs.push(dir);
    platform = await createPlatform({ dataDir: dir, demo: true, passwordMemoryCost: 1024, tokenSecret: 'e2e' });
    proxy = await startFaultProxy({ host: '127.0.0.1', port: Number(new URL(platform.url).port) }, { hooks });
  });
  afterEach(async () => {
    delete hooks.onRequest;
    delete hooks.onResponse;
    proxy.set('pass');
    for (const d of running.splice(0)) await d.kill();
  });
  afterAll(async () => {
    await proxy?.close();
    await platform?.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  async function start(dataDir: string) {
    const started = await DeskProcess.start(dataDir, proxy.url);
    running.push(started.desk);
    return started;
  }

  /**
   * A desk on a fresh folder, signed in, with its first download done. `base` is how many changes it
   * had already sent: the worktime day the clerk's sign-in at the desk opened.
   */
  async function freshDesk() {
    const dataDir = mkdtempSync(join(tmpdir(), 'lete-kill-desk-'));
    dirs.push(dataDir);
    const { desk, clientId } = await start(dataDir);
    desk.send({ cmd: 'sync' });
    await desk.take('synced');
    const base = (await platformMutations(platform, clientId)).length;
    return { dataDir, desk, clientId, base };
  }

  async function register(desk: DeskProcess, count: number): Promise<string[]> {
    desk.send({ cmd: 'register', count });
    return (await desk.take('registered', count)).map((m) => String(m.id));
  }

  /** Holds the first request `match` picks (the hook stands down after it). */
  function holdRequest(match: (request: ProxiedRequest) => boolean): Promise<Held> {
    return new Promise((resolve) => {
      hooks.onRequest = (request) => {
        if (!match(request)) return 'forward';
        delete hooks.onRequest;
        return new Promise<Verdict>((release) => resolve({ request, response: null, release }));
      };
    });
  }

  /** Holds the first answer from the platform `match` picks. */
  function holdResponse(match: (request: ProxiedRequest, response: ProxiedResponse) => boolean): Promise<Held> {
    return new Promise((resolve) => {
      hooks.onResponse = (request, response) => {
        if (!match(request, response)) return 'forward';
        delete hooks.onResponse;
        return new Promise<Verdict>((release) => resolve({ request, response, release }));
      };
    });
  }

  /** What the desk's database holds while no desk runs on it. */
  function inspect<T>(dataDir: string, read: (db: ReturnType<typeof openDatabase>) => T): T {
    const db = openDatabase(join(dataDir, 'lete.sqlite'));
    try {
      return read(db);
    } finally {
      db.close();
    }
  }
  const outboxOf = (dataDir: string) =>
    inspect(dataDir, (db) => db.prepare<[], { mutation_id: number; applied: number }>(`SELECT mutation_id, applied FROM outbox ORDER BY mutation_id`).all());

  /**
   * Restarts the desk on the same folder, registers two more (numbering must go on, never reuse),
   * syncs to the end, stops it cleanly, and checks the platform and the desk against each other.
   */
  async function restartAndCheck(dataDir: string, clientId: string, before: string[], expectStatuses?: string[]) {
    const { desk, clientId: again } = await start(dataDir);
    expect(again).toBe(clientId);
    const after = await register(desk, 2);
    desk.send({ cmd: 'sync' });
    await desk.take('synced');
    await desk.exit();
    running.splice(running.indexOf(desk), 1);

    const ids = [...before, ...after];
    // Each mutation number once on the platform, none missing, none extra; each consultation created once.
    const recorded = await platformMutations(platform, clientId);
    const lastIssued = inspect(dataDir, (db) => Number((db.prepare(`SELECT value FROM settings WHERE key = 'last_mutation_id'`).get() as { value: string }).value));
    expect(recorded.map((m) => m.mutationId)).toEqual(Array.from({ length: lastIssued }, (_, i) => i + 1));
    expect(recorded.map((m) => m.status)).toEqual(expectStatuses ?? recorded.map(() => 'APPLIED'));
    expect([...(await createsApplied(platform, ids)).values()]).toEqual(ids.map(() => 1));
    const held = await platformConsultations(platform, 'klerks');
    for (const id of ids) expect(held.has(id)).toBe(true);
    // And the desk holds exactly what the platform holds for the clerk, with nothing left pending.
    expect(inspect(dataDir, (db) => disagreements(db, held))).toEqual([]);
    return { recorded, ids };
  }

  it('after the local commit: the change was saved, nothing had gone out', async () => {
    const { dataDir, desk, clientId, base } = await freshDesk();
    proxy.set('refuse');
    const saved = await register(desk, 3);
    await desk.kill();
    expect(outboxOf(dataDir)).toEqual([1, 2, 3].map((n) => ({ mutation_id: base + n, applied: 0 })));
    expect(await platformMutations(platform, clientId)).toHaveLength(base);
    proxy.set('pass');
    await restartAndCheck(dataDir, clientId, saved);
  });

  it('after sending: the request left the desk and was lost with it', async () => {
    const { dataDir, desk, clientId, base } = await freshDesk();
    const held = holdRequest((r) => r.operation === 'Push');
    const saved = await register(desk, 3);
    const { release } = await held;
    await desk.kill();
    release('drop');
    expect(await platformMutations(platform, clientId)).toHaveLength(base);
    await restartAndCheck(dataDir, clientId, saved);
  });

  it('after sending: the request reached the platform only after the desk had died', async () => {
    const { dataDir, desk, clientId } = await freshDesk();
    const held = holdRequest((r) => r.operation === 'Push');
    const saved = await register(desk, 3);
    const { request, release } = await held;
    await desk.kill();
    release('forward');
    expect((await request.answered)?.status).toBe(200);
    // The platform applied it; the desk, dead, still has it as unsent.
    expect((await platformMutations(platform, clientId)).map((m) => m.status)).toContain('APPLIED');
    expect(outboxOf(dataDir).every((m) => m.applied === 0)).toBe(true);
    await restartAndCheck(dataDir, clientId, saved);
  });

  it('after the platform committed: its answer was produced and never delivered', async () => {
    const { dataDir, desk, clientId } = await freshDesk();
    const held = holdResponse((r) => r.operation === 'Push');
    const saved = await register(desk, 3);
    const { response, release } = await held;
    await desk.kill();
    release('drop');
    expect(response?.body.toString()).toMatch(/"status":"APPLIED"/u);
    const applied = await platformMutations(platform, clientId);
    expect(applied.length).toBeGreaterThan(0);
    expect(outboxOf(dataDir).every((m) => m.applied === 0)).toBe(true);
    await restartAndCheck(dataDir, clientId, saved);
  });

  it('before the acknowledgement is stored: the pull carrying it never reached the desk', async () => {
    const { dataDir, desk, clientId } = await freshDesk();
    const held = holdResponse((r, res) => r.operation === 'Pull' && acknowledged(res) > 0);
    const saved = await register(desk, 3);
    const { release } = await held;
    await desk.kill();
    release('drop');
    // The desk knew its change applied (marked, kept for the overlay) but had not stored the acknowledgement.
    expect(outboxOf(dataDir).some((m) => m.applied === 1)).toBe(true);
    await restartAndCheck(dataDir, clientId, saved);
  });

  it('while the acknowledgement is stored: the pull carrying it was handed to the desk and the desk killed at once', async () => {
    const { dataDir, desk, clientId } = await freshDesk();
    let killed: Promise<void> | null = null;
    const delivered = new Promise<void>((resolve) => {
      hooks.onResponse = (request, response) => {
        if (request.operation !== 'Pull' || acknowledged(response) === 0) return 'forward';
        delete hooks.onResponse;
        // The answer's bytes are in the desk's socket: kill it before or while it applies them.
        void request.delivered.then(() => {
          killed = desk.kill();
          resolve();
        });
        return 'forward';
      };
    });
    const saved = await register(desk, 3);
    await delivered;
    await killed;
    await restartAndCheck(dataDir, clientId, saved);
  });

  it('after the platform recorded a conflict: the answer was lost, and the conflict still reaches the clerk', async () => {
    const { dataDir, desk, clientId, base } = await freshDesk();
    const [id] = await register(desk, 1);
    desk.send({ cmd: 'sync' });
    await desk.take('synced');
    const [row] = await platform.sql.query<{ version: string }>(`SELECT version FROM sync_rows WHERE entity = 'consultation' AND id = $1`, [id]);

    // The clerk corrects the note; while her change is on its way, a colleague corrects the same note.
    const request = holdRequest((r) => r.operation === 'Push');
    desk.send({ cmd: 'edit', id, changes: { note: 'Lete' } });
    await desk.take('edited');
    const sent = await request;
    const [{ username }] = (await platform.sql.query<{ username: string }>(`SELECT username FROM users WHERE id = 'user-desk-riga-centrs-2'`)) as [{ username: string }];
    const colleague = await connectDesk(platform, username);
    expect((await colleague.push('consultation.update', { id, changes: { note: 'Kolēģe' } }, { note: Number(row?.version) })).status).toBe('APPLIED');
    const answer = holdResponse((r) => r.seq === sent.request.seq);
    sent.release('forward');
    const { response, release } = await answer;
    expect(response?.body.toString()).toMatch(/"status":"CONFLICT"/u);
    await desk.kill();
    release('drop');

    const before = Array.from({ length: base }, () => 'APPLIED');
    const { recorded } = await restartAndCheck(dataDir, clientId, [id!], [...before, 'APPLIED', 'CONFLICT', 'APPLIED', 'APPLIED']);
    // The clerk's note was not lost silently: the desk holds the conflict, with the platform's value.
    const failures = inspect(dataDir, (db) => db.prepare(`SELECT mutation_id, kind, fields FROM sync_failures`).all());
    expect(failures).toEqual([{ mutation_id: recorded[base + 1]?.mutationId, kind: 'conflict', fields: '["note"]' }]);
    const held = await platformConsultations(platform, 'klerks');
    expect(held.get(id!)?.data.note).toBe('Kolēģe');
  });
});
