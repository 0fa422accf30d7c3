import { wallClock } from '../../shared/time/wall-clock.ts';

/**
 * Calendar days in the business time zone (facets.timezone), not the browser's: an admin abroad must
 * see the same "today" as the office.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** "YYYY-MM-DD" of the instant's calendar day in the zone. */
export function dayIn(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}
