import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { LoadingState } from '../components/LoadingState.tsx';
import { ResultsPanel } from '../components/ResultsPanel.tsx';
import { SearchControls } from '../components/SearchControls.tsx';
import { SearchSummary } from '../components/SearchSummary.tsx';
import { useResultActions } from '../hooks/useResultActions.ts';
import { useSearchPage } from '../hooks/useSearchPage.ts';
import { useLogWitness } from '../hooks/useLogWitness.ts';
import { WitnessBanner } from '../components/WitnessBanner.tsx';
import { openSidebar } from '../lib/sidebar.ts';
import { detach } from '../lib/detach.ts';

/** The toolbar popup: a quick look at the log as cards, Copy included, with a way into the roomier sidebar. */
export function PopupApp() {
  const page = useSearchPage();
  const { facets, timezone, state, update, search, shown, problem } = page;
  const actions = useResultActions(page);
  const witness = useLogWitness(page.client);
  const [windowId, setWindowId] = useState<number>();
  const [sidebarError, setSidebarError] = useState<string | null>(null);

  // Known before the click: opening the sidebar must happen synchronously inside the user gesture.
  useEffect(() => {
    detach(browser.windows.getCurrent().then((w) => setWindowId(w.id)));
  }, []);

  const openOptions = () => detach(browser.runtime.openOptionsPage());

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
      <SearchControls state={state} facets={facets} parsed={problem ? null : shown.parsed} onChange={update} />
      {problem ? (
        // The error replaces count and results: nothing of an earlier search stays beside it.
        <ErrorState message={problem}>
          <button type="button" onClick={openOptions}>
            Open Options
          </button>
        </ErrorState>
      ) : (
        <>
          <SearchSummary count={shown.entries.length} total={shown.total} totalIsEstimate={shown.totalIsEstimate} loading={search.loading} timezone={timezone} />
          <ResultsPanel
            layout="cards"
            entries={shown.entries}
            facets={actions.facets}
            busy={search.loading && !search.loadingMore}
            footer={search.loadingMore ? <LoadingState label="Loading more…" /> : null}
            placeholder={search.loading || !timezone ? <LoadingState /> : <EmptyState title="No entries match">Try fewer words, a wider date range, or clear the filters.</EmptyState>}
            onScroll={search.onScroll}
            {...actions.panel}
          />
        </>
      )}
    </main>
  );
}
