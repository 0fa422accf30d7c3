import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { SearchResponse } from '../../shared/api.ts';
import { loadLastResults, saveLastResults, type LastResults } from '../lib/last-results.ts';
import { toSearchParams } from '../lib/search-state.ts';
import { useFacets } from './useFacets.ts';
import { useLatestRequest } from './useLatestRequest.ts';
import { useSearch } from './useSearch.ts';
import { useSearchState } from './useSearchState.ts';
import { useSettings } from './useSettings.ts';
import { searchStorage } from '../lib/storage.ts';

export const NO_TOKEN = 'No token yet — open Options and paste the token that npm start printed.';

/**
 * Everything the popup and the sidebar share: settings and client, facets (time zone, staff, sources),
 * the stored search and its results, and the one message that tells the admin what to fix first.
 * The first search does not wait for the facets (days are sent plain, the server reads them in the
 * business zone), and the last results kept in storage are shown, marked busy, until it answers.
 */
export function useSearchPage() {
  const { settings, client } = useSettings();
  const { facets, error: facetsError } = useFacets(client);
  // The token's role, to offer only what it may do (auditors do not export); null until known.
  const role = useLatestRequest(client ? () => client.me() : null, [client]).data?.role ?? null;
  const { state, ready, update } = useSearchState(searchStorage);
  // undefined while storage is read (a few ms): it also holds the zone "today" is counted in.
  const [last, setLast] = useState<LastResults | null | undefined>(undefined);
  useEffect(() => {
    loadLastResults().then(setLast, () => setLast(null));
  }, []);

  const timezone = facets?.timezone ?? last?.timezone ?? (last === null ? Intl.DateTimeFormat().resolvedOptions().timeZone : null);
  const params = useMemo(() => (ready && timezone ? toSearchParams(state, timezone) : null), [state, timezone, ready]);
  const key = params ? JSON.stringify(params) : null;
  const keep = useCallback(
    (response: SearchResponse) => {
      if (key && timezone) void saveLastResults({ key, timezone, response }).catch(() => {});
    },
    [key, timezone],
  );
  const search = useSearch(client, params, keep);

  let problem: string | null = null;
  if (settings && !settings.token.trim()) problem = NO_TOKEN;
  else problem = facetsError ?? search.error;

  // Until the search answers for the first time, the same search's results from last time stand in.
  const stored = search.loading && search.entries.length === 0 && !search.error && last && last.key === key ? last.response : null;
  const shown = {
    entries: stored ? stored.entries : search.entries,
    total: stored ? stored.total : search.total,
    totalIsEstimate: stored ? stored.totalIsEstimate : search.totalIsEstimate,
    histogram: stored ? stored.histogram : search.histogram,
    bucket: stored ? stored.bucket : search.bucket,
    parsed: stored ? stored.parsed : search.parsed,
  };

  return { settings, client, facets, timezone, role, state, update, params, search, shown, problem };
}
