import { ActivityHistogram } from '../components/ActivityHistogram.tsx';
import { PageToolbar } from '../components/PageToolbar.tsx';
import { RecordHistory } from '../components/RecordHistory.tsx';
import { SearchControls } from '../components/SearchControls.tsx';
import { SearchOutcome } from '../components/SearchOutcome.tsx';
import { WitnessBanner } from '../components/WitnessBanner.tsx';
import { useActiveTabRecord } from '../hooks/useActiveTabRecord.ts';
import { useLogWitness } from '../hooks/useLogWitness.ts';
import { useRecordHistory } from '../hooks/useRecordHistory.ts';
import { useResultActions } from '../hooks/useResultActions.ts';
import { useSearchPage } from '../hooks/useSearchPage.ts';

/**
 * The sidebar (Chrome side panel, Firefox sidebar): the popup's search with the chart, as cards in a
 * narrow panel and as the whole table from 600 px up.
 */
export function SidebarApp() {
  const page = useSearchPage();
  const { client, facets, state, update, shown, problem } = page;
  const actions = useResultActions(page);
  const witness = useLogWitness(client);
  const tabRecord = useActiveTabRecord(facets);
  const recordHistory = useRecordHistory(client, tabRecord);

  return (
    <main class="sidebar">
      <PageToolbar />
      <WitnessBanner status={witness} />
      <SearchControls state={state} facets={facets} parsed={problem ? null : shown.parsed} onChange={update} />
      {facets && tabRecord && <RecordHistory record={tabRecord} facets={facets} {...recordHistory} />}
      <SearchOutcome page={page} actions={actions}>
        <ActivityHistogram bars={shown.histogram} bucket={shown.bucket} dateOrder={actions.facets.dateOrder} onPick={({ from, to }) => update({ preset: 'custom', fromDay: from, toDay: to })} />
      </SearchOutcome>
    </main>
  );
}
