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

/** What a failure earns: a delay before the 401, or seconds of 429 once the address is past the limit. */
export interface FailureVerdict {
  delayMs: number;
  /** Seconds until the address may try again; 0 when it is not blocked. */
  blockedFor: number;
}

export interface FailureLimiter {
  /**
   * Records a failure and judges it in one synchronous step, so that guesses sent in parallel are
   * counted before any of them is answered.
   */
  fail(ip: string, now?: number): FailureVerdict;
  /** Failures remembered for the address (bounded), for tests and metrics. */
  tracked(ip: string): number;
}

const MAX_TRACKED_ADDRESSES = 10_000;

/**
 * Per-IP memory of failed tokens, so guessing costs time and then stops while other addresses are
 * untouched. Only failures are limited: a valid token is never refused because others behind the
 * same address (an office NAT) kept failing.
 */
export function createFailureLimiter(limits: FailureLimits = DEFAULT_FAILURE_LIMITS): FailureLimiter {
  const failures = new Map<string, number[]>();

  function recent(ip: string, now: number): number[] {
    const kept = (failures.get(ip) ?? []).filter((at) => now - at < limits.windowMs);
    if (kept.length) failures.set(ip, kept);
    else failures.delete(ip);
    return kept;
  }

  return {
    fail(ip, now = Date.now()) {
      // Many addresses (an IPv6 range) must not grow the map without bound: forget the stale ones.
      if (failures.size > MAX_TRACKED_ADDRESSES) for (const other of [...failures.keys()]) recent(other, now);
      // Only the newest blockAfter + 1 failures decide anything, so older ones need not be kept.
      const times = [...recent(ip, now), now].slice(-(limits.blockAfter + 1));
      failures.set(ip, times);
      if (times.length > limits.blockAfter) {
        // Blocked until enough failures age out of the window to fall back to the limit.
        const [oldest = now] = times;
        const releaseAt = oldest + limits.windowMs;
        return { delayMs: 0, blockedFor: Math.max(1, Math.ceil((releaseAt - now) / 1000)) };
      }
      const over = times.length - limits.freeFailures;
      return { delayMs: over <= 0 ? 0 : Math.min(limits.maxDelayMs, limits.baseDelayMs * 2 ** (over - 1)), blockedFor: 0 };
    },
    tracked: (ip) => failures.get(ip)?.length ?? 0,
  };
}
