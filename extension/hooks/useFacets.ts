import type { Facets } from '../../shared/api.ts';
import type { ApiClient } from '../api/client.ts';
import { useLatestRequest } from './useLatestRequest.ts';

/** Staff, sources, links and the business time zone: loaded once per client (i.e. per URL + token). */
export function useFacets(client: ApiClient | null): { facets: Facets | null; error: string | null } {
  // Kept while new settings are tried: the zone and filters do not blink away.
  const { data: facets, error } = useLatestRequest(client ? () => client.facets() : null, [client], { keep: true });
  return { facets, error };
}
