import { describe, expect, it } from 'vitest';
import { LIAM, OLIVIA, POPUP, search, SIDEBAR, STEP_TIMEOUT, toDocs, useDailyRig } from './helpers/daily-rig.ts';
import { screenshotPath } from './helpers/screenshots.ts';

/**
 * The extension as an admin's daily tool (issue 12), its layout, in Chromium 156 with dist/chrome against the demo:
 * the real side panel's 360 px (cards, the outcome badge, values in the action, the keyboard), a 1280 px sidebar tab
 * (the table, the histogram, the drilldown of a deleted record) and the popup (cards, the badge, Copy).
 */

const rig = useDailyRig();

describe('the side panel at 360 px', STEP_TIMEOUT, () => {
  it('shows each result as a compact card, at least six fully in view, with source, IP and the records button on screen', async () => {
    const page = await rig().open(SIDEBAR, 360);
    await search(page, '');
    expect(await page.getByTestId('results-table').count()).toBe(0);
    const cards = page.getByTestId('result-item');
    await expect.poll(() => cards.count()).toBeGreaterThanOrEqual(6);
    // Nothing runs off to the right.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: screenshotPath('sidepanel-360') });
    // Measured in one pass in the page: a round trip per card takes longer than the test may on 2 busy cores.
    const shown = await cards.evaluateAll((lis) =>
      lis
        .map((li) => ({ li, box: li.getBoundingClientRect() }))
        .filter(({ box }) => box.top >= 0 && box.bottom <= innerHeight + 0.5 && box.right <= innerWidth + 0.5)
        .map(({ li }) => {
          const lines = [...li.querySelectorAll('.card-line')];
          const book = li.querySelector('button[aria-label="Show affected records"]')?.getBoundingClientRect();
          return {
            lines: lines.length,
            timeFirst: !!lines[0]?.querySelector('time'),
            actionSecond: !!lines[1]?.classList.contains('result-action'),
            third: lines[2]?.textContent ?? '',
            bookInView: !book || (book.left >= 0 && book.right <= innerWidth + 0.5 && book.bottom <= innerHeight + 0.5),
          };
        }),
    );
    const inView = shown.length;
    // Time and who first, the action second, source · IP and the records button third, in view.
    for (const card of shown) {
      expect(card).toMatchObject({ lines: 3, timeFirst: true, actionSecond: true, bookInView: true });
      expect(card.third).toMatch(/ · \d+\.\d+\.\d+\.\d+|::/);
    }
    console.log(`side panel 360×800: ${inView} results fully visible`);
    expect(inView).toBeGreaterThanOrEqual(6);
    expect(await page.getByTestId('timezone-note').textContent()).toBe(`Times in ${rig().timezone}`);
    toDocs('sidepanel-360', 'side-panel-360.png');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: screenshotPath('sidepanel-360-dark') });
    await page.close();
  });

  it('marks the denied change "403 denied", reads "before unknown" instead of "(empty)", shows values in the action, and a payment\'s amount', async () => {
    const page = await rig().open(SIDEBAR, 360);
    await search(page, 'failed family');
    const denied = page.getByTestId('result-item').filter({ hasText: 'Failed to update family' });
    await expect.poll(() => denied.count()).toBe(1);
    expect(await denied.getByTestId('outcome-badge').textContent()).toBe('403 denied');
    expect(await denied.textContent()).toContain('phone before unknown → 000');
    expect(await denied.textContent()).not.toContain('(empty)');
    await page.screenshot({ path: screenshotPath('sidepanel-360-denied') });

    await search(page, `updated ${LIAM.name}`);
    const update = page.getByTestId('result-item').filter({ hasText: `Updated student ${LIAM.name}` });
    await expect.poll(() => update.count()).toBe(1);
    expect(await update.locator('.result-action').textContent()).toContain('level Level 3 → Level 4');

    // A payment keeps its amount (the front desk took $130 by card from John Smith in the demo's traffic).
    await search(page, 'payment');
    const payment = page.getByTestId('result-item').filter({ hasText: 'John Smith' }).locator('.result-action');
    await expect.poll(() => payment.count()).toBe(1);
    expect(await payment.textContent()).toMatch(/\$130\.00/);
    await page.close();
  });

  it('keyboard: ArrowDown from the box enters the results, Up/Down move, Space ticks, Enter drills down, Escape goes back, Tab goes result to result', async () => {
    const page = await rig().open(SIDEBAR, 360);
    await search(page, 'Smith');
    const cards = page.getByTestId('result-item');
    await expect.poll(() => cards.count()).toBeGreaterThanOrEqual(3);
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-entry-id') ?? document.activeElement?.tagName);
    const id = (i: number) => cards.nth(i).getAttribute('data-entry-id');
    await page.getByRole('searchbox').focus();
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe(await id(0));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toBe(await id(1));
    await page.keyboard.press('Space');
    expect(await page.getByTestId('selection-count').textContent()).toBe('1 selected');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe(await id(2));
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page.getByTestId('drilldown').waitFor();
    await page.screenshot({ path: screenshotPath('sidepanel-360-drilldown') });
    await page.keyboard.press('Escape');
    await expect.poll(focused).toBe(await id(1));
    await page.close();
  });
});

describe('the sidebar at 1280 px', STEP_TIMEOUT, () => {
  it('shows the full table with the badge, and the histogram: ticks, tooltip, focusable labelled bars, click, drag and a chip that clears', async () => {
    const page = await rig().open(SIDEBAR, 1280);
    await search(page, '');
    await page.getByTestId('results-table').waitFor();
    expect(await page.getByTestId('result-item').count()).toBe(0);
    const denied = page.getByTestId('result-row').filter({ hasText: 'Failed to update family' });
    expect(await denied.getByTestId('outcome-badge').textContent()).toBe('403 denied');
    expect(await page.getByTestId('timezone-note').textContent()).toBe(`Times in ${rig().timezone}`);

    const chart = page.getByTestId('activity-histogram');
    // The demo's traffic is from today: the API counts it by the hour.
    expect(await chart.getAttribute('data-bucket')).toBe('hour');
    const bars = chart.getByTestId('histogram-bar');
    const n = await bars.count();
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThanOrEqual(120);
    expect(await chart.getByTestId('histogram-tick').count()).toBeGreaterThan(0);
    expect(await bars.evaluateAll((gs) => gs.map((g) => (g as SVGGElement).tabIndex))).toEqual(Array(n).fill(0));
    const labels = await bars.evaluateAll((gs) => gs.map((g) => g.getAttribute('aria-label') ?? ''));
    for (const label of labels) expect(label).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:00: [\d,]+ match(es)?$/);
    const busiest = labels.findIndex((l) => !l.endsWith(': 0 matches'));
    const busiestCount = Number(labels[busiest]!.match(/: ([\d,]+) match/)![1]!.replace(/,/g, ''));

    await bars.nth(busiest).hover();
    expect(await page.getByRole('tooltip').textContent()).toBe(labels[busiest]);
    await page.screenshot({ path: screenshotPath('sidebar-1280') });
    toDocs('sidebar-1280', 'sidebar-1280.png');

    // Enter on a focused bar narrows the search to its hour; the chip clears it.
    const narrowed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/entries' && new URL(r.url()).searchParams.has('from'));
    await bars.nth(busiest).focus();
    await page.keyboard.press('Enter');
    const from = new URL((await narrowed).url()).searchParams;
    expect(from.get('from')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:00:00\.000Z$/);
    const chip = page.getByTestId('range-chip');
    expect(await chip.textContent()).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:00×$/);
    await expect.poll(() => page.getByTestId('result-row').count()).toBe(Math.min(busiestCount, 50));
    await page.screenshot({ path: screenshotPath('sidebar-1280-narrowed') });
    await chip.getByRole('button').click();
    await expect.poll(() => chip.count()).toBe(0);

    // A click on a bar narrows too.
    await expect.poll(() => bars.count()).toBe(n);
    await bars.nth(busiest).click();
    await expect.poll(() => chip.textContent()).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:00×$/);
    await chip.getByRole('button').click();
    await expect.poll(() => chip.count()).toBe(0);

    // Dragging across bars narrows to their span (when there is more than one bar).
    await expect.poll(() => bars.count()).toBe(n);
    if (n > 1) {
      const a = (await bars.nth(0).boundingBox())!;
      const b = (await bars.nth(n - 1).boundingBox())!;
      await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
      await page.mouse.down();
      await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
      await page.mouse.up();
      await expect.poll(() => chip.textContent()).toMatch(/ – /);
      await chip.getByRole('button').click();
    }
    await page.close();
  });

  it('drills into a deleted record: "deleted", and no link that would 404', async () => {
    const page = await rig().open(SIDEBAR, 1280);
    await search(page, `deleted ${OLIVIA.name}`);
    const row = page.getByTestId('result-row').filter({ hasText: `Deleted student ${OLIVIA.name}` });
    await expect.poll(() => row.count()).toBe(1);
    await row.getByRole('button', { name: 'Show affected records' }).click();
    expect(await page.getByTestId('record-deleted').textContent()).toBe('deleted');
    expect(await page.getByRole('link', { name: /in the portal/ }).count()).toBe(0);
    await page.screenshot({ path: screenshotPath('sidebar-1280-deleted') });
    await page.close();
  });
});

describe('the popup', STEP_TIMEOUT, () => {
  it('cards with the badge, and Copy', async () => {
    await rig().chromium.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await rig().open(POPUP, 480, 580);
    await search(page, 'failed family');
    const denied = page.getByTestId('result-item').filter({ hasText: 'Failed to update family' });
    await expect.poll(() => denied.count()).toBe(1);
    expect(await denied.getByTestId('outcome-badge').textContent()).toBe('403 denied');
    expect(await denied.textContent()).toContain('phone before unknown → 000');
    await denied.getByRole('checkbox').click();
    await page.getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => page.getByTestId('selection-message').textContent()).toBe('Copied 1 entry.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('Failed to update family');
    await page.screenshot({ path: screenshotPath('popup-denied') });
    await page.close();
  });
});
