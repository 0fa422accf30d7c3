import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Entry } from '../../shared/entry.ts';
import type { SearchQuery, SearchResponse } from '../../shared/api.ts';
import { failureMessage, type ApiClient } from '../api/client.ts';
import { registerSearchCommit } from './search-commit.ts';

/** Long enough not to search on every keystroke, short enough to feel like search-as-you-type. */
export const SEARCH_DEBOUNCE_MS = 250;
const PAGE_SIZE = 50;

export interface SearchResult {
  entries: Entry[];
  total: number;
  totalIsEstimate: boolean;
  histogram: SearchResponse['histogram'];
  bucket: SearchResponse['bucket'];
  parsed: SearchResponse['parsed'] | null;
  loading: boolean;
  /** The loading is of a further page (the shown results stay current). */
  loadingMore: boolean;
  error: string | null;
  hasMore: boolean;
  loadMore: () => void;
  /**
   * The admin committed the search on screen (Enter anywhere on the page, opening a result): the server
   * logs it now, once. Searches made while typing are not committed; the server logs one that stands
   * for a pause by itself.
   */
  commit: () => void;
  /** Put on the scrolling element: fetches the next page when the admin nears the bottom. */
  onScroll: (event: Event) => void;
}

/** How close to the bottom (px) the next page is fetched, so it is there before the admin gets there. */
const PREFETCH_MARGIN_PX = 300;

/**
 * Runs `params` against the API, dropping answers to older queries, and appends the next page
 * (nextCursor) on loadMore. The first search starts at once; later ones (typing) after a debounce.
 * `params` is compared by content, so callers may rebuild it every render. `onFirstPage` hears each
 * new search's first page (to keep it for the next time the view opens).
 */
export function useSearch(client: ApiClient | null, params: Partial<SearchQuery> | null, onFirstPage?: (response: SearchResponse) => void): SearchResult {
  const [page, setPage] = useState<SearchResponse | null>(null);
  const [entries, setEntries] = useState<Entry[]>([]);
  const [loading, setLoading] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const key = params ? JSON.stringify(params) : null;
  const inFlight = useRef<AbortController | null>(null);
  /** The key of the search last committed, so that Enter twice logs it once. */
  const committed = useRef<string | null>(null);
  const started = useRef(false);
  const firstPage = useRef(onFirstPage);
  firstPage.current = onFirstPage;

  useEffect(() => {
    if (!client || !params) return;
    setLoading(true);
    setLoadingMore(false);
    const controller = new AbortController();
    const timer = setTimeout(
      () => {
        inFlight.current?.abort();
        inFlight.current = controller;
        client.search({ ...params, limit: PAGE_SIZE }, controller.signal).then(
          (response) => {
            setPage(response);
            setEntries(response.entries);
            setError(null);
            setLoading(false);
            firstPage.current?.(response);
          },
          (failure: unknown) => {
            if (controller.signal.aborted) return;
            // The error takes the place of the results: nothing of an older search stays beside it.
            setPage(null);
            setEntries([]);
            setError(failureMessage(failure));
            setLoading(false);
          },
        );
      },
      started.current ? SEARCH_DEBOUNCE_MS : 0,
    );
    started.current = true;
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // `key` stands for params, by content.
  }, [client, key]);

  const loadMore = useCallback(() => {
    if (!client || !params || !page?.nextCursor || loading) return;
    const controller = new AbortController();
    inFlight.current = controller;
    setLoading(true);
    setLoadingMore(true);
    client.search({ ...params, limit: PAGE_SIZE, cursor: page.nextCursor }, controller.signal).then(
      (response) => {
        setPage(response);
        setEntries((current) => [...current, ...response.entries]);
        setLoading(false);
        setLoadingMore(false);
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        setError(failureMessage(failure));
        setLoading(false);
        setLoadingMore(false);
      },
    );
    // `key` stands for params, by content.
  }, [client, key, page, loading]);

  const commit = useCallback(() => {
    if (!client || !params || committed.current === key) return;
    committed.current = key;
    // One match is enough: the server logs the search with its total, the page on screen stays.
    client.search({ ...params, limit: 1, commit: true }).catch(() => {
      committed.current = null;
    });
    // `key` stands for params, by content.
  }, [client, key]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Enter') commit();
    };
    document.addEventListener('keydown', onKey);
    const unregister = registerSearchCommit(commit);
    return () => {
      document.removeEventListener('keydown', onKey);
      unregister();
    };
  }, [commit]);

  return {
    entries,
    total: page?.total ?? 0,
    totalIsEstimate: page?.totalIsEstimate ?? false,
    histogram: page?.histogram ?? [],
    bucket: page?.bucket ?? 'day',
    parsed: page?.parsed ?? null,
    loading,
    loadingMore,
    error,
    hasMore: Boolean(page?.nextCursor),
    loadMore,
    commit,
    onScroll: (event) => {
      const el = event.currentTarget as HTMLElement;
      if (el.scrollTop + el.clientHeight >= el.scrollHeight - PREFETCH_MARGIN_PX) loadMore();
    },
  };
}
