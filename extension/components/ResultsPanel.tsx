import type { ComponentChildren } from 'preact';
import { useMemo, useRef, useState } from 'preact/hooks';
import type { Facets } from '../../shared/api.ts';
import type { Entry } from '../../shared/entry.ts';
import { failureMessage } from '../api/client.ts';
import { useDrilldown } from '../hooks/useDrilldown.ts';
import { useMediaQuery } from '../hooks/useMediaQuery.ts';
import { useSelection } from '../hooks/useSelection.ts';
import { copyTable, selectionAsTable } from '../lib/clipboard.ts';
import { RecordDrilldown } from './RecordDrilldown.tsx';
import { ResultCards } from './ResultCards.tsx';
import { ResultsTable } from './ResultsTable.tsx';
import { SelectionBar } from './SelectionBar.tsx';
import { detach } from '../lib/detach.ts';

/** From this width up the results are the full table; below it, cards (the side panel is 360 px). */
export const TABLE_MIN_WIDTH = 600;

/** Saves all matches as CSV, telling how far it got; stops when `signal` aborts. */
export type DownloadCsv = (onProgress: (text: string) => void, signal: AbortSignal) => Promise<void>;

interface Props {
  entries: readonly Entry[];
  facets: Pick<Facets, 'portals' | 'timezone' | 'dateOrder'>;
  /** `cards` always (the popup), or `auto`: the table from TABLE_MIN_WIDTH px up. Default auto. */
  layout?: 'auto' | 'cards';
  /** A new search is on its way: the results shown are the previous ones, dimmed and marked busy. */
  busy?: boolean;
  /** Shown in the scroller when there are no entries to show (empty or loading state). */
  placeholder?: ComponentChildren;
  /** Shown under the rows, e.g. "Loading more…". */
  footer?: ComponentChildren;
  onScroll?: (event: Event) => void;
  /** Tells the server about a copy (it is audited like any other read); a failure is shown, the copy stands. */
  reportCopy: (entries: readonly Entry[]) => Promise<void>;
  /** Saves all matches of the search as CSV; absent when the token's role may not export. */
  downloadCsv?: DownloadCsv;
  /** Checks whether a record still exists, for the drilldown's "deleted" mark. */
  recordDeleted?: (type: string, id: string) => Promise<boolean>;
}

/**
 * The results of popup and sidebar: selection tools, then cards or the table, or in their place the
 * drilldown of one entry. Both live in the same scroller so that Back can restore where the admin was.
 */
export function ResultsPanel({ entries, facets, layout = 'auto', busy = false, placeholder, footer, onScroll, reportCopy, downloadCsv, recordDeleted }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const { opened, open, back } = useDrilldown(scroller);
  const ids = useMemo(() => entries.map((e) => e.id), [entries]);
  const selection = useSelection(ids);
  const wide = useMediaQuery(`(min-width: ${TABLE_MIN_WIDTH}px)`) && layout === 'auto';
  const [copying, setCopying] = useState(false);
  const [download, setDownload] = useState<AbortController | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const copy = async () => {
    const chosen = entries.filter((e) => selection.selected.has(e.id));
    setCopying(true);
    try {
      const flavours = await copyTable(selectionAsTable(chosen, facets.timezone));
      setMessage(`Copied ${chosen.length} ${chosen.length === 1 ? 'entry' : 'entries'}${flavours === 'text' ? ' as text' : ''}.`);
      await reportCopy(chosen).catch((error: unknown) => setMessage(`Copied, but the copy was not recorded: ${failureMessage(error)}`));
    } catch (error) {
      setMessage(`Copy failed: ${failureMessage(error)}`);
    } finally {
      setCopying(false);
    }
  };

  const save = async () => {
    if (!downloadCsv) return;
    const controller = new AbortController();
    setDownload(controller);
    setMessage('Starting the download…');
    try {
      await downloadCsv(setMessage, controller.signal);
      setMessage(controller.signal.aborted ? 'Download cancelled.' : 'CSV saved.');
    } catch (error) {
      setMessage(controller.signal.aborted ? 'Download cancelled.' : `Download failed: ${failureMessage(error)}`);
    } finally {
      setDownload(null);
    }
  };

  return (
    <>
      {!opened && (
        <SelectionBar
          count={selection.selected.size}
          onCopy={() => detach(copy())}
          onDownload={downloadCsv ? () => detach(save()) : undefined}
          onCancel={download ? () => download.abort() : undefined}
          busy={copying}
          message={message}
        />
      )}
      <div class={`scroller${busy && !opened ? ' busy' : ''}`} ref={scroller} onScroll={opened ? undefined : onScroll} aria-busy={busy && !opened} data-testid="results-scroller">
        {opened ? (
          <RecordDrilldown entry={opened} facets={facets} onBack={back} recordDeleted={recordDeleted} />
        ) : entries.length === 0 ? (
          placeholder
        ) : wide ? (
          <ResultsTable entries={entries} timezone={facets.timezone} dateOrder={facets.dateOrder} selection={selection} onOpen={open} />
        ) : (
          <ResultCards entries={entries} timezone={facets.timezone} dateOrder={facets.dateOrder} selection={selection} onOpen={open} />
        )}
        {!opened && footer}
      </div>
    </>
  );
}
