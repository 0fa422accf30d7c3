// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { FilterBar } from '../../../../extension/components/FilterBar.tsx';
import { EMPTY_SEARCH, type SearchState } from '../../../../extension/lib/search-state.ts';
import { FACETS } from '../../../helpers/extension-fixtures.ts';

function Harness({ seen }: { seen: SearchState[] }) {
  const [state, setState] = useState<SearchState>(EMPTY_SEARCH);
  return (
    <FilterBar
      state={state}
      facets={FACETS}
      onChange={(patch) => {
        const next = { ...state, ...patch };
        seen.push(next);
        setState(next);
      }}
    />
  );
}

describe('filters', () => {
  afterEach(cleanup);

  it('picks sources and staff by name; the staff finder forgives a typo', () => {
    const seen: SearchState[] = [];
    render(<Harness seen={seen} />);
    fireEvent.click(within(screen.getByRole('group', { name: 'Source' })).getByRole('checkbox', { name: 'Office Portal' }));
    expect(seen.at(-1)!.sources).toEqual(['Office Portal']);
    expect(screen.getByTestId('filter-source').querySelector('summary')!.textContent).toBe('Source (1)');

    fireEvent.input(screen.getByRole('searchbox', { name: 'Find staff' }), { target: { value: 'admn' } });
    const staff = within(screen.getByRole('group', { name: 'Staff' })).getAllByRole('checkbox');
    expect(staff.map((box) => box.getAttribute('aria-label'))).toEqual(['Ada Admin (admin)']);
    fireEvent.click(staff[0]!);
    expect(seen.at(-1)!.staff).toEqual(['admin']);
  });

  it('offers the date presets and a custom range', () => {
    const seen: SearchState[] = [];
    render(<Harness seen={seen} />);
    const select = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Date range' });
    expect([...select.options].map((o) => o.textContent)).toEqual(['Any time', 'Today', 'Yesterday', 'Last 7 days', 'Last 30 days', 'Custom']);
    fireEvent.change(select, { target: { value: 'custom' } });
    fireEvent.change(screen.getByLabelText('From day'), { target: { value: '2026-01-01' } });
    expect(seen.at(-1)).toMatchObject({ preset: 'custom', fromDay: '2026-01-01' });
  });
});
