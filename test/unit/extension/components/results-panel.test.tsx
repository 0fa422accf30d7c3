// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ResultsPanel, TABLE_MIN_WIDTH } from '../../../../extension/components/ResultsPanel.tsx';
import { SearchBox } from '../../../../extension/components/SearchBox.tsx';
import type { Entry } from '../../../../shared/entry.ts';
import { FACETS, makeEntries, makeEntry } from '../../../helpers/extension-fixtures.ts';

/** The page's width, as the side panel (360 px) or a wide sidebar tab gives it; matchMedia follows it. */
function resize(width: number) {
  // eslint-disable-next-line @typescript-eslint/no-floating-promises -- a synchronous act has flushed before it returns; its promise carries nothing
  act(() => {
    (window as unknown as { happyDOM: { setInnerWidth(w: number): void } }).happyDOM.setInnerWidth(width);
  });
}

function Panel({ entries, busy = false, layout }: { entries: Entry[]; busy?: boolean; layout?: 'auto' | 'cards' }) {
  return (
    <>
      <SearchBox value="" onChange={() => {}} />
      <ResultsPanel entries={entries} facets={FACETS} busy={busy} layout={layout} reportCopy={async () => {}} downloadCsv={async () => {}} />
    </>
  );
}

const denied = () =>
  makeEntry({
    action: 'Failed to update family #3: phone',
    outcome: 'failure',
    status: 403,
    records: [{ type: 'family', id: '3', name: null, op: 'update', link: '/families/3', changes: [{ field: 'phone', before: null, after: '000' }] }],
  });

describe('results as cards below 600 px, the table from 600 px', () => {
  beforeEach(() => resize(360));
  afterEach(cleanup);

  it('shows a card per result in a 360 px panel: when and who, the action with values, then source, IP and the records button', () => {
    const entry = makeEntry({
      at: '2026-01-15T23:10:00.000Z',
      action: 'Updated student Sam Smith: level, pin',
    });
    render(<Panel entries={[entry]} />);
    expect(screen.queryByTestId('results-table')).toBeNull();
    const card = screen.getByTestId('result-item');
    const [first, second, third] = [...card.querySelectorAll('.card-line')].map((line) => line.textContent);
    expect(first).toBe('01/15/2026 5:10:00 PMAda Admin@admin');
    expect(second).toBe('Updated student Sam Smith: level 3 → 4, pin changed (hidden)');
    expect(third).toContain('Office Portal · 10.0.0.7');
    expect(within(card).getByRole('button', { name: 'Show affected records' })).toBeTruthy();
  });

  it('switches to the full table at 600 px and back, as the panel is resized', () => {
    render(<Panel entries={makeEntries(2)} />);
    expect(screen.getAllByTestId('result-item')).toHaveLength(2);
    resize(TABLE_MIN_WIDTH);
    expect(screen.getAllByTestId('result-row')).toHaveLength(2);
    resize(TABLE_MIN_WIDTH - 1);
    expect(screen.queryByTestId('results-table')).toBeNull();
  });

  it('marks a denied change with its status, in cards and in the table, and says "before unknown", never "(empty)"', () => {
    render(<Panel entries={[denied()]} />);
    const card = screen.getByTestId('result-item');
    expect(within(card).getByTestId('outcome-badge').textContent).toBe('403 denied');
    expect(card.textContent).toContain('phone before unknown → 000');
    expect(card.textContent).not.toContain('(empty)');
    resize(1280);
    const row = screen.getByTestId('result-row');
    expect(within(row).getByTestId('outcome-badge').textContent).toBe('403 denied');
    fireEvent.click(within(row).getByRole('button', { name: 'Show affected records' }));
    const change = screen.getByTestId('field-change');
    expect(change.querySelector('.before')!.textContent).toBe('before unknown');
    expect(screen.getByTestId('drilldown').querySelector('h2')!.textContent).toContain('403 denied');
  });

  it('dims the results shown and marks them busy while a new search runs', () => {
    const { rerender } = render(<Panel entries={makeEntries(2)} busy />);
    expect(screen.getByTestId('results-scroller').getAttribute('aria-busy')).toBe('true');
    expect(screen.getByTestId('results-scroller').classList.contains('busy')).toBe(true);
    rerender(<Panel entries={makeEntries(2)} />);
    expect(screen.getByTestId('results-scroller').getAttribute('aria-busy')).toBe('false');
  });
});

describe('keyboard', () => {
  afterEach(cleanup);

  it.each([360, 1280])('at %i px: ArrowDown from the box enters the results, Up/Down move, Space ticks, Enter drills down, Escape goes back', (width) => {
    resize(width);
    const entries = makeEntries(3);
    render(<Panel entries={entries} />);
    const rows = () => screen.getAllByTestId(width < TABLE_MIN_WIDTH ? 'result-item' : 'result-row');
    const box = screen.getByRole('searchbox');
    box.focus();
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(rows()[0]);
    fireEvent.keyDown(rows()[0]!, { key: 'ArrowDown' });
    fireEvent.keyDown(rows()[1]!, { key: 'ArrowDown' });
    fireEvent.keyDown(rows()[2]!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(rows()[1]);
    fireEvent.keyDown(rows()[1]!, { key: ' ' });
    expect(screen.getByTestId('selection-count').textContent).toBe('1 selected');
    expect(within(rows()[1]!).getByRole<HTMLInputElement>('checkbox').checked).toBe(true);
    fireEvent.keyDown(rows()[1]!, { key: 'Enter' });
    expect(screen.getByTestId('drilldown').textContent).toContain('Action 2');
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(document.activeElement).toBe(rows()[1]);
  });

  it.each([360, 1280])('at %i px: each result is one tab stop (its checkbox and records button are reached by keys)', (width) => {
    resize(width);
    render(<Panel entries={makeEntries(3)} />);
    const results = screen.getAllByTestId(width < TABLE_MIN_WIDTH ? 'result-item' : 'result-row');
    for (const result of results) {
      const stops = [result, ...result.querySelectorAll<HTMLElement>('button, input, a, [tabindex]')].filter((el) => el.tabIndex >= 0);
      expect(stops).toEqual([result]);
    }
  });
});

describe('drilldown of deleted records', () => {
  beforeEach(() => resize(1280));
  afterEach(cleanup);

  it('says "deleted" with no link to the portal for a record the entry deleted, or that was deleted since', async () => {
    const deletion = makeEntry({
      action: 'Deleted student Olivia Smith',
      verb: 'delete',
      records: [{ type: 'student', id: '102', name: 'Olivia Smith', op: 'delete', link: '/students/102', changes: [] }],
    });
    const earlier = makeEntry({ records: [{ ...deletion.records[0]!, op: 'update', changes: [{ field: 'level', before: '1', after: '2' }] }] });
    const alive = makeEntry();
    const asked: string[] = [];
    render(
      <ResultsPanel
        entries={[deletion, earlier, alive]}
        facets={FACETS}
        reportCopy={async () => {}}
        recordDeleted={async (type, id) => {
          asked.push(`${type}/${id}`);
          return id === '102';
        }}
      />,
    );
    const open = (i: number) => fireEvent.click(within(screen.getAllByTestId('result-row')[i]!).getByRole('button', { name: 'Show affected records' }));
    const back = () => fireEvent.click(screen.getByRole('button', { name: '← Back to results' }));

    open(0);
    expect(screen.getByTestId('record-deleted').textContent).toBe('deleted');
    expect(screen.queryByRole('link', { name: /in the portal/ })).toBeNull();
    back();
    open(1);
    await waitFor(() => expect(screen.getByTestId('record-deleted')).toBeTruthy());
    expect(screen.queryByRole('link', { name: /in the portal/ })).toBeNull();
    back();
    open(2);
    await waitFor(() => expect(asked).toContain('student/42'));
    expect(screen.queryByTestId('record-deleted')).toBeNull();
    expect(screen.getByRole('link', { name: 'Open student Sam Smith in the portal' })).toBeTruthy();
  });
});

describe('Download CSV', () => {
  beforeEach(() => resize(1280));
  afterEach(cleanup);

  it("shows the download's progress and stops it on Cancel", async () => {
    let seen: AbortSignal | null = null;
    let report: (text: string) => void = () => {};
    render(
      <ResultsPanel
        entries={makeEntries(2)}
        facets={FACETS}
        reportCopy={async () => {}}
        downloadCsv={(onProgress, signal) => {
          seen = signal;
          report = onProgress;
          return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('USER_CANCELED'))));
        }}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    await act(() => report('Downloading… 12.5 MB received (37,000 matches)'));
    expect(screen.getByTestId('selection-message').textContent).toBe('Downloading… 12.5 MB received (37,000 matches)');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel download' }));
    expect(seen!.aborted).toBe(true);
    await waitFor(() => expect(screen.getByTestId('selection-message').textContent).toBe('Download cancelled.'));
    expect(screen.getByRole('button', { name: 'Download CSV' })).toBeTruthy();
  });

  it('is not offered when the token may not export', () => {
    render(<ResultsPanel entries={makeEntries(1)} facets={FACETS} reportCopy={async () => {}} />);
    expect(screen.getByRole('button', { name: 'Copy' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Download CSV' })).toBeNull();
  });
});
