// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ResultsPanel } from '../../../../extension/components/ResultsPanel.tsx';
import type { Entry } from '../../../../shared/entry.ts';
import { FACETS, makeEntries } from '../../../helpers/extension-fixtures.ts';

function renderPanel(entries: Entry[], reported: (readonly Entry[])[] = []) {
  render(
    <ResultsPanel
      entries={entries}
      facets={FACETS}
      reportCopy={async (copied) => {
        reported.push(copied);
      }}
      downloadCsv={async () => {}}
    />,
  );
}

const rows = () => screen.getAllByTestId('result-row');
const box = (i: number) => within(rows()[i]!).getByRole<HTMLInputElement>('checkbox');
const checked = () => rows().map((_, i) => box(i).checked);
const count = () => screen.getByTestId('selection-count').textContent;

async function clipboardFlavours(): Promise<Record<string, string>> {
  const [item] = await navigator.clipboard.read();
  const out: Record<string, string> = {};
  for (const type of item!.types) out[type] = await (await item!.getType(type)).text();
  return out;
}

describe('selection and copy', () => {
  afterEach(cleanup);

  it('checks rows one by one, and shift-click checks the range from the last click', () => {
    renderPanel(makeEntries(6));
    fireEvent.click(box(1));
    expect(checked()).toEqual([false, true, false, false, false, false]);
    fireEvent.click(box(4), { shiftKey: true });
    expect(checked()).toEqual([false, true, true, true, true, false]);
    expect(count()).toBe('4 selected');
    // The range takes the new state of the row shift-clicked: unchecking 3 with shift clears 3..5.
    fireEvent.click(box(5));
    fireEvent.click(box(3), { shiftKey: true });
    expect(checked()).toEqual([false, true, true, false, false, false]);
    // Without shift, a click only touches its own row.
    fireEvent.click(box(0));
    expect(checked()).toEqual([true, true, true, false, false, false]);
  });

  it('select all checks every match on the page, and again clears them', () => {
    renderPanel(makeEntries(5));
    const all = screen.getByRole<HTMLInputElement>('checkbox', { name: 'Select all matches on the page' });
    fireEvent.click(all);
    expect(checked()).toEqual([true, true, true, true, true]);
    expect(all.checked).toBe(true);
    fireEvent.click(all);
    expect(checked()).toEqual([false, false, false, false, false]);
    expect(count()).toBe('None selected');
  });

  it('Copy puts TSV with a header row and an HTML table on the clipboard, and reports the copy', async () => {
    const entries = makeEntries(4);
    const reported: (readonly Entry[])[] = [];
    renderPanel(entries, reported);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Copy' }).disabled).toBe(true);
    fireEvent.click(box(0));
    fireEvent.click(box(2), { shiftKey: true });
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(screen.getByTestId('selection-message').textContent).toBe('Copied 3 entries.'));

    const { 'text/plain': tsv, 'text/html': html } = await clipboardFlavours();
    const lines = tsv!.trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]!.split('\t').slice(0, 7)).toEqual(['Date and Time (America/Chicago)', 'Member Name', 'Username', 'Source', 'IP Address', 'Action', 'Affected Records']);
    const first = lines[1]!.split('\t');
    expect(first.slice(0, 6)).toEqual(['2026-01-15 17:10:00', 'Member 1', 'admin', 'Office Portal', '10.0.0.7', 'Action 1']);
    expect(first[6]).toContain('level 3 → 4');
    expect(lines.map((l) => l.split('\t')[1])).toEqual(['Member Name', 'Member 1', 'Member 2', 'Member 3']);

    const table = new DOMParser().parseFromString(html!, 'text/html');
    expect([...table.querySelectorAll('th')].slice(0, 2).map((th) => th.textContent)).toEqual(['Date and Time (America/Chicago)', 'Member Name']);
    expect([...table.querySelectorAll('tbody tr')].map((tr) => tr.querySelectorAll('td')[1]!.textContent)).toEqual(['Member 1', 'Member 2', 'Member 3']);

    expect(reported.map((copied) => copied.map((e) => e.id))).toEqual([[entries[0]!.id, entries[1]!.id, entries[2]!.id]]);
  });

  it('escapes HTML in cells so a member name cannot inject markup into the pasted table', async () => {
    const [entry] = makeEntries(1);
    renderPanel([{ ...entry!, member: '<b>Bobby</b> & Co' }]);
    fireEvent.click(box(0));
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(screen.getByTestId('selection-message').textContent).toBe('Copied 1 entry.'));
    const { 'text/html': html } = await clipboardFlavours();
    expect(html).toContain('&lt;b&gt;Bobby&lt;/b&gt; &amp; Co');
  });

  it('keeps the copy but says so when the server does not record it', async () => {
    render(
      <ResultsPanel
        entries={makeEntries(2)}
        facets={FACETS}
        reportCopy={async () => {
          throw new Error('Server unreachable at http://127.0.0.1:7070 — is `npm start` running?');
        }}
        downloadCsv={async () => {}}
      />,
    );
    fireEvent.click(box(0));
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(screen.getByTestId('selection-message').textContent).toMatch(/^Copied, but the copy was not recorded: Server unreachable/));
  });
});
