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
import { grantHostPermission, launchChromiumWithExtension } from '../e2e/helpers/chromium.ts';
import { seededLog } from '../e2e/helpers/seeded-log.ts';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SIDEBAR = 'extension/sidebar/index.html';

await ensureExtensionBuilt();
const { dir: dataDir, seededMs } = seededLog(ENTRIES);
if (seededMs !== null) console.log(`seeded ${ENTRIES} entries in ${Math.round(seededMs / 1000)} s (kept for later runs)`);
let started = performance.now();
const demo = await startDemo({ dataDir, ephemeral: true, trafficWhenEmpty: false });
console.log(`proxy and admin API ready over ${ENTRIES.toLocaleString('en-US')} entries in ${Math.round(performance.now() - started)} ms`);
const chromium = await launchChromiumWithExtension();
try {
  const adminUrl = demo.audit.admin.url;
  await grantHostPermission(chromium, adminUrl);
  const options = chromium.installPage!;
  await options.getByLabel('Admin API URL').fill(adminUrl);
  await options.getByLabel('Token').fill(readFileSync(join(dataDir, 'initial-admin-token'), 'utf8').trim());
  await options.getByRole('button', { name: 'Save' }).click();
  await options.getByText('Saved.').waitFor();

  console.log('\nopening  stored results on screen  fresh results on screen  server answered');
  for (let run = 1; run <= RUNS; run++) {
    const page = await chromium.context.newPage();
    await page.setViewportSize({ width: 360, height: 800 });
    let answered = Number.NaN;
    page.on('response', (r) => {
      if (new URL(r.url()).pathname === '/api/entries' && Number.isNaN(answered)) answered = performance.now() - started;
    });
    started = performance.now();
    await page.goto(chromium.url(SIDEBAR), { waitUntil: 'commit' });
    const card = page.getByTestId('result-item').first();
    await card.waitFor({ timeout: 60_000 });
    const stored = performance.now() - started;
    await page.locator('[data-testid="results-scroller"][aria-busy="false"]').waitFor({ timeout: 60_000 });
    const fresh = performance.now() - started;
    const storedText = stored < fresh - 5 ? `${Math.round(stored)} ms` : '—';
    console.log(`${String(run).padStart(7)}  ${storedText.padStart(22)}  ${`${Math.round(fresh)} ms`.padStart(23)}  ${`${Math.round(answered)} ms`.padStart(15)}`);
    await page.close();
  }
} finally {
  await chromium.close();
  await demo.close();
}
