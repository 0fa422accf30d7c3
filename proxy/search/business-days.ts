const DAY_MS = 86_400_000;
/** Every time zone changes its offset on a quarter hour, so within one quarter hour the offset is fixed. */
const QUARTER_HOUR_MS = 900_000;

/**
 * Calendar days in the business time zone, as plain day numbers (days since 1970-01-01 on the local
 * calendar), which is what the histogram counts by and what YYYY-MM-DD filters mean.
 */
export interface BusinessDays {
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
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  // Formatting an instant costs microseconds; a million entries fall in a few tens of thousands of
  // quarter hours, so the offset is worked out once per quarter hour and remembered.
  const offsets = new Map<number, number>();

  // Entries come in time order, so the quarter hour asked last is usually the one asked next.
  let lastBucket = Number.NaN;
  let lastOffset = 0;

  function offsetAt(ms: number): number {
    const bucket = Math.floor(ms / QUARTER_HOUR_MS);
    if (bucket === lastBucket) return lastOffset;
    let offset = offsets.get(bucket);
    if (offset === undefined) {
      const at = bucket * QUARTER_HOUR_MS;
      const parts: Record<string, number> = {};
      for (const part of format.formatToParts(at)) parts[part.type] = Number(part.value);
      const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
      offset = wall - at;
      offsets.set(bucket, offset);
    }
    lastBucket = bucket;
    lastOffset = offset;
    return offset;
  }

  return {
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
