interface Props {
  count: number;
  total: number;
  totalIsEstimate: boolean;
  loading: boolean;
}

/** "120 of 3,456 matches": how much of the result is loaded, and whether the total is exact. */
export function SearchSummary({ count, total, totalIsEstimate, loading }: Props) {
  const totalText = `${totalIsEstimate ? 'about ' : ''}${total.toLocaleString('en-US')}`;
  return (
    <p class="summary muted" aria-live="polite" data-testid="search-summary">
      {loading && count === 0 ? 'Searching…' : `${count.toLocaleString('en-US')} of ${totalText} ${total === 1 ? 'match' : 'matches'}`}
    </p>
  );
}
