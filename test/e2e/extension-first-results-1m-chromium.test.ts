import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemo, type RunningDemo } from '../../proxy/demo/start-demo.ts';
import { ensureExtensionBuilt } from '../../scripts/extension-build.ts';
import { launchChromiumWithExtension, saveSettings, type ChromiumWithExtension } from './helpers/chromium.ts';
import { screenshotPath } from './helpers/screenshots.ts';
import { seededLog } from './helpers/seeded-log.ts';
import { OPENING_HEADER, openingRow, openSidePanelTimed } from './helpers/side-panel-opening.ts';

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

let demo: RunningDemo;
let chromium: ChromiumWithExtension;

beforeAll(async () => {
  await ensureExtensionBuilt();
  const { dir, seededMs } = seededLog(ENTRIES);
  if (seededMs !== null) console.log(`seeded ${ENTRIES.toLocaleString('en-US')} entries in ${Math.round(seededMs / 1000)} s (kept in ${dir} for later runs)`);
  const started = performance.now();
  [demo, chromium] = await Promise.all([startDemo({ dataDir: dir, ephemeral: true, trafficWhenEmpty: false }), launchChromiumWithExtension()]);
  console.log(`Portal Audit ready over ${ENTRIES.toLocaleString('en-US')} entries in ${Math.round(performance.now() - started)} ms`);
  await saveSettings(chromium, { apiUrl: demo.audit.admin.url, token: readFileSync(join(dir, 'initial-admin-token'), 'utf8').trim() });
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
      const opening = await openSidePanelTimed(chromium);
      const { page } = opening;
      fresh.push(opening.freshMs);
      // The search ran over the million: the count says so.
      expect(await page.getByTestId('search-summary').textContent()).toMatch(/^\d+ of (about )?1,0\d\d,\d{3} match/);
      // From the second opening on, the results kept from the last one are on screen before the fresh answer.
      if (run > 1) expect(opening.kept).toBe(true);
      rows.push(openingRow(run, opening));
      if (run === OPENINGS) {
        // Two years of entries: the chart counts them by week or month, at most about 120 bars.
        const chart = page.getByTestId('activity-histogram');
        expect(['week', 'month']).toContain(await chart.getAttribute('data-bucket'));
        expect(await chart.getByTestId('histogram-bar').count()).toBeLessThanOrEqual(120);
        await page.screenshot({ path: screenshotPath('sidepanel-360-1m') });
      }
      await page.close();
    }
    const median = [...fresh].sort((a, b) => a - b)[Math.floor(fresh.length / 2)] ?? Number.NaN;
    console.log(
      [
        `First results after opening the side panel (360 px) at ${ENTRIES.toLocaleString('en-US')} entries (target ≤ 300 ms):`,
        OPENING_HEADER,
        ...rows,
        `median fresh results: ${Math.round(median)} ms`,
      ].join('\n'),
    );
  },
  5 * 60_000,
);
