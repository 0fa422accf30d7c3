import { randomFillSync } from 'node:crypto';
import { monotonicFactory } from 'ulid';

/**
 * ULIDs from crypto randomness drawn 16 KiB at a time: ulid's default PRNG asks the kernel once per
 * character, which was most of the time of writing a million seeded entries, and the largest cost of
 * our own code on a recorded request (its request id) in bench:proxy's profile.
 */
export function createIdFactory(): (time: number) => string {
  const pool = new Uint8Array(16 * 1024);
  let next = pool.length;
  return monotonicFactory(() => {
    if (next === pool.length) {
      randomFillSync(pool);
      next = 0;
    }
    // next < pool.length (refilled just above), so the fallback is never taken.
    return (pool[next++] ?? 0) / 256;
  });
}
