import browser from 'webextension-polyfill';
import { EMPTY_SEARCH, type SearchState } from './search-state.ts';
import { DEFAULT_SETTINGS, type Settings } from './settings.ts';

const SETTINGS_KEY = 'settings';
const SEARCH_KEY = 'search';

// storage.local, not sync: the token must not travel to other machines with the browser profile.
export async function loadSettings(): Promise<Settings> {
  const stored = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] as Partial<Settings> | undefined;
  return { ...DEFAULT_SETTINGS, ...stored };
}

export async function saveSettings(settings: Settings): Promise<void> {
  await browser.storage.local.set({ [SETTINGS_KEY]: settings });
}

export async function loadSearch(): Promise<SearchState> {
  const stored = (await browser.storage.local.get(SEARCH_KEY))[SEARCH_KEY] as Partial<SearchState> | undefined;
  return { ...EMPTY_SEARCH, ...stored };
}

export async function saveSearch(search: SearchState): Promise<void> {
  await browser.storage.local.set({ [SEARCH_KEY]: search });
}

/** The search both views share: read once when a view opens, written on each edit, watched for the other view's edits. */
export interface SearchStorage {
  load(): Promise<SearchState>;
  save(search: SearchState): Promise<void>;
  watch(callback: (value: SearchState | undefined) => void): () => void;
}

export const searchStorage: SearchStorage = {
  load: loadSearch,
  save: saveSearch,
  watch: (callback) => onStoredChange<SearchState | undefined>(SEARCH_KEY, callback),
};

/** Calls back with the new value whenever another view (popup, sidebar, options) changes `key`. */
export function onStoredChange<T>(key: typeof SETTINGS_KEY | typeof SEARCH_KEY, callback: (value: T) => void): () => void {
  const listener = (changes: Record<string, browser.Storage.StorageChange>, area: string) => {
    const change = changes[key];
    if (area === 'local' && change) callback(change.newValue as T);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
