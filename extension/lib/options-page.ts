import browser from 'webextension-polyfill';
import { detach } from './detach.ts';

/** Opens the extension's options page (a tab of its own), where the admin API's URL and token are set. */
export function openOptionsPage(): void {
  detach(browser.runtime.openOptionsPage());
}
