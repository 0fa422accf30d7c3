/**
 * `npm run bench:extension`: how soon the side panel shows results after it opens, at 1,000,000 entries
 * (issue 12's target: fresh results ≤ 300 ms). Real Chromium with dist/chrome at 360 px against the demo
 * proxy over a generated log (cached under .tmp/e2e-1m, made once with `dev seed`). For each opening it
 * prints when the last results kept in storage were on screen and when the fresh answer replaced them.
 * Not a test: it prints figures. BENCH_ENTRIES changes the size, BENCH_RUNS the number of openings.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDemo } from '../../proxy/demo/start-demo.ts';
import { ensureExtensionBuilt } from '../../scripts/extension-build.ts';
import { launchChromiumWithExtension, saveSettings } from '../e2e/helpers/chromium.ts';
import { seededLog } from '../e2e/helpers/seeded-log.ts';
import { OPENING_HEADER, openingRow, openSidePanelTimed } from '../e2e/helpers/side-panel-opening.ts';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

await ensureExtensionBuilt();
const { dir: dataDir, seededMs } = seededLog(ENTRIES);
if (seededMs !== null) console.log(`seeded ${ENTRIES} entries in ${Math.round(seededMs / 1000)} s (kept for later runs)`);
const started = performance.now();
const demo = await startDemo({ dataDir, ephemeral: true, trafficWhenEmpty: false });
console.log(`proxy and admin API ready over ${ENTRIES.toLocaleString('en-US')} entries in ${Math.round(performance.now() - started)} ms`);
const chromium = await launchChromiumWithExtension();
try {
  await saveSettings(chromium, { apiUrl: demo.audit.admin.url, token: readFileSync(join(dataDir, 'initial-admin-token'), 'utf8').trim() });

  console.log(`\n${OPENING_HEADER}`);
  for (let run = 1; run <= RUNS; run++) {
    const opening = await openSidePanelTimed(chromium);
    console.log(openingRow(run, opening));
    await opening.page.close();
  }
} finally {
  await chromium.close();
  await demo.close();
}
