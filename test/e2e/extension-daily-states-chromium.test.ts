import { describe, expect, it } from 'vitest';
import { holdSearches, OPTIONS, search, SIDEBAR, STEP_TIMEOUT, useDailyRig } from './helpers/daily-rig.ts';
import { screenshotPath } from './helpers/screenshots.ts';

/**
 * The extension as an admin's daily tool (issue 12), its honest states, in Chromium 156 with dist/chrome against the
 * demo: a running search dims the results it replaces, an error replaces count, chart and results, the first search
 * starts at once over the last results kept in storage; and the options page's placeholder and "not an admin API".
 */

const rig = useDailyRig();

describe('honest states', STEP_TIMEOUT, () => {
  it('dims the previous results and marks them busy while a search runs; the count stays theirs', async () => {
    const page = await rig().open(SIDEBAR, 1280);
    await search(page, 'Smith');
    const rows = page.getByTestId('result-row');
    const before = await rows.count();
    const gate = await holdSearches(page);
    await page.getByRole('searchbox').fill('Garcia');
    await expect.poll(gate.held).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('results-scroller').getAttribute('aria-busy')).toBe('true');
    expect(await page.getByTestId('searching').isVisible()).toBe(true);
    expect(await page.getByTestId('results-table').evaluate((el) => Number(getComputedStyle(el).opacity))).toBeLessThan(1);
    expect(await rows.count()).toBe(before);
    expect(await page.getByTestId('search-summary').textContent()).toMatch(new RegExp(`^${before} of `));
    await page.screenshot({ path: screenshotPath('sidebar-1280-busy') });
    gate.release();
    await expect.poll(() => page.getByTestId('results-scroller').getAttribute('aria-busy')).toBe('false');
    const after = await rows.count();
    expect(await page.getByTestId('search-summary').textContent()).toMatch(new RegExp(`^${after} of `));
    expect(await rows.evaluateAll((trs) => trs.every((tr) => /Garcia/i.test(tr.textContent ?? '')))).toBe(true);
    await page.close();
  });

  it('an error replaces the count, the chart and the results', async () => {
    const page = await rig().open(SIDEBAR, 1280);
    await search(page, 'Smith');
    expect(await page.getByTestId('activity-histogram').count()).toBe(1);
    await page.route(/\/api\/entries\?/, (route) => route.abort('connectionrefused'));
    await page.getByRole('searchbox').fill('Smith Garcia');
    await page.getByTestId('error-state').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('error-state').textContent()).toContain('Server unreachable');
    expect(await page.getByTestId('search-summary').count()).toBe(0);
    expect(await page.getByTestId('activity-histogram').count()).toBe(0);
    expect(await page.getByTestId('result-row').count()).toBe(0);
    expect(await page.getByTestId('query-chip').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('sidebar-1280-error') });
    await page.close();
  });

  it('starts the first search at once and shows the last results from storage while it runs', async () => {
    // Search "Smith" once, so that storage holds its answer.
    const first = await rig().open(SIDEBAR, 1280);
    await search(first, 'Smith');
    const stored = await first.getByTestId('result-row').count();
    await first.close();

    const page = await rig().chromium.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    const gate = await holdSearches(page);
    // The facets (portals, staff, the zone) are held for good: the first search must not wait for them.
    await page.route(/\/api\/facets$/, () => undefined);
    const started = Date.now();
    await page.goto(rig().chromium.url(SIDEBAR));
    await expect.poll(gate.held).toBeGreaterThan(0);
    // Stored results, marked busy, before the server has answered.
    await expect.poll(() => page.getByTestId('result-row').count()).toBe(stored);
    expect(await page.getByTestId('results-scroller').getAttribute('aria-busy')).toBe('true');
    await page.screenshot({ path: screenshotPath('sidebar-1280-stored-results') });
    gate.release();
    await expect.poll(() => page.getByTestId('results-scroller').getAttribute('aria-busy')).toBe('false');
    // One search, not one per debounce or per facets answer.
    expect(gate.held()).toBe(1);
    console.log(`first search asked ${gate.held()} time(s); fresh results ${Date.now() - started} ms after opening (demo log, server held until released)`);
    await page.close();
  });
});

describe('options', STEP_TIMEOUT, () => {
  it('a placeholder instead of a value, no literal backticks, and "not a Portal Audit admin API" for a portal URL', async () => {
    const page = await rig().chromium.openExtensionPage(OPTIONS);
    await page.getByLabel('Admin API URL').waitFor();
    expect(await page.getByLabel('Admin API URL').getAttribute('placeholder')).toBe('http://127.0.0.1:7070');
    expect(await page.locator('body').innerText()).not.toContain('`');
    await page.getByLabel('Admin API URL').fill(rig().stack.portalUrl('Office Portal'));
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => page.getByTestId('options-status').textContent(), { timeout: 10_000 }).toContain('is not a Portal Audit admin API');
    await page.screenshot({ path: screenshotPath('options-not-api') });
    await page.close();
  });
});
