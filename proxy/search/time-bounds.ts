import { parseInstant } from '../../shared/time/instant.ts';
import type { BusinessDays } from './business-days.ts';
import { SearchParamError } from './types.ts';

/**
 * Reads a request's `from` (inclusive) as milliseconds: an ISO instant (without an offset, a wall time
 * in the business zone; see parseInstant), or a YYYY-MM-DD day in the business time zone meaning that day's start.
 */
export function parseFrom(value: string, days: BusinessDays): number {
  const day = days.parse(value);
  if (day !== null) return days.startOf(day);
  return instant('from', value, days);
}

/**
 * Reads a request's `to` as an exclusive bound in milliseconds: an instant is included (so the
 * bound is the next millisecond), a day is included through its end (so the bound is the next day's start).
 */
export function parseTo(value: string, days: BusinessDays): number {
  const day = days.parse(value);
  if (day !== null) return days.startOf(day + 1);
  return instant('to', value, days) + 1;
}

function instant(param: string, value: string, days: BusinessDays): number {
  const ms = parseInstant(value, days.timeZone);
  if (ms === null) {
    throw new SearchParamError(param, `${param} must be an ISO instant (2015-01-01T17:10:00Z) or a date (2015-01-01), not "${value}"`);
  }
  return ms;
}
