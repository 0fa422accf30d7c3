import { useEffect, useMemo, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { Facets } from '../../shared/api.ts';
import { recordForUrl, type TabRecord } from '../lib/tab-record.ts';

/**
 * The record the active tab's portal page shows, if any; follows the admin as they switch tabs or
 * navigate within the portal.
 */
export function useActiveTabRecord(facets: Pick<Facets, 'links' | 'portals'> | null): TabRecord | null {
  const [url, setUrl] = useState<string | undefined>();

  useEffect(() => {
    let live = true;
    const refresh = () =>
      void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => {
        if (live) setUrl(tab?.url);
      });
    const onUpdated = (_id: number, change: browser.Tabs.OnUpdatedChangeInfoType, tab: browser.Tabs.Tab) => {
      if (tab.active && (change.url || change.status === 'complete')) refresh();
    };
    refresh();
    browser.tabs.onActivated.addListener(refresh);
    browser.tabs.onUpdated.addListener(onUpdated);
    browser.windows.onFocusChanged.addListener(refresh);
    return () => {
      live = false;
      browser.tabs.onActivated.removeListener(refresh);
      browser.tabs.onUpdated.removeListener(onUpdated);
      browser.windows.onFocusChanged.removeListener(refresh);
    };
  }, []);

  // Recomputed only when the URL or the rules change, so the history is not refetched on every render.
  return useMemo(() => (facets ? recordForUrl(url, facets) : null), [url, facets]);
}
