import { Bench } from 'tinybench';

export interface Timing {
  p50: number;
  /** The tail latency and which percentile it is. */
  tail: number;
  tailName: 'p95' | 'p99';
  hz: number;
}

export interface Figure {
  name: string;
  ours: Timing;
  baseline: Timing;
}

/** Runs one task for a fixed time and returns its latency percentiles (ms) and throughput. */
export async function measure(task: () => unknown, time = 1500): Promise<Timing> {
  const bench = new Bench({ time, warmupTime: 200 });
  bench.add('task', task);
  await bench.run();
  const result = bench.tasks[0]?.result;
  if (!result || !('latency' in result)) throw new Error('benchmark produced no result');
  return { p50: result.latency.p50, tail: result.latency.p99, tailName: 'p99', hz: result.throughput.mean };
}
