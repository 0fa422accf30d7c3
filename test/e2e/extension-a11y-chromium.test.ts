import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from './helpers/axe.ts';
import { OLIVIA, OPTIONS, POPUP, search, SIDEBAR, STEP_TIMEOUT, useDailyRig } from './helpers/daily-rig.ts';
import { screenshotPath } from './helpers/screenshots.ts';

/**
 * Accessibility of the extension's pages (issue 12), in Chromium 156 with dist/chrome against the demo: axe-core's own
 * bundle runs inside the real popup, sidebar and options pages, in light and in dark, in each state an admin meets
 * (results with a "403 denied" badge, cards, the table and its histogram, a drilldown, an error), and finds no serious
 * or critical violation. Its color-contrast rule holds all our text (none is large) to at least 4.5:1.
 */

const rig = useDailyRig();

const SCHEMES = ['light', 'dark'] as const;

/** Violations of the page in each scheme, by "<state> (<scheme>)"; each state is also saved as a screenshot. */
async function auditBothSchemes(page: Page, state: string): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    const violations = await seriousViolations(page);
    if (violations.length > 0) found[`${state} (${scheme})`] = violations;
    await page.screenshot({ path: screenshotPath(`a11y-${state}-${scheme}`) });
  }
  return found;
}

describe('axe-core finds no serious or critical violation, light and dark', STEP_TIMEOUT, () => {
  it('popup: results as cards with a "403 denied" badge, one ticked', async () => {
    const page = await rig().open(POPUP, 480, 580);
    await search(page, 'failed family');
    const denied = page.getByTestId('result-item').filter({ hasText: 'Failed to update family' });
    await expect.poll(() => denied.count()).toBe(1);
    await denied.getByRole('checkbox').click();
    expect(await auditBothSchemes(page, 'popup-denied')).toEqual({});
    await page.close();
  });

  it('sidebar at 360 px: cards; and the drilldown of a deleted record', async () => {
    const page = await rig().open(SIDEBAR, 360);
    await search(page, '');
    await expect.poll(() => page.getByTestId('result-item').count()).toBeGreaterThanOrEqual(6);
    const found = await auditBothSchemes(page, 'sidepanel-360');
    await search(page, `deleted ${OLIVIA.name}`);
    const card = page.getByTestId('result-item').filter({ hasText: `Deleted student ${OLIVIA.name}` });
    await card.getByRole('button', { name: 'Show affected records' }).click();
    await page.getByTestId('record-deleted').waitFor();
    Object.assign(found, await auditBothSchemes(page, 'sidepanel-360-drilldown'));
    expect(found).toEqual({});
    await page.close();
  });

  it('sidebar at 1280 px: the table with its badge and the histogram; and an error', async () => {
    const page = await rig().open(SIDEBAR, 1280);
    await search(page, '');
    await page.getByTestId('results-table').waitFor();
    await page.getByTestId('histogram-bar').first().waitFor();
    const found = await auditBothSchemes(page, 'sidebar-1280');
    await page.route(/\/api\/entries\?/, (route) => route.abort('connectionrefused'));
    await page.getByRole('searchbox').fill('Smith Garcia');
    await page.getByTestId('error-state').waitFor({ timeout: 10_000 });
    Object.assign(found, await auditBothSchemes(page, 'sidebar-1280-error'));
    expect(found).toEqual({});
    await page.close();
  });

  it('options: saved settings, a connection tested, and a refused URL', async () => {
    const page = await rig().chromium.openExtensionPage(OPTIONS);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => page.getByTestId('options-status').textContent(), { timeout: 10_000 }).toMatch(/^Connected as/);
    const found = await auditBothSchemes(page, 'options-connected');
    await page.getByLabel('Admin API URL').fill(rig().stack.portalUrl('Office Portal'));
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => page.getByTestId('options-status').textContent(), { timeout: 10_000 }).toContain('is not a Portal Audit admin API');
    Object.assign(found, await auditBothSchemes(page, 'options-not-api'));
    expect(found).toEqual({});
    await page.close();
  });
});
