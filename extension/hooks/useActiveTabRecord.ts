import { useEffect, useMemo, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { Facets } from '../../shared/api.ts';
import { recordForUrl, type TabRecord } from '../lib/tab-record.ts';
import { detach } from '../lib/detach.ts';

/**
 * The URL of the page the admin is looking at beside the sidebar: the active tab of this window. When
 * the sidebar page is itself that tab (opened as a page, as tests do), the web page seen most recently.
 */
async function portalTabUrl(): Promise<string | undefined> {
  const ownPages = browser.runtime.getURL('');
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  if (active?.url && !active.url.startsWith(ownPages)) return active.url;
  const pages = (await browser.tabs.query({})).filter((tab) => tab.url && !tab.url.startsWith(ownPages));
  pages.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  return pages[0]?.url;
}

/**
 * The record the active tab's portal page shows, if any; follows the admin as they switch tabs or
 * navigate within the portal.
 */
export function useActiveTabRecord(facets: Pick<Facets, 'links' | 'portals'> | null): TabRecord | null {
  const [url, setUrl] = useState<string | undefined>();

  useEffect(() => {
    let live = true;
    const refresh = () => detach(portalTabUrl().then((found) => live && setUrl(found)));
    // Any tab, not just the active one: when the sidebar is a tab of its own, the portal tab is in the background.
    const onUpdated = (_id: number, change: browser.Tabs.OnUpdatedChangeInfoType) => {
      if (change.url || change.status === 'complete') refresh();
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
