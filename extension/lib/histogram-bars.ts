import type { HistogramBar, HistogramBucket } from '../../shared/api.ts';
import { formatDay } from '../../shared/format/date-time.ts';
import { addDays, dayParts } from './zoned-time.ts';

/** A bar of the chart, empty buckets included, with the range of the search it narrows to. */
export interface ChartBar {
  /** "YYYY-MM-DD", or "YYYY-MM-DDTHH:00" for hours: the first moment of the bucket in the business zone. */
  start: string;
  count: number;
  /** The custom date range (SearchState.fromDay/toDay, both inclusive) that picking the bar sets. */
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const hourKey = (day: string, hour: number) => `${day}T${pad(hour)}:00`;

function nextMonth(day: string): string {
  const { year, month } = dayParts(day);
  return month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`;
}

function startOf(bar: HistogramBar, bucket: HistogramBucket): string {
  return bucket === 'hour' ? hourKey(bar.day, bar.hour ?? 0) : bar.day;
}

function next(start: string, bucket: HistogramBucket): string {
  if (bucket === 'hour') {
    const hour = Number(start.slice(11, 13));
    return hour === 23 ? hourKey(addDays(start.slice(0, 10), 1), 0) : hourKey(start.slice(0, 10), hour + 1);
  }
  if (bucket === 'day') return addDays(start, 1);
  if (bucket === 'week') return addDays(start, 7);
  return nextMonth(start);
}

function rangeOf(start: string, bucket: HistogramBucket): { from: string; to: string } {
  if (bucket === 'week') return { from: start, to: addDays(start, 6) };
  if (bucket === 'month') return { from: start, to: addDays(nextMonth(start), -1) };
  return { from: start, to: start };
}

/** The API leaves out empty buckets; the chart shows them as gaps so time reads evenly left to right. */
export function chartBars(bars: readonly HistogramBar[], bucket: HistogramBucket): ChartBar[] {
  const [first] = bars;
  const final = bars.at(-1);
  if (!first || !final) return [];
  const counts = new Map(bars.map((b) => [startOf(b, bucket), b.count]));
  const last = startOf(final, bucket);
  const out: ChartBar[] = [];
  // Bounded: the API keeps automatic buckets to about 120; an asked-for bucket is capped here.
  for (let start = startOf(first, bucket); start <= last && out.length < 5000; start = next(start, bucket)) {
    out.push({ start, count: counts.get(start) ?? 0, ...rangeOf(start, bucket) });
  }
  return out;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** What a bar covers, in words: "12/01/2026 07:00", "12/01/2026", "week of 11/30/2026", "Dec 2026". */
export function barLabel(start: string, bucket: HistogramBucket, dateOrder: 'MDY' | 'DMY'): string {
  const day = formatDay(start.slice(0, 10), dateOrder);
  if (bucket === 'hour') return `${day} ${start.slice(11, 16)}`;
  if (bucket === 'week') return `week of ${day}`;
  if (bucket === 'month') return `${MONTHS[Number(start.slice(5, 7)) - 1]} ${start.slice(0, 4)}`;
  return day;
}
