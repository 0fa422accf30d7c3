// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { QueryChips } from '../../../../extension/components/QueryChips.tsx';
import { SearchBox } from '../../../../extension/components/SearchBox.tsx';
import { EMPTY_SEARCH, removeChipFromState, type SearchState } from '../../../../extension/lib/search-state.ts';
import { parseQuery } from '../../../../shared/query/parse.ts';

const OPTIONS = { timezone: 'America/Chicago', dateOrder: 'MDY' as const, usernames: ['admin', 'jdoe'] };

/** The popup's wiring in miniature: the chips come from the text (as the API's `parsed` does). */
function Harness({ initial }: { initial: string }) {
  const [state, setState] = useState<SearchState>({ ...EMPTY_SEARCH, text: initial });
  const chips = parseQuery(state.text, OPTIONS).chips;
  return (
    <>
      <SearchBox value={state.text} onChange={(text) => setState({ ...state, text })} />
      <QueryChips chips={chips} onRemove={(chip) => setState({ ...state, ...removeChipFromState(state, chip) })} />
    </>
  );
}

const input = () => screen.getByLabelText<HTMLInputElement>('Search the audit log');

describe('query chips', () => {
  afterEach(cleanup);

  it('shows one chip per understood piece of the seed phrase', () => {
    render(<Harness initial="01/01/2015 5:10 pm admin deleted Smith" />);
    const labels = screen.getAllByTestId('query-chip').map((chip) => chip.querySelector('span')!.textContent);
    expect(labels).toEqual(['date 01/01/2015', '5:10 pm', 'staff admin', 'deleted', 'Smith']);
  });

  it('removing a chip edits the query text, and the chip goes away', () => {
    render(<Harness initial="01/01/2015 5:10 pm admin deleted Smith" />);
    fireEvent.click(screen.getByRole('button', { name: 'Remove staff admin' }));
    expect(input().value).toBe('01/01/2015 5:10 pm deleted Smith');
    expect(screen.queryByRole('button', { name: 'Remove staff admin' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Remove 5:10 pm' }));
    expect(input().value).toBe('01/01/2015 deleted Smith');
  });

  it('removes the occurrence the chip came from when a word repeats', () => {
    render(<Harness initial="smith -smith" />);
    fireEvent.click(screen.getByRole('button', { name: 'Remove -smith' }));
    expect(input().value).toBe('smith');
    cleanup();
    render(<Harness initial="smith -smith" />);
    fireEvent.click(screen.getByRole('button', { name: 'Remove smith' }));
    expect(input().value).toBe('-smith');
  });

  it('shows nothing for an empty query', () => {
    render(<Harness initial="" />);
    expect(screen.queryByRole('list', { name: 'Understood as' })).toBeNull();
  });
});
