import type { Facets } from '../../shared/api.ts';
import { MultiSelectFilter } from './MultiSelectFilter.tsx';

interface Props {
  sources: Facets['sources'];
  selected: readonly string[];
  onChange: (sources: string[]) => void;
}

/** Portal faces to narrow to (Office Portal, Customer Portal, Audit Log …). */
export function SourceFilter({ sources, selected, onChange }: Props) {
  return <MultiSelectFilter name="Source" options={sources.map((s) => ({ value: s.name, label: s.name, count: s.count }))} selected={selected} onChange={onChange} />;
}
