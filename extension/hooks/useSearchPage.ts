import { useMemo } from 'preact/hooks';
import { toSearchParams } from '../lib/search-state.ts';
import { useFacets } from './useFacets.ts';
import { useSearch } from './useSearch.ts';
import { useSearchState } from './useSearchState.ts';
import { useSettings } from './useSettings.ts';

/**
 * Everything the popup and the sidebar share: settings and client, facets (time zone, staff, sources),
 * the stored search and its results, and the one message that tells the admin what to fix first.
 */
export function useSearchPage() {
  const { settings, client } = useSettings();
  const { facets, error: facetsError } = useFacets(client);
  const { state, ready, update } = useSearchState();
  const params = useMemo(() => (facets && ready ? toSearchParams(state, facets.timezone) : null), [state, facets, ready]);
  const search = useSearch(client, params);

  let problem: string | null = null;
  if (settings && !settings.token.trim()) problem = 'No token yet — open Options and paste the token that `npm start` printed.';
  else problem = facetsError ?? search.error;

  return { settings, client, facets, state, update, params, search, problem };
}
