// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { SearchBox } from '../../../../extension/components/SearchBox.tsx';
import { useSearchState } from '../../../../extension/hooks/useSearchState.ts';
import { EMPTY_SEARCH, type SearchState } from '../../../../extension/lib/search-state.ts';
import type { SearchStorage } from '../../../../extension/lib/storage.ts';

afterEach(cleanup);

/** storage.local's search slot in memory, whose first read the test answers by hand (a browser busy opening the view). */
function slowStorage(stored: SearchState) {
  let answer: (value: SearchState) => void = () => {};
  const watchers = new Set<(value: SearchState | undefined) => void>();
  const box = {
    stored,
    saves: [] as SearchState[],
    answerLoad: () => answer(box.stored),
    storage: {
      load: () => new Promise<SearchState>((resolve) => (answer = resolve)),
      save: async (next: SearchState) => {
        box.stored = next;
        box.saves.push(next);
        for (const watcher of watchers) watcher(next);
      },
      watch: (callback: (value: SearchState | undefined) => void) => {
        watchers.add(callback);
        return () => watchers.delete(callback);
      },
    } satisfies SearchStorage,
  };
  return box;
}

function View({ storage }: { storage: SearchStorage }) {
  const { state, ready, update } = useSearchState(storage);
  return (
    <>
      <SearchBox value={state.text} onChange={(text) => update({ text })} />
      <output data-testid="state">{`${ready ? 'ready' : 'reading'}|${state.sources.join(',')}`}</output>
    </>
  );
}

const box = () => screen.getByRole<HTMLInputElement>('searchbox', { name: 'Search the audit log' });
const shown = () => screen.getByTestId('state').textContent;

describe('useSearchState', () => {
  it('keeps what the admin typed before storage answered, laid over the stored filters, and stores the two together', async () => {
    const slow = slowStorage({ ...EMPTY_SEARCH, text: 'old query', sources: ['Office Portal'] });
    render(<View storage={slow.storage} />);
    fireEvent.input(box(), { target: { value: 'updated Liam' } });
    expect(box().value).toBe('updated Liam');
    expect(slow.saves).toEqual([]);

    slow.answerLoad();
    await expect.poll(() => shown()).toBe('ready|Office Portal');
    expect(box().value).toBe('updated Liam');
    expect(slow.stored).toEqual({ ...EMPTY_SEARCH, text: 'updated Liam', sources: ['Office Portal'] });
  });

  it('opens on the stored search when nothing was typed, without writing it back', async () => {
    const slow = slowStorage({ ...EMPTY_SEARCH, text: 'deleted Smith' });
    render(<View storage={slow.storage} />);
    slow.answerLoad();
    await expect.poll(() => shown()).toBe('ready|');
    expect(box().value).toBe('deleted Smith');
    expect(slow.saves).toEqual([]);

    fireEvent.input(box(), { target: { value: 'deleted Smithe' } });
    expect(box().value).toBe('deleted Smithe');
    expect(slow.stored.text).toBe('deleted Smithe');
  });
});
