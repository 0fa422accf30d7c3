import browser from 'webextension-polyfill';
import type { Entry } from '../../shared/entry.ts';
import { searchQueryString } from '../api/client.ts';
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
import { useSearchPage } from '../hooks/useSearchPage.ts';
import { useLogWitness } from '../hooks/useLogWitness.ts';
import { WitnessBanner } from '../components/WitnessBanner.tsx';
import { saveBlob } from '../lib/download.ts';
import { dayIn } from '../lib/zoned-time.ts';

/** The sidebar (Chrome side panel, Firefox sidebar): the popup's search with room for the whole table. */
export function SidebarApp() {
  const { client, facets, state, update, params, search, problem } = useSearchPage();
  const witness = useLogWitness(client);
  const tabRecord = useActiveTabRecord(facets);
  const recordHistory = useRecordHistory(client, tabRecord);
  const openOptions = () => void browser.runtime.openOptionsPage();

  const reportCopy = async (entries: readonly Entry[]) => {
    if (!client || !params) return;
    await client.reportAuditEvent({
      kind: 'copy',
      count: entries.length,
      query: searchQueryString(params).slice(0, 2000),
      entryIds: entries.slice(0, 500).map((e) => e.id),
    });
  };

  const downloadCsv = async () => {
    if (!client || !params || !facets) return;
    const blob = await client.exportCsv(params);
    saveBlob(blob, `portal-audit-${dayIn(new Date(), facets.timezone)}.csv`);
  };

  const placeholder = problem ? (
    <ErrorState message={problem}>
      <button type="button" onClick={openOptions}>
        Open Options
      </button>
    </ErrorState>
  ) : !facets || search.loading ? (
    <LoadingState />
  ) : (
    <EmptyState title="No entries match">Try fewer words, a wider date range, or clear the filters.</EmptyState>
  );

  return (
    <main class="sidebar">
      <header class="toolbar">
        <h1>Portal Audit</h1>
        <button type="button" class="link-button" onClick={openOptions}>
          Options
        </button>
      </header>
      <WitnessBanner status={witness} />
      <SearchControls
        state={state}
        facets={facets}
        parsed={search.parsed}
        onChange={update}
      />
      {facets && tabRecord && <RecordHistory record={tabRecord} facets={facets} {...recordHistory} />}
      <SearchSummary count={search.entries.length} total={search.total} totalIsEstimate={search.totalIsEstimate} loading={search.loading} />
      {facets && (
        <ActivityHistogram days={search.histogram} dateOrder={facets.dateOrder} onPickDay={(day) => update({ preset: 'custom', fromDay: day, toDay: day })} />
      )}
      <ResultsPanel
        entries={problem ? [] : search.entries}
        facets={facets ?? { portals: [], timezone: 'UTC', dateOrder: 'MDY' }}
        placeholder={placeholder}
        footer={search.loading && search.entries.length > 0 ? <LoadingState label="Loading more…" /> : null}
        onScroll={search.onScroll}
        reportCopy={reportCopy}
        downloadCsv={downloadCsv}
      />
    </main>
  );
}
