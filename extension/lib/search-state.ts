import { removeChip } from '../../shared/query/remove-chip.ts';
import type { Chip } from '../../shared/query/types.ts';
import { addDays, dayIn, startOfDayIso } from './zoned-time.ts';
import type { SearchParams } from '../api/client.ts';

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
  /** Custom range, "YYYY-MM-DD" days in the business zone, both inclusive. */
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

/** The API's filters for the state: days become UTC instants, `to` exclusive (the start of the next day). */
export function toSearchParams(state: SearchState, timeZone: string, now = new Date()): SearchParams {
  const { fromDay, toDay } = dayRange(state, timeZone, now);
  return {
    q: state.text,
    from: fromDay ? startOfDayIso(fromDay, timeZone) : undefined,
    to: toDay ? startOfDayIso(addDays(toDay, 1), timeZone) : undefined,
    staff: state.staff,
    source: state.sources,
  };
}

/** Removing a chip edits the text: the chip came from the text, and the text is what is searched. */
export function removeChipFromState(state: SearchState, chip: Chip): Partial<SearchState> {
  return { text: removeChip(state.text, chip) };
}
