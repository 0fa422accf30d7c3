import { describe, expect, it } from 'vitest';
import { createFailureLimiter } from '../../../proxy/admin/rate-limit.ts';

const limits = { freeFailures: 2, baseDelayMs: 100, maxDelayMs: 400, blockAfter: 6, windowMs: 60_000 };

describe('createFailureLimiter', () => {
  it('forgives the free failures, then doubles the delay up to the cap', () => {
    const limiter = createFailureLimiter(limits);
    const delays = Array.from({ length: 6 }, (_, i) => limiter.fail('10.0.0.1', 1000 + i).delayMs);
    expect(delays).toEqual([0, 0, 100, 200, 400, 400]);
  });

  it('counts a failure at once, so the next caller past the limit is blocked with the seconds to wait', () => {
    const limiter = createFailureLimiter(limits);
    const verdicts = Array.from({ length: 8 }, () => limiter.fail('10.0.0.1', 5000));
    expect(verdicts.map((v) => v.blockedFor > 0)).toEqual([false, false, false, false, false, false, true, true]);
    expect(verdicts[6]!.blockedFor).toBe(60);
    expect(limiter.fail('10.0.0.2', 5000).blockedFor).toBe(0);
  });

  it('releases an address once its failures age out of the window', () => {
    const limiter = createFailureLimiter(limits);
    for (let i = 0; i < 7; i++) limiter.fail('10.0.0.1', 0);
    expect(limiter.fail('10.0.0.1', 30_000).blockedFor).toBe(30);
    expect(limiter.fail('10.0.0.1', 60_001 + 30_000).blockedFor).toBe(0);
  });

  it('keeps a bounded memory per address however long the guessing goes on', () => {
    const limiter = createFailureLimiter(limits);
    for (let i = 0; i < 5_000; i++) limiter.fail('10.0.0.1', i);
    expect(limiter.tracked('10.0.0.1')).toBeLessThanOrEqual(limits.blockAfter + 1);
  });
});
