import type { Clock } from '../clock';

/**
 * Failed sign-ins per user name within a sliding window. After `limit` failures the name is locked
 * until the oldest failure leaves the window, which slows guessing without locking a clerk out for long.
 */
export function createAttemptLimiter(clock: Clock, limit = 5, windowMs = 5 * 60_000) {
  const failures = new Map<string, number[]>();
  const recent = (name: string) => {
    const since = clock.now().getTime() - windowMs;
    const kept = (failures.get(name) ?? []).filter((t) => t > since);
    if (kept.length) failures.set(name, kept);
    else failures.delete(name);
    return kept;
  };
  return {
    /** Seconds until another attempt is allowed, or 0. */
    retryAfter(username: string): number {
      const kept = recent(username.toLowerCase());
      if (kept.length < limit) return 0;
      const oldest = kept[0] ?? clock.now().getTime();
      return Math.max(1, Math.ceil((oldest + windowMs - clock.now().getTime()) / 1000));
    },
    fail(username: string) {
      const name = username.toLowerCase();
      failures.set(name, [...recent(name), clock.now().getTime()]);
    },
    succeed(username: string) {
      failures.delete(username.toLowerCase());
    },
  };
}
