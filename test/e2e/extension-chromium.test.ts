import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { launchChromiumWithExtension, saveSettings, type ChromiumWithExtension } from './helpers/chromium.ts';
import { answerTo, LIAM, OLIVIA, OPTIONS, POPUP, SIDEBAR, useDailyRig } from './helpers/daily-rig.ts';
import { changeStudentLevel, deleteStudent, signIn } from './helpers/portal.ts';
import { screenshotPath } from './helpers/screenshots.ts';
import { parseTsv } from '../helpers/delimited.ts';

/**
 * The whole admin story in a real Chromium with dist/chrome loaded, against the real demo portal behind the real
 * proxy and admin API: staff change things in the portal, the admin finds, drills into and copies those entries.
 * Each step stands alone: the rig's setup has staff change Liam's level and delete Olivia, and saves the settings;
 * the steps of a new admin (install, options) get a browser of their own.
 */

/** The few extension APIs a test page calls itself (no @types/chrome in this project: the extension uses browser.*). */
type ChromeGlobal = {
  chrome: {
    windows: { create(options: { url: string; focused: boolean }): Promise<unknown> };
    extension: { getViews(): Window[] };
    permissions: { getAll(): Promise<{ origins?: string[] }> };
  };
};

const rig = useDailyRig();
const office = () => rig().stack.portalUrl('Office Portal');

/** A browser of its own, as a new admin's: the extension just installed, nothing saved. */
async function withFreshChromium(test: (chromium: ChromiumWithExtension) => Promise<void>): Promise<void> {
  const chromium = await launchChromiumWithExtension();
  try {
    await test(chromium);
  } finally {
    await chromium.close();
  }
}

/** A tab of the Office Portal, signed in as its admin. */
async function officeTab(): Promise<Page> {
  const tab = await rig().chromium.context.newPage();
  await signIn(tab, office(), 'admin');
  return tab;
}

/**
 * Types like a person (the popup and sidebar search as you type, debounced) and waits for the answer to the whole
 * text, so that what the test reads next is not the list of an earlier, shorter query.
 */
async function search(page: Page, text: string): Promise<void> {
  const box = page.getByRole('searchbox', { name: 'Search the audit log' });
  const answered = answerTo(page, text);
  await box.fill('');
  await box.pressSequentially(text, { delay: 20 });
  expect((await answered).status()).toBe(200);
  await expect.poll(() => page.getByTestId('search-summary').textContent()).toMatch(/^\d+ of (about )?[\d,]+ match/);
}

describe('Portal Audit extension in Chromium', () => {
  it('loads: its service worker runs, the options page opens by itself on install, the popup page opens', () =>
    withFreshChromium(async (chromium) => {
      expect(chromium.extensionId).toMatch(/^[a-p]{32}$/);
      const options = chromium.installPage;
      expect(options?.url()).toBe(chromium.url(OPTIONS));
      await expect.poll(() => options?.getByLabel('Admin API URL').isVisible()).toBe(true);
      const page = await chromium.openExtensionPage(POPUP);
      await expect.poll(() => page.getByRole('heading', { name: 'Portal Audit' }).isVisible()).toBe(true);
      // No token yet: the popup says what to do instead of failing silently.
      await expect.poll(() => page.getByText('open Options and paste the token').isVisible()).toBe(true);
    }));

  it('staff change a level and delete a student through the Office Portal', async () => {
    // Students the rig's setup and the first-start traffic leave alone.
    const mateo = { id: 107, name: 'Mateo Garcia' };
    const mia = { id: 109, name: 'Mia Williams' };
    const tab = await officeTab();
    expect(await changeStudentLevel(tab, office(), mateo.id, 'Level 2')).toBe('Level 1');
    await expect.poll(() => tab.getByText('Level Level 2').isVisible()).toBe(true);
    expect(await deleteStudent(tab, mia.id)).toBe(200);
    await tab.goto(new URL(`/students/${mia.id}`, office()).href);
    await expect.poll(() => tab.getByText(`no student ${mia.id}`).isVisible()).toBe(true);
  });

  it('options: saves the admin API URL and token, "Test connection" says connected, and the log verifies', () =>
    withFreshChromium(async (chromium) => {
      const { stack } = rig();
      // The tab the extension opened on install, where a new admin pastes what `npm start` printed (the admin clicks
      // "Allow" on Chromium's host-permission prompt first; automation cannot click browser UI).
      const page = await saveSettings(chromium, { apiUrl: stack.adminUrl, token: stack.adminToken });
      expect(page).toBe(chromium.installPage);
      // The extension holds access to the admin API's host, and to no other site.
      const origins = await page.evaluate(() => (globalThis as unknown as ChromeGlobal).chrome.permissions.getAll().then((p) => p.origins ?? []));
      expect(origins).toEqual([`http://${new URL(stack.adminUrl).hostname}/*`]);
      expect(await page.getByText('was not granted').count()).toBe(0);
      await page.getByRole('button', { name: 'Test connection' }).click();
      await expect.poll(() => page.getByTestId('options-status').textContent(), { timeout: 10_000 }).toMatch(/^Connected as .+ \(admin\)/);

      // Saved for good: a fresh options page shows what was saved.
      await page.reload();
      await expect.poll(() => page.getByLabel('Admin API URL').inputValue()).toBe(stack.adminUrl);
      expect(await page.getByLabel('Token').inputValue()).toBe(stack.adminToken);

      // Proof that nobody rewrote history: the whole chain verifies, and the fingerprint it gives verifies later.
      await page.getByRole('button', { name: 'Verify the log' }).click();
      await expect.poll(() => page.getByTestId('log-integrity-result').textContent(), { timeout: 10_000 }).toMatch(/\d+ entries verified\./);
      const fingerprint = (await page.getByTestId('log-fingerprint').textContent())!;
      expect(fingerprint).toMatch(/^\d+:[0-9a-f]{64}$/);
      await page.getByLabel('Fingerprint you kept (optional)').fill(fingerprint);
      await page.getByRole('button', { name: 'Verify the log' }).click();
      await expect.poll(() => page.getByTestId('log-integrity-result').textContent(), { timeout: 10_000 }).toMatch(/entries verified\./);
      await page.screenshot({ path: screenshotPath('chromium-options'), fullPage: true });
    }));

  it('popup: a search with a typo ("Smtih") finds the deletion just made, then narrows by source', async () => {
    const page = await rig().chromium.openExtensionPage(POPUP);
    // The size the real popup has (.popup in extension/styles.css).
    await page.setViewportSize({ width: 480, height: 580 });
    await search(page, 'Smtih');
    const results = page.getByTestId('result-item');
    await expect.poll(() => results.evaluateAll((items) => items.map((i) => i.getAttribute('aria-label') ?? ''))).toContainEqual(`Deleted student ${OLIVIA.name} by Alex Morgan`);
    const deleted = results.filter({ hasText: `Deleted student ${OLIVIA.name}` });
    expect(await deleted.count()).toBe(1);
    expect(await deleted.textContent()).toContain('@admin');
    expect(await deleted.textContent()).toContain('Office Portal');
    // The kiosk's check-ins of Smith children are found too, before the source filter.
    const sourcesBefore = await results.evaluateAll((items) => items.map((i) => i.textContent ?? ''));
    expect(sourcesBefore.some((t) => !t.includes('Office Portal'))).toBe(true);

    // Source filter: only the Office Portal.
    const filter = page.getByTestId('filter-source');
    await filter.locator('summary').click();
    await filter.getByRole('checkbox', { name: /^Office Portal/ }).check();
    await expect.poll(() => filter.locator('summary').textContent()).toBe('Source (1)');
    await expect
      .poll(async () => (await results.evaluateAll((items) => items.map((i) => i.textContent ?? ''))).every((t) => t.includes('Office Portal')), {
        timeout: 10_000,
      })
      .toBe(true);
    expect(await deleted.count()).toBe(1);
    await filter.locator('summary').click();
    await page.screenshot({ path: screenshotPath('chromium-popup') });

    // Clear source puts all sources back.
    await filter.locator('summary').click();
    await filter.getByRole('button', { name: 'Clear source' }).click();
    await expect.poll(() => filter.locator('summary').textContent()).toBe('Source: all');
    await page.close();
  });

  it('sidebar: drills into the level update (before → after) and opens the student in the portal', async () => {
    // The admin is signed in to the Office Portal (the rig's setup ends signed in as a family on the same host).
    await (await officeTab()).close();
    const page = await rig().chromium.openExtensionPage(SIDEBAR);
    await search(page, `updated ${LIAM.name}`);
    const rows = page.getByTestId('result-row');
    // Polling the rows' text (not a count) so that a failure shows what the admin saw instead.
    await expect.poll(() => rows.evaluateAll((trs) => trs.map((tr) => tr.textContent ?? '')), { timeout: 10_000 }).toContainEqual(expect.stringContaining(`Updated student ${LIAM.name}: level`));
    const row = rows.filter({ hasText: `Updated student ${LIAM.name}` });
    expect(await row.count()).toBe(1);
    await row.getByRole('button', { name: 'Show affected records' }).click();

    const drilldown = page.getByTestId('drilldown');
    await drilldown.waitFor();
    const level = drilldown.getByTestId('field-change').filter({ has: page.getByRole('rowheader', { name: 'level' }) });
    expect(await level.locator('.before').textContent()).toBe('Level 3');
    expect(await level.locator('.after').textContent()).toBe('Level 4');

    // The magnifying glass opens the student's page in the portal, in a new tab.
    const [studentTab] = await Promise.all([rig().chromium.context.waitForEvent('page'), drilldown.getByRole('link', { name: `Open student ${LIAM.name} in the portal` }).click()]);
    await studentTab.waitForLoadState();
    expect(studentTab.url()).toBe(new URL(`/students/${LIAM.id}`, office()).href);
    await expect.poll(() => studentTab.getByRole('heading', { name: LIAM.name }).isVisible()).toBe(true);
    await studentTab.close();

    // Back returns to the list.
    await drilldown.getByRole('button', { name: 'Back to results' }).click();
    await expect.poll(() => row.count()).toBe(1);
    await page.close();
  });

  it('sidebar: selects three rows (click, shift-click) and copies them as TSV with a header row', async () => {
    await rig().chromium.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await rig().chromium.openExtensionPage(SIDEBAR);
    await search(page, 'Smith');
    const rows = page.getByTestId('result-row');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(3);

    await rows.nth(0).getByRole('checkbox').click();
    await rows
      .nth(2)
      .getByRole('checkbox')
      .click({ modifiers: ['Shift'] });
    await expect.poll(() => page.getByTestId('selection-count').textContent()).toBe('3 selected');
    const chosen = await rows.evaluateAll((trs) => trs.slice(0, 3).map((tr) => tr.getAttribute('data-entry-id')));

    await page.getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => page.getByTestId('selection-message').textContent()).toBe('Copied 3 entries.');

    const text = await page.evaluate(() => navigator.clipboard.readText());
    const table = parseTsv(text);
    expect(table).toHaveLength(4);
    const [header, ...body] = table as [string[], ...string[][]];
    expect(header.slice(0, 7)).toEqual([expect.stringMatching(/^Date and Time \(/), 'Member Name', 'Username', 'Source', 'IP Address', 'Action', 'Affected Records']);
    for (const row of body) expect(row).toHaveLength(header.length);
    expect(body.map((r) => r[header.indexOf('Entry ID')])).toEqual(chosen);
    expect(body.every((r) => /Smith/.test(r.join('\t')))).toBe(true);
    // Tab-separated as a spreadsheet pastes it: the first line is the header's cells joined by tabs.
    expect(text.split(/\r?\n/)[0]).toBe(header.join('\t'));
    await page.screenshot({ path: screenshotPath('chromium-sidebar'), fullPage: true });
    await page.close();
  });

  it('sidebar: "This record" shows the history of the student the portal tab shows', async () => {
    const sidebar = await rig().chromium.openExtensionPage(SIDEBAR);
    await sidebar.getByRole('heading', { name: 'Portal Audit' }).waitFor();
    // The portal tab becomes the active tab, with the sidebar page beside it, as when the admin browses the portal.
    const portalTab = await officeTab();
    await portalTab.goto(new URL(`/students/${LIAM.id}`, office()).href);
    await portalTab.bringToFront();

    const thisRecord = sidebar.getByTestId('this-record');
    await expect.poll(() => thisRecord.locator('summary').textContent(), { timeout: 10_000 }).toMatch(new RegExp(`^This record: student ${LIAM.name} #${LIAM.id} — \\d+ entr`));
    const update = thisRecord.getByTestId('record-history-item').filter({ hasText: `Updated student ${LIAM.name}` });
    await expect.poll(() => update.count()).toBe(1);
    const level = update.getByTestId('field-change').filter({ has: sidebar.getByRole('rowheader', { name: 'level' }) });
    expect(await level.locator('.before').textContent()).toBe('Level 3');
    expect(await level.locator('.after').textContent()).toBe('Level 4');
    // The search below it has answered too, so the picture is complete.
    await expect.poll(() => sidebar.getByTestId('search-summary').textContent(), { timeout: 10_000 }).toMatch(/^\d+ of (about )?[\d,]+ match/);
    await sidebar.screenshot({ path: screenshotPath('chromium-sidebar-this-record'), fullPage: true });

    // Another student's page: the sidebar follows the tab.
    await portalTab.goto(new URL('/students/101', office()).href);
    await expect.poll(() => thisRecord.locator('summary').textContent(), { timeout: 10_000 }).toMatch(/^This record: student .*#101/);
    await sidebar.close();
  });

  it('popup: "Open in sidebar" opens Chrome\'s side panel on the same search, beside the portal tab', async () => {
    const popup = await rig().chromium.openExtensionPage(POPUP);
    await search(popup, LIAM.name);
    // A page in a window of its own reads the side panel's DOM (the side panel is no Playwright page), without
    // taking the active tab of the portal's window.
    const [reader] = await Promise.all([
      rig().chromium.context.waitForEvent('page'),
      popup.evaluate((url) => (globalThis as unknown as ChromeGlobal).chrome.windows.create({ url, focused: false }), rig().chromium.url(OPTIONS)),
    ]);
    await reader.waitForLoadState();
    await popup.getByRole('button', { name: 'Open in sidebar' }).click();
    await expect.poll(() => popup.isClosed()).toBe(true);
    const portalTab = await officeTab();
    await portalTab.goto(new URL(`/students/${LIAM.id}`, office()).href);
    await portalTab.bringToFront();

    const panel = () =>
      reader.evaluate(() => {
        const view = (globalThis as unknown as ChromeGlobal).chrome.extension.getViews().find((v) => v.location.pathname.endsWith('/sidebar/index.html'));
        if (!view) return null;
        return {
          query: view.document.querySelector<HTMLInputElement>('input[type="search"]')?.value,
          thisRecord: view.document.querySelector('[data-testid="this-record"] summary')?.textContent ?? null,
          // The real side panel is 360 px wide: results are cards there, not table rows.
          width: view.innerWidth,
          tableRows: view.document.querySelectorAll('[data-testid="result-row"]').length,
          rows: [...view.document.querySelectorAll('[data-testid="result-item"]')].map((card) => card.textContent ?? ''),
        };
      });
    await expect.poll(panel, { timeout: 10_000 }).toMatchObject({
      query: LIAM.name,
      thisRecord: expect.stringMatching(new RegExp(`^This record: student ${LIAM.name} #${LIAM.id}`)),
      tableRows: 0,
      rows: expect.arrayContaining([expect.stringContaining(`Updated student ${LIAM.name}: level`)]),
    });
    await reader.close();
  });
});
