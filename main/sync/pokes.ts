/**
 * Listens to the platform's server-sent pokes and calls `onPoke` for each; a poke only says "pull
 * now". Reconnects with capped backoff and calls `onPoke` after every reconnect too, since pokes sent
 * while it was away are lost.
 */
export function listenForPokes(options: { url: string; token: () => string | null; onPoke: () => void; retryMs?: number }) {
  let stopped = false;
  let controller: AbortController | null = null;
  let failures = 0;

  /** Resolves false when nobody is signed in yet, which is waiting, not failing. */
  async function connect(): Promise<boolean> {
    const token = options.token();
    if (!token) return false;
    controller = new AbortController();
    const response = await fetch(`${options.url.replace(/\/$/u, '')}/events?token=${encodeURIComponent(token)}`, { signal: controller.signal });
    if (!response.ok || !response.body) throw new Error(`events answered ${response.status}`);
    failures = 0;
    options.onPoke();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return true;
      buffer += value;
      const messages = buffer.split('\n\n');
      buffer = messages.pop() ?? '';
      if (messages.some((m) => m.split('\n').includes('event: poke'))) options.onPoke();
    }
  }

  async function loop() {
    while (!stopped) {
      let waiting = false;
      try {
        waiting = !(await connect());
      } catch {
        failures += 1;
      }
      if (stopped) return;
      const base = options.retryMs ?? 1_000;
      await new Promise((r) => setTimeout(r, waiting ? base : Math.min(30_000, base * 2 ** Math.min(failures, 5))));
    }
  }
  void loop();
  return {
    stop() {
      stopped = true;
      controller?.abort();
    },
  };
}
