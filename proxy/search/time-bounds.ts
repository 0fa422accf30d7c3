import type { BusinessDays } from './business-days.ts';
import { SearchParamError } from './types.ts';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Reads a request's `from` (inclusive) as milliseconds: an ISO instant with its offset, or a
 * YYYY-MM-DD day in the business time zone meaning that day's start.
 */
export function parseFrom(value: string, days: BusinessDays): number {
  const day = days.parse(value);
  if (day !== null) return days.startOf(day);
  return parseInstant('from', value);
}

/**
 * Reads a request's `to` as an exclusive bound in milliseconds: an instant is included (so the
 * bound is the next millisecond), a day is included through its end (so the bound is the next day's start).
 */
export function parseTo(value: string, days: BusinessDays): number {
  const day = days.parse(value);
  if (day !== null) return days.startOf(day + 1);
  return parseInstant('to', value) + 1;
}

function parseInstant(param: string, value: string): number {
  const ms = INSTANT.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new SearchParamError(param, `${param} must be an ISO instant (2015-01-01T17:10:00Z) or a date (2015-01-01), not "${value}"`);
  }
  return ms;
}
