import type { Facets } from '../../shared/api.ts';
import type { SearchState } from '../lib/search-state.ts';
import { DateRangeFilter } from './DateRangeFilter.tsx';
import { SourceFilter } from './SourceFilter.tsx';
import { StaffFilter } from './StaffFilter.tsx';

interface Props {
  state: SearchState;
  facets: Facets | null;
  onChange: (patch: Partial<SearchState>) => void;
}

/** The filters that combine with the text: date range, staff users, sources. */
export function FilterBar({ state, facets, onChange }: Props) {
  return (
    <div class="filter-bar">
      <DateRangeFilter preset={state.preset} fromDay={state.fromDay} toDay={state.toDay} onChange={onChange} />
      <StaffFilter staff={facets?.staff ?? []} selected={state.staff} onChange={(staff) => onChange({ staff })} />
      <SourceFilter sources={facets?.sources ?? []} selected={state.sources} onChange={(sources) => onChange({ sources })} />
    </div>
  );
}
