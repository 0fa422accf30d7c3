import browser from 'webextension-polyfill';

/**
 * webextension-polyfill 0.12 knows nothing of Chrome's sidePanel, but it forwards namespaces it does not
 * wrap, so `browser.sidePanel` is Chrome's own promise-returning API. Firefox has sidebarAction instead.
 */
interface SidePanelApi {
  open(options: { windowId: number }): Promise<void>;
}

type BrowserWithPanels = typeof browser & { sidePanel?: SidePanelApi };

/**
 * Opens the sidebar of `windowId`. Both browsers require a user gesture, so call this straight from the
 * click handler, with no await before it (the window id must be known in advance).
 */
export function openSidebar(windowId: number | undefined): Promise<void> {
  const api = browser as BrowserWithPanels;
  if (api.sidePanel) {
    if (windowId === undefined) return Promise.reject(new Error('The browser window is not known yet; try again.'));
    return api.sidePanel.open({ windowId });
  }
  if (api.sidebarAction) return api.sidebarAction.open();
  return Promise.reject(new Error('This browser has no sidebar for extensions.'));
}
