import type { BusinessDays } from './business-days.ts';

/** Counts matches per business day: an array slot per day between the index's first and last day. */
export class DayHistogram {
  private readonly counts: Uint32Array;

  constructor(private readonly firstDay: number, lastDay: number) {
    this.counts = new Uint32Array(lastDay >= firstDay ? lastDay - firstDay + 1 : 0);
  }

  add(day: number): void {
    this.counts[day - this.firstDay]!++;
  }

  /** Days with at least one match, oldest first, as the API reports them. */
  toDays(days: BusinessDays): Array<{ day: string; count: number }> {
    const out: Array<{ day: string; count: number }> = [];
    this.counts.forEach((count, i) => {
      if (count > 0) out.push({ day: days.label(this.firstDay + i), count });
    });
    return out;
  }
}
