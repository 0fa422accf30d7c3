interface Props {
  count: number;
  total: number;
  totalIsEstimate: boolean;
  loading: boolean;
  /** The business time zone every time on the page is in; null until known. */
  timezone: string | null;
}

/**
 * "120 of 3,456 matches" for the results shown (not for a search still on its way), whether a new
 * search is running, and the zone the times are in.
 */
export function SearchSummary({ count, total, totalIsEstimate, loading, timezone }: Props) {
  const totalText = `${totalIsEstimate ? 'about ' : ''}${total.toLocaleString('en-US')}`;
  return (
    <div class="summary-line">
      <p class="summary muted" aria-live="polite" data-testid="search-summary">
        {loading && count === 0 ? 'Searching…' : `${count.toLocaleString('en-US')} of ${totalText} ${total === 1 ? 'match' : 'matches'}`}
      </p>
      {loading && count > 0 && (
        <span class="muted searching" role="status" data-testid="searching">
          <span class="spinner" aria-hidden="true" />
          Searching…
        </span>
      )}
      {timezone && (
        <span class="muted timezone" data-testid="timezone-note">
          Times in {timezone}
        </span>
      )}
    </div>
  );
}
