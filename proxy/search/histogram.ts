/* eslint-disable @typescript-eslint/no-non-null-assertion -- the `!` increments the typed counter of a day inside [firstDay, lastDay], the range the counts were sized for, once per matching entry. */
import type { HistogramBar, HistogramBucket } from '../../shared/api.ts';
import type { BusinessDays } from './business-days.ts';

const HOUR_MS = 3_600_000;
/** About this many bars at most when the bucket is picked for the admin. */
export const MAX_BARS = 120;
/** Hours fit while the matches span at most this many days (5 × 24 = 120 bars). */
const HOUR_SPAN_DAYS = MAX_BARS / 24;
const WEEK_SPAN_DAYS = MAX_BARS * 7;

/** The bucket that shows `spanDays` days (first to last match, inclusive) in at most ~MAX_BARS bars. */
export function pickBucket(spanDays: number): HistogramBucket {
  if (spanDays <= HOUR_SPAN_DAYS) return 'hour';
  if (spanDays <= MAX_BARS) return 'day';
  if (spanDays <= WEEK_SPAN_DAYS) return 'week';
  return 'month';
}

/** Day number of the Monday that starts `day`'s week (day 0, 1970-01-01, was a Thursday). */
const mondayOf = (day: number) => day - ((day + 3) % 7);

/**
 * Counts matches for the histogram in the business time zone: per day always (an array slot per day
 * of the index), per hour while the matches seen so far fit in hour bars (or when hours were asked
 * for), so a search over years costs no map of thousands of hours.
 */
export class Histogram {
  private readonly counts: Uint32Array;
  private hours: Map<number, number> | null = new Map();
  private readonly dayStarts = new Map<number, number>();
  private minSeen = Number.POSITIVE_INFINITY;
  private maxSeen = Number.NEGATIVE_INFINITY;

  /** `wanted`: the bucket the request asked for; undefined picks one by the span of the matches. */
  constructor(
    private readonly days: BusinessDays,
    private readonly firstDay: number,
    lastDay: number,
    private readonly wanted?: HistogramBucket,
  ) {
    this.counts = new Uint32Array(lastDay >= firstDay ? lastDay - firstDay + 1 : 0);
    if (wanted !== undefined && wanted !== 'hour') this.hours = null;
  }

  add(day: number, atMs: number): void {
    this.counts[day - this.firstDay]!++;
    if (day < this.minSeen) this.minSeen = day;
    if (day > this.maxSeen) this.maxSeen = day;
    if (this.hours === null) return;
    if (this.wanted === undefined && this.maxSeen - this.minSeen + 1 > HOUR_SPAN_DAYS) {
      this.hours = null;
      return;
    }
    let start = this.dayStarts.get(day);
    if (start === undefined) this.dayStarts.set(day, (start = this.days.startOf(day)));
    // Hours since the local midnight; a 25-hour day's last hour joins hour 23.
    const key = day * 24 + Math.min(23, Math.floor((atMs - start) / HOUR_MS));
    this.hours.set(key, (this.hours.get(key) ?? 0) + 1);
  }

  /** Bars with at least one match, oldest first, and the bucket they are counted by. */
  result(): { bucket: HistogramBucket; bars: HistogramBar[] } {
    const bucket = this.wanted ?? (this.minSeen > this.maxSeen ? 'day' : pickBucket(this.maxSeen - this.minSeen + 1));
    if (bucket === 'hour') {
      const bars = [...(this.hours ?? [])].sort(([a], [b]) => a - b).map(([key, count]) => ({ day: this.days.label(Math.floor(key / 24)), hour: key % 24, count }));
      return { bucket, bars };
    }
    const grouped = new Map<string, number>();
    this.counts.forEach((count, i) => {
      if (count === 0) return;
      const day = this.firstDay + i;
      const start = bucket === 'day' ? this.days.label(day) : bucket === 'week' ? this.days.label(mondayOf(day)) : `${this.days.label(day).slice(0, 7)}-01`;
      grouped.set(start, (grouped.get(start) ?? 0) + count);
    });
    return { bucket, bars: [...grouped].map(([day, count]) => ({ day, count })) };
  }
}
