import { useEffect, useState } from 'preact/hooks';
import type { Facets } from '../../shared/api.ts';
import { failureMessage, type ApiClient } from '../api/client.ts';

/** Staff, sources, links and the business time zone: loaded once per client (i.e. per URL + token). */
export function useFacets(client: ApiClient | null): { facets: Facets | null; error: string | null } {
  const [facets, setFacets] = useState<Facets | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!client) return;
    let live = true;
    setError(null);
    client.facets().then(
      (loaded) => live && setFacets(loaded),
      (failure: unknown) => live && setError(failureMessage(failure)),
    );
    return () => {
      live = false;
    };
  }, [client]);

  return { facets, error };
}
