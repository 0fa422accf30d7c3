// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ResultsPanel } from '../../../../extension/components/ResultsPanel.tsx';
import type { Entry } from '../../../../shared/entry.ts';
import { FACETS, makeEntries, makeEntry } from '../../../helpers/extension-fixtures.ts';

function Panel({ entries }: { entries: Entry[] }) {
  return <ResultsPanel entries={entries} facets={FACETS} reportCopy={async () => {}} downloadCsv={async () => {}} />;
}

const scroller = () => screen.getByTestId('results-scroller');

describe('drilldown in place', () => {
  afterEach(cleanup);

  it('opens the records an action changed, with before → after, and redacted values as redacted', () => {
    render(<Panel entries={[makeEntry()]} />);
    fireEvent.click(screen.getByRole('button', { name: 'Show affected records' }));

    expect(screen.queryByTestId('results-table')).toBeNull();
    const record = screen.getByTestId('affected-record');
    expect(within(record).getByRole('heading', { level: 3 }).textContent).toContain('student Sam Smith');
    const [level, pin] = within(record).getAllByTestId('field-change');
    expect(within(level!).getByRole('rowheader').textContent).toBe('level');
    expect(level!.querySelector('.before')!.textContent).toBe('3');
    expect(level!.querySelector('.after')!.textContent).toBe('4');
    expect(level!.textContent).toContain('→');
    expect(pin!.querySelector('.before')!.textContent).toBe('redacted');
    expect(pin!.querySelector('.after')!.textContent).toBe('redacted');
    expect(pin!.textContent).not.toContain('[redacted]');
  });

  it('links each record to its page in the portal the entry came through, in a new tab', () => {
    const entry = makeEntry({ source: 'Customer Portal' });
    render(<Panel entries={[entry]} />);
    fireEvent.click(screen.getByRole('button', { name: 'Show affected records' }));
    const link = screen.getByRole<HTMLAnchorElement>('link', { name: 'Open student Sam Smith in the portal' });
    expect(link.getAttribute('href')).toBe('http://127.0.0.1:8082/students/42');
    expect(link.getAttribute('target')).toBe('_blank');
  });

  it('shows created and cleared fields as empty rather than "null"', () => {
    const entry = makeEntry({
      records: [{ type: 'student', id: '7', name: 'New Kid', op: 'create', link: null, changes: [{ field: 'name', before: null, after: 'New Kid' }] }],
    });
    render(<Panel entries={[entry]} />);
    fireEvent.click(screen.getByRole('button', { name: 'Show affected records' }));
    const change = screen.getByTestId('field-change');
    expect(change.querySelector('.before')!.textContent).toBe('—');
    expect(change.querySelector('.after')!.textContent).toBe('New Kid');
    expect(screen.queryByRole('link', { name: /in the portal/ })).toBeNull();
  });

  it('Back returns to the list at the same scroll position, with focus on the row it came from', () => {
    const entries = makeEntries(40);
    render(<Panel entries={entries} />);
    scroller().scrollTop = 640;
    const row = screen.getAllByTestId('result-row')[20]!;
    fireEvent.click(within(row).getByRole('button', { name: 'Show affected records' }));
    expect(scroller().scrollTop).toBe(0);
    expect(document.activeElement?.textContent).toContain('Back to results');

    fireEvent.click(screen.getByRole('button', { name: '← Back to results' }));
    expect(screen.getByTestId('results-table')).toBeTruthy();
    expect(scroller().scrollTop).toBe(640);
    expect(document.activeElement?.getAttribute('data-entry-id')).toBe(entries[20]!.id);
  });

  it('Enter on a row drills down and Escape goes back', () => {
    render(<Panel entries={makeEntries(3)} />);
    const row = screen.getAllByTestId('result-row')[1]!;
    row.focus();
    fireEvent.keyDown(row, { key: 'Enter' });
    expect(screen.getByTestId('drilldown').textContent).toContain('Action 2');
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.queryByTestId('drilldown')).toBeNull();
    expect(screen.getAllByTestId('result-row')).toHaveLength(3);
  });
});
