import type { Page } from 'playwright-core';
import type { ChromiumWithExtension } from './chromium.ts';

export interface SidePanelOpening {
  /** The side panel page, left open for more checks. */
  page: Page;
  /** ms from navigation until the first result was on screen (the results kept from last time, when there are any). */
  firstMs: number;
  /** ms until the fresh results were (nothing marked busy any more). */
  freshMs: number;
  /** ms until the server answered the search. */
  answeredMs: number;
  /** The kept results were on screen before the fresh ones. */
  kept: boolean;
}

/** What each column of openingRow says. */
export const OPENING_HEADER = 'opening  stored results on screen  fresh results on screen  server answered';

/**
 * Opens the side panel's page in a new tab at the real panel's 360 px and times when results show: what the e2e at 1M
 * asserts on and `npm run bench:extension` prints.
 */
export async function openSidePanelTimed(chromium: ChromiumWithExtension): Promise<SidePanelOpening> {
  const page = await chromium.context.newPage();
  await page.setViewportSize({ width: 360, height: 800 });
  let answeredMs = Number.NaN;
  const started = performance.now();
  page.on('response', (r) => {
    if (new URL(r.url()).pathname === '/api/entries' && Number.isNaN(answeredMs)) answeredMs = performance.now() - started;
  });
  await page.goto(chromium.url('extension/sidebar/index.html'), { waitUntil: 'commit' });
  await page.getByTestId('result-item').first().waitFor({ timeout: 60_000 });
  const firstMs = performance.now() - started;
  await page.locator('[data-testid="results-scroller"][aria-busy="false"]').waitFor({ timeout: 60_000 });
  const freshMs = performance.now() - started;
  return { page, firstMs, freshMs, answeredMs, kept: firstMs < freshMs - 5 };
}

/** One line under OPENING_HEADER. */
export function openingRow(run: number, { firstMs, freshMs, answeredMs, kept }: SidePanelOpening): string {
  const ms = (value: number) => `${Math.round(value)} ms`;
  return `${String(run).padStart(7)}  ${(kept ? ms(firstMs) : '—').padStart(22)}  ${ms(freshMs).padStart(23)}  ${ms(answeredMs).padStart(15)}`;
}
