import browser from 'webextension-polyfill';
import { SearchResponse } from '../../shared/api.ts';

const KEY = 'lastResults';

/** The first page of the last search and what it was for, so the next view opens on it while it asks again. */
export interface LastResults {
  /** JSON of the SearchQuery the page answered. */
  key: string;
  /** The business time zone then (facets.timezone), so "today" is that zone's before the facets arrive. */
  timezone: string;
  response: SearchResponse;
}

export async function loadLastResults(): Promise<LastResults | null> {
  const stored = (await browser.storage.local.get(KEY))[KEY] as LastResults | undefined;
  if (!stored || typeof stored.key !== 'string' || typeof stored.timezone !== 'string') return null;
  // Kept by an older version of the extension, or damaged: not shown rather than shown wrong.
  const response = SearchResponse.safeParse(stored.response);
  return response.success ? { ...stored, response: response.data } : null;
}

export async function saveLastResults(results: LastResults): Promise<void> {
  await browser.storage.local.set({ [KEY]: results });
}
