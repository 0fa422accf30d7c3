import type { ComponentChildren } from 'preact';
import type { useResultActions } from '../hooks/useResultActions.ts';
import type { useSearchPage } from '../hooks/useSearchPage.ts';
import { openOptionsPage } from '../lib/options-page.ts';
import { EmptyState } from './EmptyState.tsx';
import { ErrorState } from './ErrorState.tsx';
import { LoadingState } from './LoadingState.tsx';
import { ResultsPanel } from './ResultsPanel.tsx';
import { SearchSummary } from './SearchSummary.tsx';

interface Props {
  page: ReturnType<typeof useSearchPage>;
  actions: ReturnType<typeof useResultActions>;
  /** `cards` always (the popup), or `auto`: the table on a wide page (see ResultsPanel). */
  layout?: 'auto' | 'cards';
  /** Shown between the count and the results (the sidebar's chart). */
  children?: ComponentChildren;
}

/**
 * What a search came to, in popup and sidebar alike: the count and the results, or in their place the
 * problem to fix first, so that nothing of an earlier search stays beside an error.
 */
export function SearchOutcome({ page: { timezone, search, shown, problem }, actions, layout, children }: Props) {
  if (problem) {
    return (
      <ErrorState message={problem}>
        <button type="button" onClick={openOptionsPage}>
          Open Options
        </button>
      </ErrorState>
    );
  }
  return (
    <>
      <SearchSummary count={shown.entries.length} total={shown.total} totalIsEstimate={shown.totalIsEstimate} loading={search.loading} timezone={timezone} />
      {children}
      <ResultsPanel
        layout={layout}
        entries={shown.entries}
        facets={actions.facets}
        busy={search.loading && !search.loadingMore}
        footer={search.loadingMore ? <LoadingState label="Loading more…" /> : null}
        placeholder={search.loading || !timezone ? <LoadingState /> : <EmptyState title="No entries match">Try fewer words, a wider date range, or clear the filters.</EmptyState>}
        onScroll={search.onScroll}
        {...actions.panel}
      />
    </>
  );
}
