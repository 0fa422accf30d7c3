import { existsSync, readFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { parseCsv, parseTsv } from '../helpers/delimited.ts';
import { OPTIONS, search, SIDEBAR, STEP_TIMEOUT, useDailyRig } from './helpers/daily-rig.ts';
import { screenshotPath } from './helpers/screenshots.ts';

/**
 * The extension as an admin's daily tool (issue 12), its spreadsheet output, in Chromium 156 with dist/chrome against
 * the demo: Copy and the CSV download write date-times a spreadsheet parses, the CSV starts with a BOM, a running
 * download shows its progress and can be cancelled, and an auditor token is not offered the download.
 */

interface DownloadItem {
  id: number;
  filename: string;
  state: string;
  error?: string;
  exists: boolean;
  bytesReceived: number;
}
type ChromeGlobal = { chrome: { downloads: { search(q: { id?: number; state?: string }): Promise<DownloadItem[]> } } };

const rig = useDailyRig();

/**
 * The admin API behind a pass-through that sends an export's first bytes and then nothing more: a large export
 * caught mid-way, with a real connection the browser's downloads hold open. Tells when the browser let go of it.
 */
async function startStallingExport(target: string): Promise<{ url: string; exportClosed: () => boolean; close: () => Promise<void> }> {
  let closed = false;
  const server: Server = createServer((req, res) => {
    const upstream = request(new URL(req.url!, target), { method: req.method, headers: { ...req.headers, host: new URL(target).host } }, (answer) => {
      if (!req.url!.startsWith('/api/export')) {
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
        return;
      }
      const { 'content-length': _length, ...headers } = answer.headers;
      res.writeHead(answer.statusCode!, headers);
      answer.once('data', (chunk: Buffer) => res.write(chunk.subarray(0, 64)));
      res.once('close', () => (closed = true));
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    exportClosed: () => closed,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A stalled export the browser did not let go of would keep close() waiting for ever.
        server.closeAllConnections();
      }),
  };
}

async function saveApiUrl(url: string): Promise<void> {
  const options = await rig().chromium.openExtensionPage(OPTIONS);
  await options.getByLabel('Admin API URL').fill(url);
  await options.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => options.getByTestId('options-status').textContent()).toBe('Saved.');
  await options.close();
}

describe('spreadsheet output', STEP_TIMEOUT, () => {
  it('copies date-times a spreadsheet parses, with the zone in the header; the CSV download starts with a BOM', async () => {
    await rig().chromium.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await rig().open(SIDEBAR, 1280);
    await search(page, 'Smith');
    const rows = page.getByTestId('result-row');
    await rows.nth(0).getByRole('checkbox').click();
    await page.getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => page.getByTestId('selection-message').textContent()).toBe('Copied 1 entry.');
    const [header, first] = parseTsv(await page.evaluate(() => navigator.clipboard.readText()));
    expect(header![0]).toBe(`Date and Time (${rig().timezone})`);
    expect(first![0]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);

    await page.getByRole('button', { name: 'Download CSV' }).click();
    await expect.poll(() => page.getByTestId('selection-message').textContent(), { timeout: 15_000 }).toMatch(/^(Saved [\d.]+ MB|CSV saved)/);
    const [download] = await page.evaluate(() => (globalThis as unknown as ChromeGlobal).chrome.downloads.search({ state: 'complete' }));
    const csv = readFileSync(download!.filename, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const table = parseCsv(csv.slice(1));
    expect(table[0]![0]).toBe(`Date and Time (${rig().timezone})`);
    expect(table[1]![0]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(table.length).toBeGreaterThan(1);
    expect(table.slice(1).every((r) => /Smith/.test(r.join(',')))).toBe(true);
    await page.close();
  });

  it('a running download shows its progress; Cancel stops it, leaves no file, and the bar returns to idle', async () => {
    const stalling = await startStallingExport(rig().stack.adminUrl);
    try {
      await saveApiUrl(stalling.url);
      const page = await rig().open(SIDEBAR, 1280);
      await search(page, 'Smith');
      await page.getByRole('button', { name: 'Download CSV' }).click();
      const message = page.getByTestId('selection-message');
      await expect.poll(() => message.textContent()).toMatch(/^Downloading… [\d.]+ MB received \(\d+ match(es)?\)$/);
      const downloads = () => page.evaluate(() => (globalThis as unknown as ChromeGlobal).chrome.downloads.search({}));
      const running = (await downloads()).find((d) => d.state === 'in_progress');
      expect(running).toBeDefined();
      await expect.poll(async () => (await downloads()).find((d) => d.id === running!.id)?.bytesReceived).toBeGreaterThan(0);
      await page.screenshot({ path: screenshotPath('sidebar-1280-downloading') });

      expect(stalling.exportClosed()).toBe(false);
      await page.getByRole('button', { name: 'Cancel download' }).click();
      // The browser let go of the server's connection: the transfer stopped, not just the progress display.
      await expect.poll(stalling.exportClosed).toBe(true);
      await expect.poll(() => message.textContent()).toBe('Download cancelled.');
      expect(await page.getByRole('button', { name: 'Cancel download' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Download CSV' }).isEnabled()).toBe(true);
      const cancelled = (await downloads()).find((d) => d.id === running!.id)!;
      expect(cancelled).toMatchObject({ state: 'interrupted', error: 'USER_CANCELED' });
      // Chromium's `exists` stays true for a cancelled item; the disk is what counts. Neither the file under its final name nor Chromium's partial one is left on disk.
      for (const path of [running!.filename, cancelled.filename].filter(Boolean)) {
        expect(existsSync(path)).toBe(false);
        expect(existsSync(`${path}.crdownload`)).toBe(false);
      }
      await page.screenshot({ path: screenshotPath('sidebar-1280-download-cancelled') });
      await page.close();
    } finally {
      await stalling.close();
    }
  });

  it('offers no Download CSV to an auditor token', async () => {
    const page = await rig().chromium.context.newPage();
    await page.route(/\/api\/me$/, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ name: 'ann', role: 'auditor' }) }));
    await page.goto(rig().chromium.url(SIDEBAR));
    await page.getByTestId('result-row').first().waitFor();
    expect(await page.getByRole('button', { name: 'Copy' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Download CSV' }).count()).toBe(0);
    await page.close();
  });
});
