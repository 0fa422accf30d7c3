// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { SearchBox } from '../../../../extension/components/SearchBox.tsx';
import { useSearchState } from '../../../../extension/hooks/useSearchState.ts';
import { EMPTY_SEARCH, type SearchState } from '../../../../extension/lib/search-state.ts';
import type { SearchStorage } from '../../../../extension/lib/storage.ts';

afterEach(cleanup);

/** What chrome.storage gives back: Chromium keeps a stored object's keys in sorted order, not in the order written. */
const asChromiumReturnsIt = (value: SearchState) => Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1))) as SearchState;

/**
 * storage.local's search slot in memory, whose first read the test answers by hand (a browser busy opening the view).
 * With `lateEchoes`, the change event of each write waits for `deliverEchoes` (a busy browser tells the view of its own
 * writes after the admin has typed on).
 */
function slowStorage(stored: SearchState, { lateEchoes = false } = {}) {
  let answer: (value: SearchState) => void = () => {};
  const watchers = new Set<(value: SearchState | undefined) => void>();
  const pending: SearchState[] = [];
  const box = {
    stored,
    saves: [] as SearchState[],
    // As loadSearch reads it: the empty search's keys first, the stored values over them.
    answerLoad: () => answer({ ...EMPTY_SEARCH, ...asChromiumReturnsIt(box.stored) }),
    deliverEchoes: (count = pending.length) => {
      for (const value of pending.splice(0, count)) for (const watcher of watchers) watcher(asChromiumReturnsIt(value));
    },
    storage: {
      load: () => new Promise<SearchState>((resolve) => (answer = resolve)),
      save: async (next: SearchState) => {
        box.stored = next;
        box.saves.push(next);
        pending.push(next);
        if (!lateEchoes) box.deliverEchoes();
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

  it('a change event for its own earlier write, come after newer keystrokes, does not take the box back', async () => {
    const slow = slowStorage(EMPTY_SEARCH, { lateEchoes: true });
    render(<View storage={slow.storage} />);
    slow.answerLoad();
    await expect.poll(() => shown()).toBe('ready|');
    for (const text of ['L', 'Li', 'Lia', 'Liam']) fireEvent.input(box(), { target: { value: text } });
    // The events for "L" and "Li" arrive now; "Lia" and "Liam" are still on their way.
    slow.deliverEchoes(2);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(box().value).toBe('Liam');
    slow.deliverEchoes();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(box().value).toBe('Liam');
    expect(slow.stored.text).toBe('Liam');
  });

  it("another view's edit still shows up", async () => {
    const slow = slowStorage(EMPTY_SEARCH);
    render(<View storage={slow.storage} />);
    slow.answerLoad();
    await expect.poll(() => shown()).toBe('ready|');
    fireEvent.input(box(), { target: { value: 'Liam' } });
    // The popup, open beside the sidebar, writes its own search.
    await slow.storage.save({ ...EMPTY_SEARCH, text: 'deleted Smith', sources: ['Office Portal'] });
    await expect.poll(() => box().value).toBe('deleted Smith');
    expect(shown()).toBe('ready|Office Portal');
  });
});
