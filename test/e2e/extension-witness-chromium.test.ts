import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPortalAudit, type PortalAudit } from '../../proxy/app.ts';
import { ensureExtensionBuilt } from '../../scripts/extension-build.ts';
import { rewriteLog } from '../helpers/rewrite-log.ts';
import { seriousViolations } from './helpers/axe.ts';
import { launchChromiumWithExtension, saveSettings, type ChromiumWithExtension } from './helpers/chromium.ts';
import { screenshotPath } from './helpers/screenshots.ts';
import { startE2eStack, type E2eStack } from './helpers/stack.ts';

/**
 * Every admin's browser is a witness, in a real Chromium with dist/chrome: the browser has seen the log, an insider
 * rewrites it under it (every hash recomputed, re-signed with the log's own key) and restarts Portal Audit on the
 * same data folder and port; the popup then shows the red banner, and it stays. Its own stack and browser, so it
 * does not depend on other tests or their order.
 */

const POPUP = 'extension/popup/index.html';

/** The one extension API the test reads itself (the extension uses browser.*; no @types/chrome here). */
type ChromeStorage = { chrome: { storage: { local: { get(key: string): Promise<{ witness?: { checkpoint: string } }> } } } };

let stack: E2eStack;
let chromium: ChromiumWithExtension;
let restarted: PortalAudit | null = null;

beforeAll(async () => {
  await ensureExtensionBuilt();
  [stack, chromium] = await Promise.all([startE2eStack(), launchChromiumWithExtension()]);
}, 180_000);

afterAll(async () => {
  await chromium?.close();
  if (restarted) {
    await restarted.close();
    rmSync(stack.dataDir, { recursive: true, force: true });
  } else await stack?.close();
});

it('a log rewritten under a browser that has seen it: the popup shows the red banner, and it stays after a reload', async () => {
  // Set up as an admin does: the admin API and token saved, the log's key pinned on the options page.
  const options = await saveSettings(chromium, { apiUrl: stack.adminUrl, token: stack.adminToken });
  // Pinned only once the demo traffic is signed, so the kept checkpoint covers the whole log.
  const head = stack.demo.audit.store.head().seq;
  await expect.poll(async () => (await (await fetch(`${stack.adminUrl}/api/checkpoint`, { headers: { Authorization: `Bearer ${stack.adminToken}` } })).json()).size, { timeout: 10_000 }).toBe(head);
  await options.reload();
  await options.getByRole('button', { name: "Pin the log's key" }).click();
  await expect.poll(() => options.getByTestId('witness-fingerprint').textContent(), { timeout: 10_000 }).toMatch(/\S/);

  // The popup sees the log: no banner, the checkpoint kept.
  const popup = await chromium.openExtensionPage(POPUP);
  await popup.setViewportSize({ width: 480, height: 580 });
  await expect.poll(() => popup.getByTestId('search-summary').textContent(), { timeout: 15_000 }).toMatch(/^\d+ of (about )?[\d,]+ match/);
  expect(await popup.getByRole('alert').count()).toBe(0);
  const kept = () => popup.evaluate(() => (globalThis as unknown as ChromeStorage).chrome.storage.local.get('witness').then((s) => s.witness?.checkpoint ?? ''));
  await expect.poll(kept, { timeout: 10_000 }).toContain(`\n${head}\n`);
  await popup.close();

  // The insider stops Portal Audit, rewrites entry 3 with every later hash recomputed, re-signs, and starts it again.
  const adminListen = new URL(stack.adminUrl).host;
  await stack.demo.close();
  await rewriteLog(
    stack.dataDir,
    (lines) => {
      const forged = lines[2]!.replace(/"member":"[^"]*"/, '"member":"Someone Else"');
      expect(forged).not.toBe(lines[2]);
      lines[2] = forged;
    },
    { rechainFrom: 2, resign: true },
  );
  restarted = await startPortalAudit({ config: { ...stack.demo.config, admin: { ...stack.demo.config.admin, listen: adminListen } } });
  expect(restarted.admin.url).toBe(stack.adminUrl);

  const again = await chromium.openExtensionPage(POPUP);
  await again.setViewportSize({ width: 480, height: 580 });
  const banner = again.getByTestId('witness-banner');
  const expected = new RegExp(`^The log was rewritten after \\S+: ${head} entries up to #${head} are no longer what this browser saw`);
  await expect.poll(() => banner.textContent({ timeout: 1_000 }).catch(() => null), { timeout: 15_000 }).toMatch(expected);
  await again.screenshot({ path: screenshotPath('chromium-witness-banner') });
  // Readable in light and dark: axe-core finds no serious or critical violation (its text and "Copy evidence" ≥ 4.5:1).
  for (const colorScheme of ['light', 'dark'] as const) {
    await again.emulateMedia({ colorScheme });
    expect(await seriousViolations(again), colorScheme).toEqual([]);
  }
  await again.screenshot({ path: screenshotPath('chromium-witness-banner-dark') });
  await again.emulateMedia({ colorScheme: 'light' });
  // It does not go away by itself.
  await again.reload();
  await expect.poll(() => banner.textContent({ timeout: 1_000 }).catch(() => null), { timeout: 15_000 }).toMatch(expected);
  await again.close();
}, 120_000);
