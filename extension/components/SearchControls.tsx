import type { Facets } from '../../shared/api.ts';
import type { ParsedQuery } from '../../shared/query/types.ts';
import { formatDay } from '../../shared/format/date-time.ts';
import { removeChipFromState, type SearchState } from '../lib/search-state.ts';
import { FilterBar } from './FilterBar.tsx';
import { QueryChips } from './QueryChips.tsx';
import { SearchBox } from './SearchBox.tsx';

interface Props {
  state: SearchState;
  facets: Facets | null;
  /** What the server understood the text as: its chips, and the warnings about what it could not use. */
  parsed: Pick<ParsedQuery, 'chips' | 'warnings'> | null;
  onChange: (patch: Partial<SearchState>) => void;
}

/** "12/01/2026" or "12/01/2026 07:00" for a custom range's end. */
function rangeEnd(value: string, dateOrder: 'MDY' | 'DMY'): string {
  return `${formatDay(value.slice(0, 10), dateOrder)}${value.length > 10 ? ` ${value.slice(11)}` : ''}`;
}

/** A custom range (picked on the chart or typed) as a chip that clears it. */
function RangeChip({ state, dateOrder, onChange }: { state: SearchState; dateOrder: 'MDY' | 'DMY'; onChange: Props['onChange'] }) {
  if (state.preset !== 'custom' || (!state.fromDay && !state.toDay)) return null;
  const from = state.fromDay ? rangeEnd(state.fromDay, dateOrder) : '…';
  const to = state.toDay ? rangeEnd(state.toDay, dateOrder) : '…';
  const label = from === to ? from : `${from} – ${to}`;
  return (
    <ul class="chips" aria-label="Date range">
      <li class="chip chip-date" data-testid="range-chip">
        <span>{label}</span>
        <button type="button" aria-label={`Clear the date range ${label}`} title="Clear the date range" onClick={() => onChange({ preset: 'any', fromDay: undefined, toDay: undefined })}>
          ×
        </button>
      </li>
    </ul>
  );
}

/** The search box, what it was understood as, and the filters: the top of both popup and sidebar. */
export function SearchControls({ state, facets, parsed, onChange }: Props) {
  // A warning ("13/45/2026 is not a date") is shown so that a typo in a date is not silently ignored.
  const warnings = parsed?.warnings ?? [];
  return (
    <div class="search-controls">
      <SearchBox value={state.text} onChange={(text) => onChange({ text })} autoFocus />
      <QueryChips chips={parsed?.chips ?? []} onRemove={(chip) => onChange(removeChipFromState(state, chip))} />
      <RangeChip state={state} dateOrder={facets?.dateOrder ?? 'MDY'} onChange={onChange} />
      {warnings.map((warning) => (
        <p key={warning} class="warning" role="note" data-testid="query-warning">
          {warning}
        </p>
      ))}
      <FilterBar state={state} facets={facets} onChange={onChange} />
    </div>
  );
}
