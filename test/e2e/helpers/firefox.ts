import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { firefoxDist } from '../../../scripts/extension-build.ts';

export function firefoxPath(): string {
  for (const p of ['/usr/bin/firefox-esr', '/usr/lib/firefox-esr/firefox-esr']) if (existsSync(p)) return p;
  throw new Error('Firefox ESR is not installed: run `bash .ci/install-browsers` (apt-get install -y firefox-esr)');
}

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
