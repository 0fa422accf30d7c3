import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { chromeDist } from '../../../scripts/extension-build.ts';
import { installedBrowser } from './installed-browser.ts';
import type { Settings } from '../../../extension/lib/settings.ts';

/** Debian's wrapper first (it adds its own flags), the bare binary as the fallback. */
export const chromiumPath = () => installedBrowser('chromium', ['/usr/bin/chromium', '/usr/lib/chromium/chromium']);

export const OPTIONS_PAGE = 'extension/options/index.html';

/** What the options page saves. */
export type { Settings } from '../../../extension/lib/settings.ts';

export interface ChromiumWithExtension {
  context: BrowserContext;
  extensionId: string;
  /** The options page the extension opened by itself on install, if it did (a new admin's first step). */
  installPage: Page | null;
  /** chrome-extension://<id>/<path> */
  url(path: string): string;
  /** Opens an extension page as an ordinary tab and waits for it to load. */
  openExtensionPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Chromium with dist/chrome loaded as an unpacked extension, in a persistent context on a fresh temp profile.
 * The extension id depends on the absolute path of dist/chrome: it is read from the service worker's URL.
 */
export async function launchChromiumWithExtension(extensionDir = chromeDist): Promise<ChromiumWithExtension> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'portal-audit-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--headless=new',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    let [worker] = context.serviceWorkers();
    worker ??= await context.waitForEvent('serviceworker', { timeout: 15_000 });
    const extensionId = new URL(worker.url()).host;
    const url = (path: string) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`;
    // An extension that opens its options page on install does so through Chromium's "singleton tab" logic, which
    // takes over a blank tab: a page the test opens meanwhile would be navigated away under it. Let that happen first.
    const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8'));
    const optionsPage: string | undefined = manifest.options_ui?.page ?? manifest.options_page;
    let installPage: Page | null = null;
    if (optionsPage) {
      const isOptions = (p: Page) => p.url().startsWith(url(optionsPage));
      installPage = context.pages().find(isOptions) ?? (await context.waitForEvent('page', { predicate: isOptions, timeout: 3_000 }).catch(() => null)) ?? context.pages().find(isOptions) ?? null;
      if (installPage) await installPage.waitForLoadState();
    }
    return {
      context,
      extensionId,
      installPage,
      url,
      async openExtensionPage(path: string) {
        const page = await context.newPage();
        await page.goto(url(path));
        return page;
      },
      async close() {
        await context.close().catch(() => {});
        rmSync(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await context.close().catch(() => {});
    rmSync(userDataDir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Grants the extension access to one host, as an admin who clicked "Allow" on Chromium's permission prompt would.
 * That prompt is browser UI which no automation protocol can click (a `permissions.request()` from the options page
 * would wait on it forever in headless Chromium); chrome://extensions' own API (developerPrivate, what its
 * "Site access" controls call) grants the optional host permission, after which `permissions.request()` for it
 * resolves true at once with no prompt.
 */
export async function grantHostPermission(browser: ChromiumWithExtension, origin: string): Promise<void> {
  const page = await browser.context.newPage();
  try {
    await page.goto('chrome://extensions');
    const pattern = `${new URL(origin).protocol}//${new URL(origin).hostname}/*`;
    const error = await page.evaluate(
      async ({ id, pattern }) => {
        const dp = (globalThis as unknown as { chrome?: { developerPrivate?: { addHostPermission(id: string, host: string): Promise<void> } } }).chrome?.developerPrivate;
        if (!dp) return 'chrome.developerPrivate is not available on chrome://extensions';
        try {
          await dp.addHostPermission(id, pattern);
          return null;
        } catch (err) {
          return (err as Error).message;
        }
      },
      { id: browser.extensionId, pattern },
    );
    if (error) throw new Error(`could not grant ${pattern} to the extension: ${error}`);
  } finally {
    await page.close();
  }
}

/**
 * Saves the admin API's URL and token on the options page (the tab the extension opened on install, or a new one),
 * as an admin does after `npm start`, with the API's host granted first; returns that page.
 */
export async function saveSettings(browser: ChromiumWithExtension, settings: Settings): Promise<Page> {
  await grantHostPermission(browser, settings.apiUrl);
  const options = browser.installPage ?? (await browser.openExtensionPage(OPTIONS_PAGE));
  await options.getByLabel('Admin API URL').fill(settings.apiUrl);
  await options.getByLabel('Token').fill(settings.token);
  await options.getByRole('button', { name: 'Save' }).click();
  await options.getByText('Saved.').waitFor({ timeout: 30_000 });
  return options;
}

/** The few extension APIs the reset calls (no @types/chrome in this project: the extension uses browser.*). */
type ChromeForReset = {
  chrome: {
    storage: { local: { clear(): Promise<void>; set(items: object): Promise<void> } };
    windows: { getAll(): Promise<Array<{ id?: number }>> };
    sidePanel?: { close?(options: { windowId: number }): Promise<void> };
  };
};

/**
 * The extension as the admin finds it right after saving `settings`, whatever a test before did: every page but
 * `keep` (an extension page) closed, the side panel too; storage holding the settings only (no search, kept results
 * or witness state); no clipboard permission.
 */
export async function resetExtension(browser: ChromiumWithExtension, keep: Page, settings: Settings): Promise<void> {
  for (const page of browser.context.pages()) if (page !== keep) await page.close();
  await keep.evaluate(async (saved) => {
    const { chrome } = globalThis as unknown as ChromeForReset;
    for (const { id } of await chrome.windows.getAll()) {
      // Rejects when the window has no panel open.
      if (id !== undefined) await chrome.sidePanel?.close?.({ windowId: id }).catch(() => undefined);
    }
    await chrome.storage.local.clear();
    await chrome.storage.local.set({ settings: saved });
  }, settings);
  await browser.context.clearPermissions();
}
