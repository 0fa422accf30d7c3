import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Entry } from '../../shared/entry.ts';
import type { SearchQuery, SearchResponse } from '../../shared/api.ts';
import type { ApiClient } from '../api/client.ts';
import { registerSearchCommit } from './search-commit.ts';
import { useLatestRequest } from './useLatestRequest.ts';

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
  const key = params ? JSON.stringify(params) : null;
  /** The further pages of the search `key`, and the one asked for now (a new object each time, so a failed one can be asked again). */
  const [more, setMore] = useState<{ key: string | null; pages: SearchResponse[]; ask: { cursor: string } | null }>({ key: null, pages: [], ask: null });
  /** The key of the search last committed, so that Enter twice logs it once. */
  const committed = useRef<string | null>(null);

  // The results shown stay (dimmed by the caller) until the next search answers; an error takes their place.
  const first = useLatestRequest(client && params ? (signal) => client.search({ ...params, limit: PAGE_SIZE }, signal) : null, [client, key], {
    keep: true,
    debounceMs: SEARCH_DEBOUNCE_MS,
    onAnswer: (response) => {
      setMore({ key, pages: [], ask: null });
      onFirstPage?.(response);
    },
  });
  const ask = more.key === key ? more.ask : null;
  const next = useLatestRequest(client && params && ask ? (signal) => client.search({ ...params, limit: PAGE_SIZE, cursor: ask.cursor }, signal) : null, [client, key, ask], {
    onAnswer: (response) => setMore((current) => ({ ...current, pages: [...current.pages, response], ask: null })),
  });

  const entries = useMemo(() => (first.data ? [first.data, ...more.pages].flatMap((p) => p.entries) : []), [first.data, more.pages]);
  const page = first.data ? (more.pages.at(-1) ?? first.data) : null;
  const loading = first.loading || next.loading;

  const loadMore = useCallback(() => {
    const cursor = page?.nextCursor;
    if (!cursor || loading) return;
    setMore((current) => ({ ...current, ask: { cursor } }));
  }, [page, loading]);

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
    loadingMore: next.loading,
    error: first.error ?? next.error,
    hasMore: Boolean(page?.nextCursor),
    loadMore,
    commit,
    onScroll: (event) => {
      const el = event.currentTarget as HTMLElement;
      if (el.scrollTop + el.clientHeight >= el.scrollHeight - PREFETCH_MARGIN_PX) loadMore();
    },
  };
}
