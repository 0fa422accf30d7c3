import type { BusinessDays } from './business-days.ts';
import type { CompiledFilter } from './filters.ts';
import { DayHistogram } from './histogram.ts';
import type { SearchIndex } from './search-index.ts';

export interface PageRequest {
  /** Only entries with a smaller seq go on the page. */
  beforeSeq: number;
  /** Entries with a larger seq are ignored altogether (they arrived after the first page). */
  upToSeq: number;
  /** Page size; Infinity collects every match. */
  limit: number;
}

export interface Evaluation {
  /** Ordinals of the page, newest first. */
  page: number[];
  /** All matches up to `upToSeq`, on every page, not just this one. */
  total: number;
  histogram: Array<{ day: string; count: number }>;
  /** True when older matches remain after the page. */
  hasMore: boolean;
}

/**
 * One pass over every possible match, newest first: counts the total and the per-day histogram of
 * all of them, and keeps the page. Walking everything is what makes the total exact; over typed
 * arrays it costs a few milliseconds even when a filter matches most of a million entries.
 */
export function evaluate(index: SearchIndex, filter: CompiledFilter, days: BusinessDays, page: PageRequest): Evaluation {
  const { columns } = index;
  const hi = Math.min(filter.hi, columns.ordinalOfSeq(page.upToSeq + 1));
  const before = columns.ordinalOfSeq(page.beforeSeq);
  const histogram = new DayHistogram(index.minDay, index.maxDay);
  const out: number[] = [];
  let total = 0;
  let hasMore = false;
  const visit = (o: number): void => {
    if (!filter.test(o)) return;
    total++;
    histogram.add(columns.day[o]!);
    if (o >= before) return;
    if (out.length < page.limit) out.push(o);
    else hasMore = true;
  };
  const { candidates } = filter;
  if (candidates === null) {
    for (let o = hi - 1; o >= filter.lo; o--) visit(o);
  } else {
    for (let i = candidates.length - 1; i >= 0; i--) {
      const o = candidates[i]!;
      if (o >= hi) continue;
      if (o < filter.lo) break;
      visit(o);
    }
  }
  return { page: out, total, histogram: histogram.toDays(days), hasMore };
}
