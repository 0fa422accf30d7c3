import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemo, type RunningDemo } from '../../proxy/demo/start-demo.ts';
import { ensureExtensionBuilt } from '../../scripts/extension-build.ts';
import { grantHostPermission, launchChromiumWithExtension, type ChromiumWithExtension } from './helpers/chromium.ts';
import { screenshotPath } from './helpers/screenshots.ts';
import { seededLog } from './helpers/seeded-log.ts';

/**
 * First results at 1,000,000 entries (issue 12's target: ≤ 300 ms after opening), in Chromium 156 with dist/chrome,
 * the side panel at 360 px, against Portal Audit over a generated million-entry log. The figures are printed, never
 * asserted: a wall-clock threshold on 2 shared cores would fail on load, not on a regression. What is asserted is
 * that the search really ran over the million and that the kept results showed before the fresh ones.
 *
 * The log is made once and reused (.tmp/e2e-1m, shared with `npm run bench:extension`): on a clean clone the first
 * run seeds it and lets Portal Audit build its search index, which is what the long hook timeout is for.
 */

const ENTRIES = 1_000_000;
const OPENINGS = 3;
const SIDEBAR = 'extension/sidebar/index.html';

let demo: RunningDemo;
let chromium: ChromiumWithExtension;

beforeAll(async () => {
  await ensureExtensionBuilt();
  const { dir, seededMs } = seededLog(ENTRIES);
  if (seededMs !== null) console.log(`seeded ${ENTRIES.toLocaleString('en-US')} entries in ${Math.round(seededMs / 1000)} s (kept in ${dir} for later runs)`);
  const started = performance.now();
  [demo, chromium] = await Promise.all([startDemo({ dataDir: dir, ephemeral: true, trafficWhenEmpty: false }), launchChromiumWithExtension()]);
  console.log(`Portal Audit ready over ${ENTRIES.toLocaleString('en-US')} entries in ${Math.round(performance.now() - started)} ms`);
  const adminUrl = demo.audit.admin.url;
  await grantHostPermission(chromium, adminUrl);
  const options = chromium.installPage!;
  await options.getByLabel('Admin API URL').fill(adminUrl);
  await options.getByLabel('Token').fill(readFileSync(join(dir, 'initial-admin-token'), 'utf8').trim());
  await options.getByRole('button', { name: 'Save' }).click();
  await options.getByText('Saved.').waitFor({ timeout: 30_000 });
}, 45 * 60_000);

afterAll(async () => {
  await chromium?.close();
  await demo?.close();
});

it(
  'shows first results soon after the side panel opens at 1,000,000 entries (figures printed)',
  async () => {
    const rows: string[] = [];
    const fresh: number[] = [];
    for (let run = 1; run <= OPENINGS; run++) {
      const page = await chromium.context.newPage();
      await page.setViewportSize({ width: 360, height: 800 });
      let answered = Number.NaN;
      page.on('response', (r) => {
        if (new URL(r.url()).pathname === '/api/entries' && Number.isNaN(answered)) answered = performance.now() - started;
      });
      const started = performance.now();
      await page.goto(chromium.url(SIDEBAR), { waitUntil: 'commit' });
      await page.getByTestId('result-item').first().waitFor({ timeout: 60_000 });
      const firstOnScreen = performance.now() - started;
      await page.locator('[data-testid="results-scroller"][aria-busy="false"]').waitFor({ timeout: 60_000 });
      const freshOnScreen = performance.now() - started;
      fresh.push(freshOnScreen);
      // The search ran over the million: the count says so.
      expect(await page.getByTestId('search-summary').textContent()).toMatch(/^\d+ of (about )?1,0\d\d,\d{3} match/);
      // From the second opening on, the results kept from the last one are on screen before the fresh answer.
      const kept = firstOnScreen < freshOnScreen - 5;
      if (run > 1) expect(kept).toBe(true);
      rows.push(
        `${String(run).padStart(7)}  ${(kept ? `${Math.round(firstOnScreen)} ms` : '—').padStart(22)}  ${`${Math.round(freshOnScreen)} ms`.padStart(23)}  ${`${Math.round(answered)} ms`.padStart(15)}`,
      );
      if (run === OPENINGS) {
        // Two years of entries: the chart counts them by week or month, at most about 120 bars.
        const chart = page.getByTestId('activity-histogram');
        expect(['week', 'month']).toContain(await chart.getAttribute('data-bucket'));
        expect(await chart.getByTestId('histogram-bar').count()).toBeLessThanOrEqual(120);
        await page.screenshot({ path: screenshotPath('sidepanel-360-1m') });
      }
      await page.close();
    }
    const median = [...fresh].sort((a, b) => a - b)[Math.floor(fresh.length / 2)]!;
    console.log(
      [
        `First results after opening the side panel (360 px) at ${ENTRIES.toLocaleString('en-US')} entries (target ≤ 300 ms):`,
        'opening  stored results on screen  fresh results on screen  server answered',
        ...rows,
        `median fresh results: ${Math.round(median)} ms`,
      ].join('\n'),
    );
  },
  5 * 60_000,
);
