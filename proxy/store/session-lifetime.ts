/** The whole millisecond (as a bigint column keeps it) `seconds` after `at`. */
export const secondsAfter = (at: number, seconds: number): number => Math.floor(at + seconds * 1000);

/**
 * When a session learned at `at` (ms since the epoch) stops naming its user, `expiresAt`: after `hours` (the login's
 * sessionHours), or its own `seconds` when shorter (a cookie's Max-Age or Expires, a token's expires_in); and `endsAt`,
 * the latest a renewal may take it to.
 */
export function sessionLifetime(at: number, hours: number, seconds?: number): { expiresAt: number; endsAt: number } {
  const endsAt = secondsAfter(at, hours * 3600);
  return { expiresAt: seconds === undefined ? endsAt : Math.min(endsAt, secondsAfter(at, seconds)), endsAt };
}
