/* eslint-disable @typescript-eslint/no-non-null-assertion -- every `!` indexes a typed column or candidate list at an ordinal below the index's size, in the loop that walks every match of a search. */
import type { BusinessDays } from './business-days.ts';
import type { CompiledFilter } from './filters.ts';
import type { HistogramBar, HistogramBucket } from '../../shared/api.ts';
import { Histogram } from './histogram.ts';
import type { SearchIndex } from './search-index.ts';
import { lowerBound } from './columns.ts';

export interface PageRequest {
  /** Only entries with a smaller seq go on the page. */
  beforeSeq: number;
  /** Entries with a larger seq are ignored altogether (they arrived after the first page). */
  upToSeq: number;
  /** Page size; Infinity collects every match. */
  limit: number;
  /** The histogram's bucket; undefined picks one by the span of the matches. */
  bucket?: HistogramBucket;
}

export interface Evaluation {
  /** Ordinals of the page, newest first. */
  page: number[];
  /** All matches up to `upToSeq`, on every page, not just this one. */
  total: number;
  histogram: HistogramBar[];
  bucket: HistogramBucket;
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
  const histogram = new Histogram(days, index.minDay, index.maxDay, page.bucket);
  const { candidates, lo, fromMs, toMs, excluded } = filter;
  const { atMs, day } = columns;
  const checkColumns = filter.checks.map((c) => c.column);
  const checkAllowed = filter.checks.map((c) => c.allowed);
  const checkCount = checkColumns.length;
  const out: number[] = [];
  let total = 0;
  let hasMore = false;
  // Candidates are walked by position when there is a list, else ordinals are walked directly.
  let i = candidates === null ? hi - 1 : lowerBound(candidates, candidates.length, hi) - 1;
  for (; i >= 0; i--) {
    const o = candidates === null ? i : candidates[i]!;
    if (o < lo) break;
    const at = atMs[o]!;
    if (at < fromMs || at >= toMs) continue;
    let c = 0;
    while (c < checkCount && checkAllowed[c]![checkColumns[c]![o]!] === 1) c++;
    if (c < checkCount || (excluded !== null && excluded[o] === 1)) continue;
    total++;
    histogram.add(day[o]!, at);
    if (o >= before) continue;
    if (out.length < page.limit) out.push(o);
    else hasMore = true;
  }
  const { bucket, bars } = histogram.result();
  return { page: out, total, histogram: bars, bucket, hasMore };
}
