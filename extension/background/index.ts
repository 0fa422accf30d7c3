import browser from 'webextension-polyfill';
import { detach } from '../lib/detach.ts';

// A new admin's first step is pasting the URL and token that `npm start` printed: show them where.
browser.runtime.onInstalled.addListener((details) => {
  if (details.reason === 'install') detach(browser.runtime.openOptionsPage());
});
