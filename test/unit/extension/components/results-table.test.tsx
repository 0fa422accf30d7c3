// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ResultsTable } from '../../../../extension/components/ResultsTable.tsx';
import { useSelection } from '../../../../extension/hooks/useSelection.ts';
import type { Entry } from '../../../../shared/entry.ts';
import { makeEntries, makeEntry } from '../../../helpers/extension-fixtures.ts';

function Table({
  entries,
  timezone = 'America/Chicago',
  dateOrder = 'MDY' as const,
  onOpen = () => {},
}: {
  entries: Entry[];
  timezone?: string;
  dateOrder?: 'MDY' | 'DMY';
  onOpen?: (e: Entry) => void;
}) {
  const selection = useSelection(entries.map((e) => e.id));
  return <ResultsTable entries={entries} timezone={timezone} dateOrder={dateOrder} selection={selection} onOpen={onOpen} />;
}

const cellsOf = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((cell) => cell.textContent);

describe('results table', () => {
  afterEach(cleanup);

  it('has the Audit Log columns, in order', () => {
    render(<Table entries={[makeEntry()]} />);
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers.slice(1)).toEqual(['Date and Time', 'Member Name', 'Username', 'Source', 'IP Address', 'Action', 'Affected Records']);
    expect(within(screen.getAllByRole('columnheader')[0]!).getByRole('checkbox', { name: 'Select all matches on the page' })).toBeTruthy();
  });

  it('shows each entry in its row with the time in the business time zone', () => {
    // 23:10 UTC is 5:10 pm in Chicago (CST, UTC-6) the same day.
    render(<Table entries={[makeEntry({ at: '2026-01-15T23:10:00.000Z' })]} />);
    const [row] = screen.getAllByTestId('result-row');
    expect(cellsOf(row!).slice(1, 7)).toEqual(['01/15/2026 5:10:00 PM', 'Ada Admin', 'admin', 'Office Portal', '10.0.0.7', 'Updated student']);
    expect(cellsOf(row!)[7]).toContain('student Sam Smith');
    expect(within(row!).getByRole('button', { name: 'Show affected records' })).toBeTruthy();
  });

  it('moves the calendar day with the zone, across midnight and in DMY order', () => {
    // 03:30 UTC on the 16th is still the 15th in Chicago, and already the 16th in Sydney.
    const entry = makeEntry({ at: '2026-01-16T03:30:00.000Z' });
    render(<Table entries={[entry]} />);
    expect(cellsOf(screen.getByTestId('result-row'))[1]).toBe('01/15/2026 9:30:00 PM');
    cleanup();
    render(<Table entries={[entry]} timezone="Australia/Sydney" dateOrder="DMY" />);
    expect(cellsOf(screen.getByTestId('result-row'))[1]).toBe('16/01/2026 14:30:00');
  });

  it('leaves the username blank for a member without one and has no book for an action without records', () => {
    render(<Table entries={[makeEntry({ username: null, records: [] })]} />);
    const row = screen.getByTestId('result-row');
    expect(cellsOf(row)[3]).toBe('');
    expect(within(row).queryByRole('button', { name: 'Show affected records' })).toBeNull();
  });

  it('walks the rows with the arrow keys and opens the focused one with Enter', () => {
    const entries = makeEntries(3);
    const opened: string[] = [];
    render(<Table entries={entries} onOpen={(e) => opened.push(e.id)} />);
    const rows = screen.getAllByTestId('result-row');
    rows[0]!.focus();
    fireEvent.keyDown(rows[0]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(rows[1]);
    fireEvent.keyDown(rows[1]!, { key: 'ArrowDown' });
    fireEvent.keyDown(rows[2]!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(rows[1]);
    fireEvent.keyDown(rows[1]!, { key: 'Enter' });
    expect(opened).toEqual([entries[1]!.id]);
  });
});
