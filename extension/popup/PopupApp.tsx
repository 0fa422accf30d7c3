import { useEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { LoadingState } from '../components/LoadingState.tsx';
import { RecordDrilldown } from '../components/RecordDrilldown.tsx';
import { ResultsList } from '../components/ResultsList.tsx';
import { SearchControls } from '../components/SearchControls.tsx';
import { SearchSummary } from '../components/SearchSummary.tsx';
import { useDrilldown } from '../hooks/useDrilldown.ts';
import { useSearchPage } from '../hooks/useSearchPage.ts';
import { useLogWitness } from '../hooks/useLogWitness.ts';
import { WitnessBanner } from '../components/WitnessBanner.tsx';
import { openSidebar } from '../lib/sidebar.ts';

/** The toolbar popup: a quick look at the log, with a way into the roomier sidebar. */
export function PopupApp() {
  const { client, facets, state, update, search, problem } = useSearchPage();
  const witness = useLogWitness(client);
  const scroller = useRef<HTMLDivElement>(null);
  const { opened, open, back } = useDrilldown(scroller);
  const [windowId, setWindowId] = useState<number>();
  const [sidebarError, setSidebarError] = useState<string | null>(null);

  // Known before the click: opening the sidebar must happen synchronously inside the user gesture.
  useEffect(() => {
    void browser.windows.getCurrent().then((w) => setWindowId(w.id));
  }, []);

  const openOptions = () => void browser.runtime.openOptionsPage();

  return (
    <main class="popup">
      <header class="toolbar">
        <h1>Portal Audit</h1>
        <button
          type="button"
          onClick={() => {
            // The query is already in storage (every edit is saved), so the sidebar opens on it.
            openSidebar(windowId).then(
              () => window.close(),
              (error: unknown) => setSidebarError(String(error instanceof Error ? error.message : error)),
            );
          }}
        >
          Open in sidebar
        </button>
        <button type="button" class="link-button" onClick={openOptions}>
          Options
        </button>
      </header>
      <WitnessBanner status={witness} />
      {sidebarError && <ErrorState message={sidebarError} />}
      <SearchControls
        state={state}
        facets={facets}
        parsed={search.parsed}
        onChange={update}
      />
      <SearchSummary count={search.entries.length} total={search.total} totalIsEstimate={search.totalIsEstimate} loading={search.loading} />
      <div class="scroller" ref={scroller} onScroll={opened ? undefined : search.onScroll}>
        {problem ? (
          <ErrorState message={problem}>
            <button type="button" onClick={openOptions}>
              Open Options
            </button>
          </ErrorState>
        ) : opened && facets ? (
          <RecordDrilldown entry={opened} facets={facets} onBack={back} />
        ) : !facets || (search.loading && search.entries.length === 0) ? (
          <LoadingState />
        ) : search.entries.length === 0 ? (
          <EmptyState title="No entries match">Try fewer words, a wider date range, or clear the filters.</EmptyState>
        ) : (
          <ResultsList entries={search.entries} timezone={facets.timezone} dateOrder={facets.dateOrder} onOpen={open} />
        )}
        {!opened && search.loading && search.entries.length > 0 && <LoadingState label="Loading more…" />}
      </div>
    </main>
  );
}
