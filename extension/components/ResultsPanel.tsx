import type { ComponentChildren } from 'preact';
import { useMemo, useRef, useState } from 'preact/hooks';
import type { Facets } from '../../shared/api.ts';
import type { Entry } from '../../shared/entry.ts';
import { failureMessage } from '../api/client.ts';
import { useDrilldown } from '../hooks/useDrilldown.ts';
import { useSelection } from '../hooks/useSelection.ts';
import { copyTable, selectionAsTable } from '../lib/clipboard.ts';
import { RecordDrilldown } from './RecordDrilldown.tsx';
import { ResultsTable } from './ResultsTable.tsx';
import { SelectionBar } from './SelectionBar.tsx';

interface Props {
  entries: readonly Entry[];
  facets: Pick<Facets, 'portals' | 'timezone' | 'dateOrder'>;
  /** Shown in the scroller when there are no entries to show (empty, loading or error state). */
  placeholder?: ComponentChildren;
  /** Shown under the rows, e.g. "Loading more…". */
  footer?: ComponentChildren;
  onScroll?: (event: Event) => void;
  /** Tells the server about a copy (it is audited like any other read); a failure is shown, the copy stands. */
  reportCopy: (entries: readonly Entry[]) => Promise<void>;
  /** Saves all matches of the search as CSV. */
  downloadCsv: () => Promise<void>;
}

/**
 * The sidebar's results: selection tools, then the table, or in its place the drilldown of one entry.
 * Both live in the same scroller so that Back can restore where the admin was.
 */
export function ResultsPanel({ entries, facets, placeholder, footer, onScroll, reportCopy, downloadCsv }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const { opened, open, back } = useDrilldown(scroller);
  const ids = useMemo(() => entries.map((e) => e.id), [entries]);
  const selection = useSelection(ids);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const copy = async () => {
    const chosen = entries.filter((e) => selection.selected.has(e.id));
    setBusy(true);
    try {
      const flavours = await copyTable(selectionAsTable(chosen, facets.timezone));
      setMessage(`Copied ${chosen.length} ${chosen.length === 1 ? 'entry' : 'entries'}${flavours === 'text' ? ' as text' : ''}.`);
      await reportCopy(chosen).catch((error: unknown) => setMessage(`Copied, but the copy was not recorded: ${failureMessage(error)}`));
    } catch (error) {
      setMessage(`Copy failed: ${failureMessage(error)}`);
    } finally {
      setBusy(false);
    }
  };

  const download = async () => {
    setBusy(true);
    setMessage('Preparing CSV…');
    try {
      await downloadCsv();
      setMessage('CSV saved.');
    } catch (error) {
      setMessage(`Download failed: ${failureMessage(error)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {!opened && <SelectionBar count={selection.selected.size} onCopy={() => void copy()} onDownload={() => void download()} busy={busy} message={message} />}
      <div class="scroller" ref={scroller} onScroll={opened ? undefined : onScroll} data-testid="results-scroller">
        {opened ? (
          <RecordDrilldown entry={opened} facets={facets} onBack={back} />
        ) : entries.length === 0 ? (
          placeholder
        ) : (
          <ResultsTable entries={entries} timezone={facets.timezone} dateOrder={facets.dateOrder} selection={selection} onOpen={open} />
        )}
        {!opened && footer}
      </div>
    </>
  );
}
