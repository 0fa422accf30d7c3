import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureExtensionBuilt } from '../../scripts/extension-build.ts';
import { seriousViolations } from './helpers/axe.ts';
import { launchFirefoxWithExtension, saveSettings, settled, type FirefoxWithExtension } from './helpers/firefox.ts';
import { screenshotPath } from './helpers/screenshots.ts';
import { startE2eStack, type E2eStack } from './helpers/stack.ts';

/**
 * Accessibility in Firefox ESR's dark mode (issue 12): dist/firefox in a profile whose pages prefer dark, against the
 * demo; axe-core's own bundle runs inside the real popup, sidebar (table and 360 px cards) and options pages and finds
 * no serious or critical violation. (The light scheme is checked in extension-firefox.test.ts.)
 */

let stack: E2eStack;
let firefox: FirefoxWithExtension;

beforeAll(async () => {
  await ensureExtensionBuilt();
  [stack, firefox] = await Promise.all([startE2eStack(), launchFirefoxWithExtension(undefined, { colorScheme: 'dark' })]);
  const options = await saveSettings(firefox, { apiUrl: stack.adminUrl, token: stack.adminToken });
  await options.close();
}, 180_000);

afterAll(async () => {
  await firefox?.close();
  await stack?.close();
});

it('axe-core finds no serious or critical violation in dark mode: popup, sidebar at 1280 and 360 px, options', { timeout: 90_000 }, async () => {
  const visits: Array<{ name: string; path: string; ready: string; width: number; height: number }> = [
    { name: 'popup', path: 'extension/popup/index.html', ready: '[data-testid="result-item"]', width: 480, height: 580 },
    { name: 'sidebar-1280', path: 'extension/sidebar/index.html', ready: '[data-testid="result-row"]', width: 1280, height: 800 },
    { name: 'sidebar-360', path: 'extension/sidebar/index.html', ready: '[data-testid="result-item"]', width: 360, height: 800 },
    { name: 'options', path: 'extension/options/index.html', ready: 'input[name="apiUrl"]', width: 1280, height: 800 },
  ];
  const found: Record<string, string[]> = {};
  for (const { name, path, ready, width, height } of visits) {
    const page = await firefox.openExtensionPage(path, 'body');
    await page.setViewport({ width, height });
    await expect.poll(async () => (await page.$(ready).catch(() => null)) !== null).toBe(true);
    await settled(page);
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
    const violations = await seriousViolations(page);
    if (violations.length > 0) found[name] = violations;
    await page.screenshot({ path: screenshotPath(`firefox-a11y-${name}-dark`) });
    await page.close();
  }
  expect(found).toEqual({});
});
