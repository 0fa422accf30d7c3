import type { Facets } from '../../shared/api.ts';
import type { Chip } from '../../shared/query/types.ts';
import type { SearchState } from '../lib/search-state.ts';
import { FilterBar } from './FilterBar.tsx';
import { QueryChips } from './QueryChips.tsx';
import { SearchBox } from './SearchBox.tsx';

interface Props {
  state: SearchState;
  facets: Facets | null;
  chips: readonly Chip[];
  /** What the parser could not use ("13/45/2026 is not a date"), so a typo in a date is not silently ignored. */
  warnings?: readonly string[];
  onChange: (patch: Partial<SearchState>) => void;
  onRemoveChip: (chip: Chip) => void;
}

/** The search box, what it was understood as, and the filters: the top of both popup and sidebar. */
export function SearchControls({ state, facets, chips, warnings = [], onChange, onRemoveChip }: Props) {
  return (
    <div class="search-controls">
      <SearchBox value={state.text} onChange={(text) => onChange({ text })} autoFocus />
      <QueryChips chips={chips} onRemove={onRemoveChip} />
      {warnings.map((warning) => (
        <p key={warning} class="warning" role="note" data-testid="query-warning">
          {warning}
        </p>
      ))}
      <FilterBar state={state} facets={facets} onChange={onChange} />
    </div>
  );
}
