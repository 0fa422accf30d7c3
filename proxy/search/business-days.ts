import { utcOffsetMs } from '../../shared/time/wall-clock.ts';

const DAY_MS = 86_400_000;
/** Every time zone changes its offset on a quarter hour, so within one quarter hour the offset is fixed. */
const QUARTER_HOUR_MS = 900_000;
/** Six hours of quarter hours. */
const QUARTERS_PER_BLOCK = 24;

/**
 * Calendar days in the business time zone, as plain day numbers (days since 1970-01-01 on the local
 * calendar), which is what the histogram counts by and what YYYY-MM-DD filters mean.
 */
export interface BusinessDays {
  /** The IANA zone the days are counted in, e.g. America/Chicago. */
  readonly timeZone: string;
  /** The local day number of an instant. */
  dayOf(ms: number): number;
  /** YYYY-MM-DD of a day number. */
  label(day: number): string;
  /** The instant the local day starts (midnight, or the first minute after a DST gap). */
  startOf(day: number): number;
  /** The day number of a YYYY-MM-DD text, or null when it is not a real date. */
  parse(date: string): number | null;
}

export function createBusinessDays(timezone: string): BusinessDays {
  /** Quarter hour → the zone's offset then, in ms; remembered because formatting costs microseconds. */
  const offsets = new Map<number, number>();

  const measure = (bucket: number) => utcOffsetMs(bucket * QUARTER_HOUR_MS, timezone);

  // Formatting even once per quarter hour took half a second of a million-entry first start. Zones
  // change their offset at most once in a few months, never twice within six hours, so a block whose
  // first and last quarter hours agree has that offset throughout; only a block holding a change is
  // measured quarter by quarter.
  function fillBlock(bucket: number): void {
    const first = bucket - (((bucket % QUARTERS_PER_BLOCK) + QUARTERS_PER_BLOCK) % QUARTERS_PER_BLOCK);
    const last = first + QUARTERS_PER_BLOCK - 1;
    const start = measure(first);
    const uniform = start === measure(last);
    for (let q = first; q <= last; q++) offsets.set(q, uniform ? start : measure(q));
  }

  // Entries come in time order, so the quarter hour asked last is usually the one asked next.
  let lastBucket = Number.NaN;
  let lastOffset = 0;

  function offsetAt(ms: number): number {
    const bucket = Math.floor(ms / QUARTER_HOUR_MS);
    if (bucket === lastBucket) return lastOffset;
    if (!offsets.has(bucket)) fillBlock(bucket);
    lastBucket = bucket;
    // fillBlock has just filled this bucket's block.
    lastOffset = offsets.get(bucket) ?? 0;
    return lastOffset;
  }

  return {
    timeZone: timezone,
    dayOf: (ms) => Math.floor((ms + offsetAt(ms)) / DAY_MS),
    label: (day) => new Date(day * DAY_MS).toISOString().slice(0, 10),
    startOf(day) {
      const wall = day * DAY_MS;
      // The offset at the wall time read as UTC is off by at most one change; a second look settles it.
      let guess = wall - offsetAt(wall);
      guess = wall - offsetAt(guess);
      // In a spring-forward gap at midnight, local midnight does not exist: the day starts at the
      // change, which falls on a quarter hour.
      while (Math.floor((guess + offsetAt(guess)) / DAY_MS) < day) guess += QUARTER_HOUR_MS;
      return guess;
    },
    parse(date) {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
      if (!match) return null;
      const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
      return new Date(ms).toISOString().slice(0, 10) === date ? ms / DAY_MS : null;
    },
  };
}
