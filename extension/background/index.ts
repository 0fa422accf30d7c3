import browser from 'webextension-polyfill';

// A new admin's first step is pasting the URL and token that `npm start` printed: show them where.
browser.runtime.onInstalled.addListener((details) => {
  if (details.reason === 'install') void browser.runtime.openOptionsPage();
});
