import browser from 'webextension-polyfill';

/**
 * The match pattern for the admin API's host. Ports are left out: Firefox's match patterns cannot hold
 * one, and a port-less pattern covers every port in both browsers.
 */
export function originPattern(apiUrl: string): string | null {
  try {
    const url = new URL(apiUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return `${url.protocol}//${url.hostname}/*`;
  } catch {
    return null;
  }
}

/**
 * Asks for access to that one host (optional_host_permissions), never to all sites. Must be called
 * straight from a click: the browsers only show the prompt during a user gesture.
 */
export function requestHostPermission(apiUrl: string): Promise<boolean> {
  const pattern = originPattern(apiUrl);
  if (!pattern) return Promise.resolve(false);
  return browser.permissions.request({ origins: [pattern] });
}
