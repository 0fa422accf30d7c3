import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Request, Response, Route } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { ensureExtensionBuilt, repoRoot } from '../../../scripts/extension-build.ts';
import { launchChromiumWithExtension, resetExtension, saveSettings, type ChromiumWithExtension } from './chromium.ts';
import { changeStudentLevel, deleteStudent, signIn } from './portal.ts';
import { screenshotPath } from './screenshots.ts';
import { startE2eStack, type E2eStack } from './stack.ts';

/**
 * What the issue-12 e2e files (the extension as an admin's daily tool) share: the demo with a denied change, a
 * changed level and a deleted student in its log, a Chromium whose options page holds the admin API and token,
 * and the few page moves every one of them makes.
 */

export const POPUP = 'extension/popup/index.html';
export const SIDEBAR = 'extension/sidebar/index.html';
export const OPTIONS = 'extension/options/index.html';
export const LIAM = { id: 103, name: 'Liam Smith' };
export const OLIVIA = { id: 102, name: 'Olivia Smith' };

export interface DailyRig {
  stack: E2eStack;
  chromium: ChromiumWithExtension;
  /** The business zone the admin API reports (facets.timezone). */
  timezone: string;
  /** Back to just after setup: only the options tab open, storage holding the settings only (see resetExtension). */
  reset(): Promise<void>;
  /** Opens an extension page as a tab at a width, e.g. the side panel's 360 px. */
  open(path: string, width: number, height?: number): Promise<Page>;
  close(): Promise<void>;
}

export async function startDailyRig(): Promise<DailyRig> {
  await ensureExtensionBuilt();
  const [stack, chromium] = await Promise.all([startE2eStack(), launchChromiumWithExtension()]);
  const close = async () => {
    await chromium.close();
    await stack.close();
  };
  try {
    const facets = await fetch(`${stack.adminUrl}/api/facets`, { headers: { authorization: `Bearer ${stack.adminToken}` } });
    const { timezone } = (await facets.json()) as { timezone: string };

    // Staff change a level and delete a student; a family tries to change another family's phone (403).
    const office = stack.portalUrl('Office Portal');
    const staff = await chromium.context.newPage();
    await signIn(staff, office, 'admin');
    await changeStudentLevel(staff, office, LIAM.id, 'Level 4');
    expect(await deleteStudent(staff, OLIVIA.id)).toBe(200);
    await staff.close();
    const family = await chromium.context.newPage();
    await signIn(family, stack.portalUrl('Customer Portal'), 'jane.smith');
    const status = await family.evaluate(async () => {
      const mine = Number(location.pathname.split('/').pop());
      const other = mine === 1 ? 2 : 1;
      const headers = { 'content-type': 'application/json', accept: 'application/json' };
      return (await fetch(`/api/families/${other}`, { method: 'PATCH', headers, body: JSON.stringify({ phone: '000' }) })).status;
    });
    expect(status).toBe(403);
    await family.close();

    // The admin pastes the URL and token into the options page the extension opened on install.
    const settings = { apiUrl: stack.adminUrl, token: stack.adminToken };
    const options = await saveSettings(chromium, settings);

    return {
      stack,
      chromium,
      timezone,
      reset: () => resetExtension(chromium, options, settings),
      async open(path, width, height = 800) {
        const page = await chromium.context.newPage();
        await page.setViewportSize({ width, height });
        await page.goto(chromium.url(path));
        return page;
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * The rig of a test file: started once before its first test, closed after its last, and reset before each test, so
 * that every test passes alone (`-t`) and in any order (`--sequence.shuffle`): none sees the search, kept results,
 * witness state, selection, pages or permissions another test left. What a test adds to the log stays (tests only
 * search for what setup did). Call at the top of the file; the function it returns gives the rig inside a test.
 */
export function useDailyRig(): () => DailyRig {
  let rig: DailyRig | undefined;
  beforeAll(async () => {
    rig = await startDailyRig();
  }, 180_000);
  afterAll(async () => {
    await rig?.close();
  });
  beforeEach(async () => {
    await rig?.reset();
  });
  return () => {
    if (!rig) throw new Error('the daily rig did not start (see the error of beforeAll)');
    return rig;
  };
}

/** A test of a whole admin's step (search, wait, look, act) on 2 cores shared with other runs: more than vitest's 30 s. */
export const STEP_TIMEOUT = { timeout: 90_000 };

/**
 * The admin API's answer to the search for exactly `text`. Given up after 20 s (two busy cores, a second browser beside
 * it), saying what the box held and which searches the page did make, so that a failure shows where the text went.
 */
export function answerTo(page: Page, text: string): Promise<Response> {
  const asked: string[] = [];
  const onRequest = (request: Request) => {
    const url = new URL(request.url());
    if (url.pathname === '/api/entries') asked.push(url.searchParams.get('q') ?? '');
  };
  page.on('request', onRequest);
  return page
    .waitForResponse((r) => new URL(r.url()).pathname === '/api/entries' && new URL(r.url()).searchParams.get('q') === text, { timeout: 20_000 })
    .catch(async (err: unknown) => {
      const held = await page
        .getByRole('searchbox', { name: 'Search the audit log' })
        .inputValue({ timeout: 1_000 })
        .catch(() => '(no search box)');
      const made = asked.map((q) => JSON.stringify(q)).join(', ') || 'none';
      throw new Error(`no answer to the search ${JSON.stringify(text)}: the box holds ${JSON.stringify(held)}; searches the page made: ${made}`, { cause: err });
    })
    .finally(() => page.off('request', onRequest));
}

/** Types the text into the box and waits for the answer to exactly that text. */
export async function search(page: Page, text: string): Promise<void> {
  const answered = answerTo(page, text);
  await page.getByRole('searchbox', { name: 'Search the audit log' }).fill(text);
  expect((await answered).status()).toBe(200);
  await expect.poll(() => page.getByTestId('results-scroller').getAttribute('aria-busy')).toBe('false');
}

/** Holds the page's searches until released: what the admin sees while a search is on its way. */
export async function holdSearches(page: Page): Promise<{ release: () => void; held: () => number }> {
  let waiting: Route[] = [];
  let count = 0;
  let open = false;
  await page.route(/\/api\/entries\?/, (route) => {
    count++;
    if (open) return route.continue();
    waiting.push(route);
  });
  return {
    release: () => {
      open = true;
      // A request whose page closed while it was held has nothing left to continue.
      for (const route of waiting) route.continue().catch(() => undefined);
      waiting = [];
    },
    held: () => count,
  };
}

/** `UPDATE_DOCS_SCREENSHOTS=1` also copies a screenshot to docs/ for the README (a plain run leaves the tree clean). */
export function toDocs(name: string, docName: string): void {
  if (process.env.UPDATE_DOCS_SCREENSHOTS !== '1') return;
  mkdirSync(join(repoRoot, 'docs'), { recursive: true });
  copyFileSync(screenshotPath(name), join(repoRoot, 'docs', docName));
}
