import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { expect, vi } from 'vitest';
import { firefoxDist } from '../../../scripts/extension-build.ts';
import type { Settings } from './chromium.ts';
import { installedBrowser } from './installed-browser.ts';

export const firefoxPath = () => installedBrowser('firefox-esr', ['/usr/bin/firefox-esr', '/usr/lib/firefox-esr/firefox-esr']);

export interface FirefoxWithExtension {
  browser: Browser;
  /** The gecko id from dist/firefox/manifest.json. */
  addonId: string;
  /** The pinned moz-extension UUID. */
  uuid: string;
  /** moz-extension://<uuid>/<path> */
  url(path: string): string;
  /**
   * Opens an extension page in a new tab. Navigation to moz-extension pages never reports completion over
   * WebDriver BiDi, so the goto is not awaited: wait for the page's own content instead (`ready` selector).
   */
  openExtensionPage(path: string, ready: string): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Debian's firefox-esr driven by puppeteer-core over WebDriver BiDi, with dist/firefox installed as a temporary
 * add-on. The moz-extension UUID is random per profile unless pinned: the `extensions.webextensions.uuids` pref maps
 * the gecko id to a UUID chosen here, so extension URLs are known before install.
 *
 * Host permission: the options page asks for the admin API's host at run time (optional_host_permissions). Firefox
 * asks the user in a doorhanger that BiDi cannot click, and headless the request resolves without granting
 * anything. `extensions.webextOptionalPermissionPrompts: false` makes `permissions.request()` grant without the
 * prompt, so the extension ends up as it would for an admin who clicked "Allow" (checked by the test).
 */
export async function launchFirefoxWithExtension(extensionDir = firefoxDist, { colorScheme }: { colorScheme?: 'light' | 'dark' } = {}): Promise<FirefoxWithExtension> {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8'));
  const addonId: string | undefined = manifest.browser_specific_settings?.gecko?.id;
  if (!addonId) throw new Error(`${extensionDir}/manifest.json has no browser_specific_settings.gecko.id`);
  const uuid = randomUUID();
  const userDataDir = mkdtempSync(join(tmpdir(), 'portal-audit-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    userDataDir,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [addonId]: uuid }),
      'extensions.webextOptionalPermissionPrompts': false,
      // puppeteer's media emulation is CDP-only: over BiDi the scheme is chosen for the whole profile (0 dark, 1 light).
      ...(colorScheme ? { 'layout.css.prefers-color-scheme.content-override': colorScheme === 'dark' ? 0 : 1 } : {}),
    },
  });
  const close = async () => {
    await browser.close().catch(() => {});
    rmSync(userDataDir, { recursive: true, force: true });
  };
  try {
    const installedId = await browser.installExtension(extensionDir);
    if (installedId !== addonId) throw new Error(`installed add-on id ${installedId}, expected ${addonId}`);
    const url = (path: string) => `moz-extension://${uuid}/${path.replace(/^\//, '')}`;
    return {
      browser,
      addonId,
      uuid,
      url,
      async openExtensionPage(path: string, ready: string) {
        const page = await browser.newPage();
        void page.goto(url(path)).catch(() => {});
        // While the tab swaps about:blank for the extension page, Firefox's BiDi can fail a query outright
        // ("right-hand side of 'in' should be an object") instead of waiting: ask again until the page is there.
        const deadline = Date.now() + 20_000;
        for (;;) {
          const found = await page.$(ready).catch(() => null);
          if (found) return page;
          if (Date.now() > deadline) throw new Error(`${path} did not show ${ready} within 20 s`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

export const OPTIONS_PAGE = 'extension/options/index.html';

/** The text of the first element matching `selector`, or '' while there is none. */
export const textOf = (page: Page, selector: string) => page.$eval(selector, (el) => el.textContent ?? '').catch(() => '');

/**
 * Saves the admin API's URL and token on a new options page, as an admin does after `npm start` (the host permission
 * is granted without a prompt, see launchFirefoxWithExtension); returns that page.
 */
export async function saveSettings(firefox: FirefoxWithExtension, settings: Settings): Promise<Page> {
  const options = await firefox.openExtensionPage(OPTIONS_PAGE, 'input[name="apiUrl"]');
  await options.locator('input[name="apiUrl"]').fill(settings.apiUrl);
  await options.locator('input[name="token"]').fill(settings.token);
  await options.locator('button[type="submit"]').click();
  // vi.waitFor, not expect.poll: setup calls this from beforeAll.
  await vi.waitFor(async () => expect(await textOf(options, '[data-testid="options-status"]')).toBe('Saved.'), { timeout: 15_000, interval: 100 });
  return options;
}

/** The one extension API the reset calls from an extension page. */
type BrowserStorage = { browser: { storage: { local: { clear(): Promise<void>; set(items: object): Promise<void> } } } };

/**
 * The extension as the admin finds it right after saving `settings`, whatever a test before did: every page but
 * `keep` (an extension page) closed, and storage holding the settings only (no search, kept results or witness state).
 */
export async function resetExtension(firefox: FirefoxWithExtension, keep: Page, settings: Settings): Promise<void> {
  for (const page of await firefox.browser.pages()) if (page !== keep) await page.close();
  await keep.evaluate(async (saved) => {
    const { browser } = globalThis as unknown as BrowserStorage;
    await browser.storage.local.clear();
    await browser.storage.local.set({ settings: saved });
  }, settings);
}

/** Waits until no search is on its way (nothing marked aria-busy). */
export async function settled(page: Page): Promise<void> {
  await expect.poll(async () => (await page.$('[aria-busy="true"]').catch(() => null)) === null, { timeout: 15_000 }).toBe(true);
}
