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

/** The numbers of a day "YYYY-MM-DD"; NaN for a part that is missing, so a date made of them is invalid. */
export function dayParts(text: string): { year: number; month: number; day: number } {
  const [year = NaN, month = NaN, day = NaN] = text.split('-').map(Number);
  return { year, month, day };
}

export function addDays(day: string, days: number): string {
  const { year, month, day: date } = dayParts(day);
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}
