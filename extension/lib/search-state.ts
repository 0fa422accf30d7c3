import { removeChip } from '../../shared/query/remove-chip.ts';
import type { Chip } from '../../shared/query/types.ts';
import { zonedToUtc } from '../../shared/time/zoned-time.ts';
import { addDays, dayIn, dayParts } from './zoned-time.ts';
import type { SearchQuery } from '../../shared/api.ts';

export type DatePreset = 'any' | 'today' | 'yesterday' | 'last7' | 'last30' | 'custom';

export const DATE_PRESETS: readonly { value: DatePreset; label: string }[] = [
  { value: 'any', label: 'Any time' },
  { value: 'today', label: 'Today' },
  { value: 'yesterday', label: 'Yesterday' },
  { value: 'last7', label: 'Last 7 days' },
  { value: 'last30', label: 'Last 30 days' },
  { value: 'custom', label: 'Custom' },
];

/**
 * Everything the admin set up for a search. Kept in storage so the sidebar opens on the popup's search;
 * presets stay presets (not dates) so "today" still means today tomorrow.
 */
export interface SearchState {
  text: string;
  preset: DatePreset;
  /**
   * Custom range in the business zone, both ends inclusive: "YYYY-MM-DD" days, or "YYYY-MM-DDTHH:00"
   * hours when a bar of an hourly histogram was picked.
   */
  fromDay?: string;
  toDay?: string;
  staff: string[];
  sources: string[];
}

export const EMPTY_SEARCH: SearchState = { text: '', preset: 'any', staff: [], sources: [] };

/** Inclusive first and last day of the state's range, or undefined ends for an open range. */
export function dayRange(state: SearchState, timeZone: string, now = new Date()): { fromDay?: string; toDay?: string } {
  const today = dayIn(now, timeZone);
  switch (state.preset) {
    case 'any':
      return {};
    case 'today':
      return { fromDay: today, toDay: today };
    case 'yesterday':
      return { fromDay: addDays(today, -1), toDay: addDays(today, -1) };
    case 'last7':
      return { fromDay: addDays(today, -6), toDay: today };
    case 'last30':
      return { fromDay: addDays(today, -29), toDay: today };
    case 'custom':
      return { fromDay: state.fromDay || undefined, toDay: state.toDay || undefined };
  }
}

const HOUR = /^\d{4}-\d{2}-\d{2}T\d{2}:00$/;

/** The instant an hour "YYYY-MM-DDTHH:00" starts in the zone, `later` hours on. */
function hourStart(value: string, timeZone: string, later = 0): number {
  if (!HOUR.test(value)) throw new Error(`not an hour (YYYY-MM-DDTHH:00): ${value}`);
  return zonedToUtc({ ...dayParts(value.slice(0, 10)), hour: Number(value.slice(11, 13)) + later, minute: 0 }, timeZone).instant.getTime();
}

/**
 * The API's filters for the state. Days are sent as plain days, which the server reads in the business
 * zone (so the first search needs no facets); `timeZone` is only needed to know which day "today" is
 * and for hours, which are sent as instants (`to` inclusive: the hour's last millisecond).
 */
export function toSearchParams(state: SearchState, timeZone: string, now = new Date()): Partial<SearchQuery> {
  const { fromDay, toDay } = dayRange(state, timeZone, now);
  return {
    q: state.text,
    from: fromDay && HOUR.test(fromDay) ? new Date(hourStart(fromDay, timeZone)).toISOString() : fromDay,
    to: toDay && HOUR.test(toDay) ? new Date(hourStart(toDay, timeZone, 1) - 1).toISOString() : toDay,
    staff: state.staff,
    source: state.sources,
  };
}

/** Removing a chip edits the text: the chip came from the text, and the text is what is searched. */
export function removeChipFromState(state: SearchState, chip: Chip): Partial<SearchState> {
  return { text: removeChip(state.text, chip) };
}
