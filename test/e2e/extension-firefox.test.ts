import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_UA, Visitor } from '../../proxy/demo/traffic-client.ts';
import { ensureExtensionBuilt } from '../../scripts/extension-build.ts';
import { seriousViolations } from './helpers/axe.ts';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from './helpers/firefox.ts';
import { screenshotPath } from './helpers/screenshots.ts';
import { startE2eStack, type E2eStack } from './helpers/stack.ts';

/**
 * dist/firefox in Debian's firefox-esr, driven by puppeteer-core over WebDriver BiDi, against the real demo behind
 * the real proxy and admin API: the options page takes the URL and token, and the popup page shows results.
 */

/** The one extension API the test calls from an extension page itself. */
type BrowserGlobal = { browser: { permissions: { getAll(): Promise<{ origins?: string[] }> } } };

let stack: E2eStack;
let firefox: FirefoxWithExtension;

beforeAll(async () => {
  await ensureExtensionBuilt();
  [stack, firefox] = await Promise.all([startE2eStack(), launchFirefoxWithExtension()]);
  // A family (Jane Smith, family 1) tries to change another family's phone: the portal answers 403.
  const jane = new Visitor(stack.portalUrl('Customer Portal'), 'Customer Portal', 'jane.smith', BROWSER_UA, []);
  expect((await jane.act('signs in', 'POST', '/login', { username: 'jane.smith', password: 'password' }, 303, true)).status).toBe(303);
  expect((await jane.act('changes family 2', 'PATCH', '/api/families/2', { phone: '000' }, 403)).status).toBe(403);
}, 180_000);

afterAll(async () => {
  await firefox?.close();
  await stack?.close();
});

const text = (page: Page, selector: string) => page.$eval(selector, (el) => el.textContent ?? '').catch(() => '');

async function waitForText(page: Page, selector: string, pattern: RegExp, timeout = 15_000): Promise<string> {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    last = await text(page, selector);
    if (pattern.test(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${selector} never matched ${pattern}; last text: ${JSON.stringify(last)}`);
}

describe('Portal Audit extension in Firefox ESR', () => {
  it('options: saves the admin API URL and token, and "Test connection" says connected', async () => {
    const page = await firefox.openExtensionPage('extension/options/index.html', 'input[name="apiUrl"]');
    await page.locator('input[name="apiUrl"]').fill(stack.adminUrl);
    await page.locator('input[name="token"]').fill(stack.adminToken);
    await page.locator('button[type="submit"]').click();
    expect(await waitForText(page, '[data-testid="options-status"]', /^Saved/)).toBe('Saved.');
    // Save asked for the admin API's host (and only that host) at run time, and it was granted.
    const host = `http://${new URL(stack.adminUrl).hostname}/*`;
    const origins = () => page.evaluate(() => (globalThis as unknown as BrowserGlobal).browser.permissions.getAll().then((p) => p.origins ?? []));
    const deadline = Date.now() + 5_000;
    while (!(await origins()).includes(host) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await origins()).toEqual([host]);
    await page.locator('::-p-text(Test connection)').click();
    expect(await waitForText(page, '[data-testid="options-status"]', /^Connected as/)).toMatch(/^Connected as .+ \(admin\)/);
    await page.close();
  });

  it('popup: searching "Smith" shows the demo traffic\'s entries', async () => {
    const page = await firefox.openExtensionPage('extension/popup/index.html', 'input[type="search"]');
    // The size the real popup has (.popup in extension/styles.css).
    await page.setViewport({ width: 480, height: 580 });
    await page.locator('input[type="search"]').fill('Smith');
    // Before the debounced search runs, the list still shows the empty query's results: wait for the chip.
    await waitForText(page, '[data-testid="query-chip"]', /^Smith/);
    const deadline = Date.now() + 15_000;
    let items: string[] = [];
    const found = (list: string[]) =>
      list.length > 0 &&
      list.every((t) => /Smith/.test(t)) &&
      // The first-start traffic deleted Noah Smith through the Office Portal as admin.
      list.some((t) => t.includes('Deleted student Noah Smith') && t.includes('Alex Morgan') && t.includes('Office Portal'));
    while (Date.now() < deadline) {
      items = await page.$$eval('[data-testid="result-item"]', (els) => els.map((el) => el.textContent ?? '')).catch(() => []);
      if (found(items)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(items.length).toBeGreaterThan(0);
    expect(items.filter((t) => !/Smith/.test(t))).toEqual([]);
    expect(found(items)).toBe(true);
    expect(await text(page, '[data-testid="search-summary"]')).toMatch(new RegExp(`^${items.length} of \\d+ match`));
    await page.screenshot({ path: screenshotPath('firefox-popup') });
    await page.close();
  });

  it('sidebar: the table shows the same search with every column, under the activity histogram', async () => {
    // The popup's search is kept in storage, so the sidebar opens on it ("Smith").
    const page = await firefox.openExtensionPage('extension/sidebar/index.html', '[data-testid="results-table"]');
    const headers = await page.$$eval('[data-testid="results-table"] th', (els) => els.map((el) => el.textContent?.trim() ?? ''));
    expect(headers.filter(Boolean)).toEqual(['Date and Time', 'Member Name', 'Username', 'Source', 'IP Address', 'Action', 'Affected Records']);
    const deadline = Date.now() + 15_000;
    let rows: string[] = [];
    while (Date.now() < deadline) {
      rows = await page.$$eval('[data-testid="result-row"]', (els) => els.map((el) => el.textContent ?? '')).catch(() => []);
      if (rows.some((t) => t.includes('Deleted student Noah Smith'))) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(rows.some((t) => t.includes('Deleted student Noah Smith') && t.includes('Alex Morgan'))).toBe(true);
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
    const deadline = Date.now() + 15_000;
    let cards = 0;
    while (Date.now() < deadline) {
      cards = (await page.$$('[data-testid="result-item"]').catch(() => [])).length;
      const busy = await page.$eval('[data-testid="results-scroller"]', (el) => el.getAttribute('aria-busy')).catch(() => 'true');
      if (cards >= 6 && busy === 'false') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(cards).toBeGreaterThanOrEqual(6);
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
    expect(await text(page, '[data-testid="timezone-note"]')).toMatch(/^Times in \S+$/);
    const bars = await page.$$eval('[data-testid="histogram-bar"]', (gs) => gs.map((g) => ({ tabIndex: (g as SVGGElement).tabIndex, label: g.getAttribute('aria-label') ?? '' })));
    expect(bars.length).toBeGreaterThan(0);
    expect(bars.every((b) => b.tabIndex === 0 && /: [\d,]+ match(es)?$/.test(b.label))).toBe(true);
    await page.screenshot({ path: screenshotPath('firefox-sidebar-360') });
    await page.close();
  });

  it('sidebar at 360 px: the denied change reads "403 denied" and "before unknown", never "(empty)"', async () => {
    const page = await firefox.openExtensionPage('extension/sidebar/index.html', 'input[type="search"]');
    await page.setViewport({ width: 360, height: 800 });
    await page.locator('input[type="search"]').fill('failed family');
    await waitForText(page, '[data-testid="query-chip"]', /^failed/);
    const denied = async () =>
      page
        .$$eval('[data-testid="result-item"]', (els) =>
          els
            .filter((el) => el.textContent?.includes('Failed to update family'))
            .map((el) => ({ text: el.textContent ?? '', badge: el.querySelector('[data-testid="outcome-badge"]')?.textContent ?? null })),
        )
        .catch(() => []);
    const deadline = Date.now() + 15_000;
    let found = await denied();
    while (found.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      found = await denied();
    }
    expect(found).toHaveLength(1);
    expect(found[0]!.badge).toBe('403 denied');
    expect(found[0]!.text).toContain('phone before unknown → 000');
    expect(found[0]!.text).not.toContain('(empty)');
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
      // Settled: no search on its way.
      const deadline = Date.now() + 15_000;
      while ((await page.$('[aria-busy="true"]').catch(() => null)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const violations = await seriousViolations(page);
      if (violations.length > 0) found[path] = violations;
      await page.close();
    }
    expect(found).toEqual({});
  });
});
