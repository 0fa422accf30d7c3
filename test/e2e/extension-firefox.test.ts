import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BROWSER_UA, Visitor } from '../../proxy/demo/traffic-client.ts';
import { ensureExtensionBuilt } from '../../scripts/extension-build.ts';
import { seriousViolations } from './helpers/axe.ts';
import { launchFirefoxWithExtension, OPTIONS_PAGE, resetExtension, saveSettings, settled, textOf, type FirefoxWithExtension } from './helpers/firefox.ts';
import { screenshotPath } from './helpers/screenshots.ts';
import { startE2eStack, type E2eStack } from './helpers/stack.ts';

/**
 * dist/firefox in Debian's firefox-esr, driven by puppeteer-core over WebDriver BiDi, against the real demo behind
 * the real proxy and admin API: the options page takes the URL and token, and the popup page shows results.
 */

/** The extension APIs the test calls from an extension page itself. */
type BrowserGlobal = {
  browser: {
    permissions: { getAll(): Promise<{ origins?: string[] }>; remove(permissions: { origins: string[] }): Promise<boolean> };
    storage: { local: { clear(): Promise<void> } };
  };
};

/** The hosts the extension may reach, read in an extension page. */
const origins = (page: Page) => page.evaluate(() => (globalThis as unknown as BrowserGlobal).browser.permissions.getAll().then((p) => p.origins ?? []));

let stack: E2eStack;
let firefox: FirefoxWithExtension;
/** The options page setup saved the settings on: kept open for resetExtension. */
let control: Page;

beforeAll(async () => {
  await ensureExtensionBuilt();
  [stack, firefox] = await Promise.all([startE2eStack(), launchFirefoxWithExtension()]);
  // A family (Jane Smith, family 1) tries to change another family's phone: the portal answers 403.
  const jane = new Visitor(stack.portalUrl('Customer Portal'), 'Customer Portal', 'jane.smith', BROWSER_UA, []);
  expect((await jane.act('signs in', 'POST', '/login', { username: 'jane.smith', password: 'password' }, 303, true)).status).toBe(303);
  expect((await jane.act('changes family 2', 'PATCH', '/api/families/2', { phone: '000' }, 403)).status).toBe(403);
  control = await saveSettings(firefox, settings());
}, 180_000);

afterAll(async () => {
  await firefox?.close();
  await stack?.close();
});

// Each test starts from the settings saved and nothing else: it passes alone and in any order.
beforeEach(() => resetExtension(firefox, control, settings()));

const settings = () => ({ apiUrl: stack.adminUrl, token: stack.adminToken });

/** Polls the text of `selector` until it matches; returns it. */
async function waitForText(page: Page, selector: string, pattern: RegExp): Promise<string> {
  await expect.poll(() => textOf(page, selector), { timeout: 15_000 }).toMatch(pattern);
  return textOf(page, selector);
}

/**
 * Opens an extension page at a size and searches: types `text` and waits for its first word's chip, since until the
 * debounced search runs the list still shows the results of the query before.
 */
async function openAndSearch(path: string, viewport: { width: number; height: number }, text: string): Promise<Page> {
  const page = await firefox.openExtensionPage(path, 'input[type="search"]');
  await page.setViewport(viewport);
  await page.locator('input[type="search"]').fill(text);
  await waitForText(page, '[data-testid="query-chip"]', new RegExp(`^${text.split(' ')[0]}`));
  return page;
}

/** The text of each element matching `selector` ([] while there is none). */
const textsOf = (page: Page, selector: string) => page.$$eval(selector, (els) => els.map((el) => el.textContent ?? '')).catch((): string[] => []);

describe('Portal Audit extension in Firefox ESR', () => {
  it('options: saves the admin API URL and token, and "Test connection" says connected', async () => {
    // As a new admin finds it: nothing saved, no host granted (setup saved and granted both for the other tests).
    const host = `http://${new URL(stack.adminUrl).hostname}/*`;
    await control.evaluate(async (origin) => {
      const { browser } = globalThis as unknown as BrowserGlobal;
      await browser.permissions.remove({ origins: [origin] });
      await browser.storage.local.clear();
    }, host);
    const page = await firefox.openExtensionPage(OPTIONS_PAGE, 'input[name="apiUrl"]');
    expect(await origins(page)).toEqual([]);
    await page.locator('input[name="apiUrl"]').fill(stack.adminUrl);
    await page.locator('input[name="token"]').fill(stack.adminToken);
    await page.locator('button[type="submit"]').click();
    expect(await waitForText(page, '[data-testid="options-status"]', /^Saved/)).toBe('Saved.');
    // Save asked for the admin API's host (and only that host) at run time, and it was granted.
    await expect.poll(() => origins(page), { timeout: 5_000 }).toEqual([host]);
    await page.locator('::-p-text(Test connection)').click();
    expect(await waitForText(page, '[data-testid="options-status"]', /^Connected as/)).toMatch(/^Connected as .+ \(admin\)/);
    await page.close();
  });

  it('popup: searching "Smith" shows the demo traffic\'s entries', async () => {
    // The size the real popup has (.popup in extension/styles.css).
    const page = await openAndSearch('extension/popup/index.html', { width: 480, height: 580 }, 'Smith');
    // The first-start traffic deleted Noah Smith through the Office Portal as admin.
    const noah = (t: string) => t.includes('Deleted student Noah Smith') && t.includes('Alex Morgan') && t.includes('Office Portal');
    await expect.poll(() => textsOf(page, '[data-testid="result-item"]'), { timeout: 15_000 }).toContainEqual(expect.toSatisfy(noah));
    const items = await textsOf(page, '[data-testid="result-item"]');
    expect(items.filter((t) => !/Smith/.test(t))).toEqual([]);
    expect(await textOf(page, '[data-testid="search-summary"]')).toMatch(new RegExp(`^${items.length} of \\d+ match`));
    await page.screenshot({ path: screenshotPath('firefox-popup') });
    await page.close();
  });

  it("sidebar: the table shows the popup's search with every column, under the activity histogram", async () => {
    // The popup's search is kept in storage, so the sidebar opens on it ("Smith").
    await (await openAndSearch('extension/popup/index.html', { width: 480, height: 580 }, 'Smith')).close();
    const page = await firefox.openExtensionPage('extension/sidebar/index.html', '[data-testid="results-table"]');
    const headers = await page.$$eval('[data-testid="results-table"] th', (els) => els.map((el) => el.textContent?.trim() ?? ''));
    expect(headers.filter(Boolean)).toEqual(['Date and Time', 'Member Name', 'Username', 'Source', 'IP Address', 'Action', 'Affected Records']);
    await expect
      .poll(() => textsOf(page, '[data-testid="result-row"]'), { timeout: 15_000 })
      .toContainEqual(expect.toSatisfy((t: string) => t.includes('Deleted student Noah Smith') && t.includes('Alex Morgan')));
    const rows = await textsOf(page, '[data-testid="result-row"]');
    expect(rows.filter((t) => !/Smith/.test(t))).toEqual([]);
    expect(await page.$('[data-testid="activity-histogram"]')).not.toBeNull();
    await page.setViewport({ width: 1280, height: 800 });
    await page.screenshot({ path: screenshotPath('firefox-sidebar') });
    await page.close();
  });

  it("sidebar at 360 px (Firefox's narrow sidebar): cards with source, IP and the records button in view, zone shown, chart bars focusable", async () => {
    const page = await firefox.openExtensionPage('extension/sidebar/index.html', 'input[type="search"]');
    await page.setViewport({ width: 360, height: 800 });
    await page.locator('input[type="search"]').fill('');
    await expect.poll(async () => (await textsOf(page, '[data-testid="result-item"]')).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(6);
    await settled(page);
    expect(await page.$('[data-testid="results-table"]')).toBeNull();
    const layout = await page.$$eval('[data-testid="result-item"]', (els) =>
      els.map((el) => {
        const card = el.getBoundingClientRect();
        const book = el.querySelector('button')?.getBoundingClientRect();
        return { lines: el.querySelectorAll('.card-line').length, inView: card.bottom <= innerHeight && card.right <= innerWidth, bookRight: book ? book.right : 0 };
      }),
    );
    expect(layout.filter((c) => c.inView).length).toBeGreaterThanOrEqual(6);
    expect(layout.every((c) => c.lines === 3 && c.bookRight <= 360)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await textOf(page, '[data-testid="timezone-note"]')).toMatch(/^Times in \S+$/);
    const bars = await page.$$eval('[data-testid="histogram-bar"]', (gs) => gs.map((g) => ({ tabIndex: (g as SVGGElement).tabIndex, label: g.getAttribute('aria-label') ?? '' })));
    expect(bars.length).toBeGreaterThan(0);
    expect(bars.every((b) => b.tabIndex === 0 && /: [\d,]+ match(es)?$/.test(b.label))).toBe(true);
    await page.screenshot({ path: screenshotPath('firefox-sidebar-360') });
    await page.close();
  });

  it('sidebar at 360 px: the denied change reads "403 denied" and "before unknown", never "(empty)"', async () => {
    const page = await openAndSearch('extension/sidebar/index.html', { width: 360, height: 800 }, 'failed family');
    const denied = async () =>
      page
        .$$eval('[data-testid="result-item"]', (els) =>
          els
            .filter((el) => el.textContent?.includes('Failed to update family'))
            .map((el) => ({ text: el.textContent ?? '', badge: el.querySelector('[data-testid="outcome-badge"]')?.textContent ?? null })),
        )
        .catch(() => []);
    await expect.poll(denied, { timeout: 15_000 }).toHaveLength(1);
    const [found] = await denied();
    expect(found?.badge).toBe('403 denied');
    expect(found?.text).toContain('phone before unknown → 000');
    expect(found?.text).not.toContain('(empty)');
    await page.screenshot({ path: screenshotPath('firefox-sidebar-360-denied') });
    await page.close();
  });

  it('axe-core finds no serious or critical violation in the popup, the sidebar and the options page', async () => {
    const pages: Array<[string, string]> = [
      ['extension/popup/index.html', '[data-testid="result-item"]'],
      ['extension/sidebar/index.html', '[data-testid="result-item"], [data-testid="result-row"]'],
      ['extension/options/index.html', 'input[name="apiUrl"]'],
    ];
    const found: Record<string, string[]> = {};
    for (const [path, ready] of pages) {
      const page = await firefox.openExtensionPage(path, ready);
      await settled(page);
      const violations = await seriousViolations(page);
      if (violations.length > 0) found[path] = violations;
      await page.close();
    }
    expect(found).toEqual({});
  });
});
