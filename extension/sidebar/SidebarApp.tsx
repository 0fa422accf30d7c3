import browser from 'webextension-polyfill';
import { ActivityHistogram } from '../components/ActivityHistogram.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { LoadingState } from '../components/LoadingState.tsx';
import { RecordHistory } from '../components/RecordHistory.tsx';
import { ResultsPanel } from '../components/ResultsPanel.tsx';
import { SearchControls } from '../components/SearchControls.tsx';
import { SearchSummary } from '../components/SearchSummary.tsx';
import { useActiveTabRecord } from '../hooks/useActiveTabRecord.ts';
import { useRecordHistory } from '../hooks/useRecordHistory.ts';
import { useResultActions } from '../hooks/useResultActions.ts';
import { useSearchPage } from '../hooks/useSearchPage.ts';
import { useLogWitness } from '../hooks/useLogWitness.ts';
import { WitnessBanner } from '../components/WitnessBanner.tsx';
import { detach } from '../lib/detach.ts';

/**
 * The sidebar (Chrome side panel, Firefox sidebar): the popup's search with the chart, as cards in a
 * narrow panel and as the whole table from 600 px up.
 */
export function SidebarApp() {
  const page = useSearchPage();
  const { client, facets, timezone, state, update, search, shown, problem } = page;
  const actions = useResultActions(page);
  const witness = useLogWitness(client);
  const tabRecord = useActiveTabRecord(facets);
  const recordHistory = useRecordHistory(client, tabRecord);
  const openOptions = () => detach(browser.runtime.openOptionsPage());

  return (
    <main class="sidebar">
      <header class="toolbar">
        <h1>Portal Audit</h1>
        <button type="button" class="link-button" onClick={openOptions}>
          Options
        </button>
      </header>
      <WitnessBanner status={witness} />
      <SearchControls state={state} facets={facets} parsed={problem ? null : shown.parsed} onChange={update} />
      {facets && tabRecord && <RecordHistory record={tabRecord} facets={facets} {...recordHistory} />}
      {problem ? (
        // The error replaces count, chart and results: nothing of an earlier search stays beside it.
        <ErrorState message={problem}>
          <button type="button" onClick={openOptions}>
            Open Options
          </button>
        </ErrorState>
      ) : (
        <>
          <SearchSummary count={shown.entries.length} total={shown.total} totalIsEstimate={shown.totalIsEstimate} loading={search.loading} timezone={timezone} />
          <ActivityHistogram bars={shown.histogram} bucket={shown.bucket} dateOrder={actions.facets.dateOrder} onPick={({ from, to }) => update({ preset: 'custom', fromDay: from, toDay: to })} />
          <ResultsPanel
            entries={shown.entries}
            facets={actions.facets}
            busy={search.loading && !search.loadingMore}
            placeholder={search.loading || !timezone ? <LoadingState /> : <EmptyState title="No entries match">Try fewer words, a wider date range, or clear the filters.</EmptyState>}
            footer={search.loadingMore ? <LoadingState label="Loading more…" /> : null}
            onScroll={search.onScroll}
            {...actions.panel}
          />
        </>
      )}
    </main>
  );
}
