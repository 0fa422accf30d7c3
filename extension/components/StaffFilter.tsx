import Fuse from 'fuse.js';
import { useMemo } from 'preact/hooks';
import type { Facets } from '../../shared/api.ts';
import { MultiSelectFilter, type FilterOption } from './MultiSelectFilter.tsx';

interface Props {
  staff: Facets['staff'];
  selected: readonly string[];
  onChange: (usernames: string[]) => void;
}

/** Staff users to narrow to; finding one in a long list forgives typos (Fuse.js over name and username). */
export function StaffFilter({ staff, selected, onChange }: Props) {
  const options = useMemo<FilterOption[]>(
    () => staff.map((s) => ({ value: s.username, label: s.member && s.member !== s.username ? `${s.member} (${s.username})` : s.username, count: s.count })),
    [staff],
  );
  const fuse = useMemo(() => new Fuse(options, { keys: ['label', 'value'], threshold: 0.4, ignoreLocation: true }), [options]);
  return <MultiSelectFilter name="Staff" options={options} selected={selected} onChange={onChange} narrow={(_all, text) => fuse.search(text).map((hit) => hit.item)} />;
}
