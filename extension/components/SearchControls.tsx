import type { Facets } from '../../shared/api.ts';
import type { ParsedQuery } from '../../shared/query/types.ts';
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

/** The search box, what it was understood as, and the filters: the top of both popup and sidebar. */
export function SearchControls({ state, facets, parsed, onChange }: Props) {
  // A warning ("13/45/2026 is not a date") is shown so that a typo in a date is not silently ignored.
  const warnings = parsed?.warnings ?? [];
  return (
    <div class="search-controls">
      <SearchBox value={state.text} onChange={(text) => onChange({ text })} autoFocus />
      <QueryChips chips={parsed?.chips ?? []} onRemove={(chip) => onChange(removeChipFromState(state, chip))} />
      {warnings.map((warning) => (
        <p key={warning} class="warning" role="note" data-testid="query-warning">
          {warning}
        </p>
      ))}
      <FilterBar state={state} facets={facets} onChange={onChange} />
    </div>
  );
}
