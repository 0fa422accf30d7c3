/** How failed authentications from one address are slowed down; see `createFailureLimiter`. */
export interface FailureLimits {
  /** Failures forgiven before any delay (typos happen). Default 3. */
  freeFailures: number;
  /** Delay after the first failure past the free ones; it doubles with each further failure. Default 250 ms. */
  baseDelayMs: number;
  /** Longest delay before the 401 is sent. Default 4000 ms. */
  maxDelayMs: number;
  /** Failures after which the address gets 429 until the window passes. Default 20. */
  blockAfter: number;
  /** A failure is forgotten this long after it happened. Default 15 minutes. */
  windowMs: number;
}

export const DEFAULT_FAILURE_LIMITS: FailureLimits = {
  freeFailures: 3,
  baseDelayMs: 250,
  maxDelayMs: 4000,
  blockAfter: 20,
  windowMs: 15 * 60_000,
};

export interface FailureLimiter {
  /** Seconds the address must wait before trying again, or 0 when it may try now. */
  blockedFor(ip: string, now?: number): number;
  /** Records a failure and returns how long to hold back the 401, in ms. */
  fail(ip: string, now?: number): number;
  /** A success from the address clears its failures: the person found their token. */
  succeed(ip: string): void;
}

const MAX_TRACKED_ADDRESSES = 10_000;

/** Per-IP memory of failures, so guessing tokens costs time and then stops, while other addresses are untouched. */
export function createFailureLimiter(limits: FailureLimits = DEFAULT_FAILURE_LIMITS): FailureLimiter {
  const failures = new Map<string, number[]>();

  function recent(ip: string, now: number): number[] {
    const kept = (failures.get(ip) ?? []).filter((at) => now - at < limits.windowMs);
    if (kept.length) failures.set(ip, kept);
    else failures.delete(ip);
    return kept;
  }

  return {
    blockedFor(ip, now = Date.now()) {
      const times = recent(ip, now);
      if (times.length < limits.blockAfter) return 0;
      // Blocked until enough failures age out of the window to fall below the limit.
      const releaseAt = times[times.length - limits.blockAfter]! + limits.windowMs;
      return Math.max(1, Math.ceil((releaseAt - now) / 1000));
    },
    fail(ip, now = Date.now()) {
      // Many addresses (an IPv6 range) must not grow the map without bound: forget the stale ones.
      if (failures.size > MAX_TRACKED_ADDRESSES) for (const other of [...failures.keys()]) recent(other, now);
      const times = [...recent(ip, now), now];
      failures.set(ip, times);
      const over = times.length - limits.freeFailures;
      return over <= 0 ? 0 : Math.min(limits.maxDelayMs, limits.baseDelayMs * 2 ** (over - 1));
    },
    succeed(ip) {
      failures.delete(ip);
    },
  };
}
