// @vitest-environment happy-dom
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { fetch as nodeFetch } from 'undici';
import { afterEach, expect, it, onTestFinished } from 'vitest';
import { ApiClient } from '../../../../extension/api/client.ts';
import { WitnessBanner } from '../../../../extension/components/WitnessBanner.tsx';
import { WitnessSetup } from '../../../../extension/components/WitnessSetup.tsx';
import { checkLog, pinLogKey, type WitnessState, type WitnessStorage } from '../../../../extension/lib/log-witness.ts';
import { draft, startAdminFixture } from '../../../helpers/admin-api.ts';
import { rewriteLog } from '../../../helpers/rewrite-log.ts';
import { logOverDays } from '../../../helpers/temp-store.ts';

afterEach(cleanup);

/** A client as the extension makes it; the page's CORS is the browser's business, so Node's own fetch carries it here. */
const clientFor = (url: string, token: string) => new ApiClient({ baseUrl: url, token, fetch: nodeFetch as unknown as typeof fetch });

/** The browser's storage.local slot, in memory. */
function memoryStorage(): WitnessStorage & { state: WitnessState | null } {
  const box = {
    state: null as WitnessState | null,
    load: async () => box.state,
    save: async (next: WitnessState | null) => void (box.state = next),
  };
  return box;
}

/** Waits until the server's newest signed checkpoint covers `size` entries (one is signed within a second). */
async function signedUpTo(client: ApiClient, size: number): Promise<void> {
  await expect.poll(async () => (await client.checkpoint()).size, { timeout: 10_000 }).toBe(size);
}

it('the browser pins the key, follows the log with consistency proofs checked in WebCrypto, and keeps a red banner after a rewrite', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'pa-browser-witness-'));
  onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
  let api = await startAdminFixture({ dataDir, entries: Array.from({ length: 6 }, () => draft()) });
  let client = clientFor(api.url, api.auditorToken);
  await signedUpTo(client, 6);
  const storage = memoryStorage();
  expect(await checkLog(client, storage)).toEqual({ kind: 'unpinned' });
  // The options page shows the fingerprint to compare before pinning, and the pinned one after.
  const { fingerprint } = await client.checkpoint();
  render(<WitnessSetup client={client} storage={storage} />);
  expect((await screen.findByTestId('offered-fingerprint')).textContent).toBe(fingerprint);
  fireEvent.click(screen.getByRole('button', { name: "Pin the log's key" }));
  expect((await screen.findByTestId('witness-fingerprint')).textContent).toBe(fingerprint);
  cleanup();
  expect(storage.state!.fingerprint).toBe(fingerprint);

  await api.store.append(draft());
  await signedUpTo(client, 7);
  expect(await checkLog(client, storage)).toMatchObject({ kind: 'consistent', size: 7 });
  await api.close();

  // Entry 3 rewritten, every hash recomputed and the tree re-signed with the log's own key.
  await rewriteLog(dataDir, (lines) => (lines[2] = lines[2]!.replace(/"member":"[^"]*"/, '"member":"Someone Else"')), { rechainFrom: 2, resign: true });
  await rm(join(dataDir, 'tokens.json'));
  api = await startAdminFixture({ dataDir });
  onTestFinished(() => api.close());
  client = clientFor(api.url, api.auditorToken);
  await api.store.append(draft());
  await signedUpTo(client, 8);
  const caught = await checkLog(client, storage);
  expect(caught).toMatchObject({
    kind: 'rewritten',
    failure: { reason: expect.stringMatching(/^The log was rewritten after \d{4}-\d{2}-\d{2}T[\d:.]+Z: 7 entries up to #7 are no longer what this browser saw$/) },
  });
  // It stays: the next opening shows the same failure without asking again.
  expect(await checkLog(client, storage)).toEqual(caught);

  render(<WitnessBanner status={caught} />);
  const banner = screen.getByRole('alert');
  expect(banner.textContent).toContain('no longer what this browser saw');
  const copied: string[] = [];
  Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (text: string) => void copied.push(text) }, configurable: true });
  fireEvent.click(screen.getByRole('button', { name: 'Copy evidence' }));
  await screen.findByRole('button', { name: 'Evidence copied' });
  expect(JSON.parse(copied[0]!)).toMatchObject({ kept: expect.stringContaining('\n7\n'), current: expect.stringContaining('\n8\n'), proof: expect.any(Array) });
}, 60_000);

const DAYS = ['2026-06-01', '2026-06-02', '2026-06-03'];
const rename = (line: string, name: string) => line.replace(/"member":"[^"]*"/, `"member":"${name}"`);

/**
 * How an insider with the data folder and the stolen signing key rewrites the log (twelve entries, four per
 * day): the lines edited as they are, or with every hash after them recomputed; then the tree rebuilt from
 * the log and re-signed, as it must be for the server to serve the rewritten history at all.
 */
const rewrite = (edit: (lines: string[]) => void, rechainFrom?: number) => (d: string) => rewriteLog(d, edit, { rechainFrom, resign: true });
/** `serverSays`: what the banner quotes of the server's own finding; only a server that still has the saved leaves can name the change. */
const tampers: { name: string; tamper: (dataDir: string) => Promise<void>; range: string; serverSays?: string }[] = [
  { name: 'a field edited', tamper: rewrite((l) => (l[4] = rename(l[4]!, 'Someone Else'))), range: '12 entries up to #12' },
  { name: 'a field edited, hashes recomputed', tamper: rewrite((l) => (l[4] = rename(l[4]!, 'Someone Else')), 4), range: '12 entries up to #12' },
  { name: 'a line deleted', tamper: rewrite((l) => l.splice(6, 1)), range: '12 entries up to #12' },
  { name: 'a line deleted, hashes recomputed', tamper: rewrite((l) => l.splice(6, 1), 6), range: '12 entries up to #12' },
  { name: 'two lines swapped', tamper: rewrite((l) => ([l[6], l[7]] = [l[7]!, l[6]!])), range: '12 entries up to #12' },
  { name: 'two lines swapped, hashes recomputed', tamper: rewrite((l) => ([l[6], l[7]] = [l[7]!, l[6]!]), 6), range: '12 entries up to #12' },
  { name: 'a line inserted', tamper: rewrite((l) => l.splice(6, 0, rename(l[6]!, 'Inserted'))), range: '12 entries up to #12' },
  { name: 'a line inserted, hashes recomputed', tamper: rewrite((l) => l.splice(6, 0, rename(l[6]!, 'Inserted')), 6), range: '12 entries up to #12' },
  // The tree is rebuilt from the line's bytes as they are, so the forged line changes the root.
  {
    name: 'a duplicate key',
    tamper: async (d) => {
      await rewriteLog(d, (l) => (l[2] = l[2]!.replace(/"member":/, '"member":"Forged","member":')));
      await Promise.all(['tree-leaves.bin', 'checkpoint'].map((f) => rm(join(d, f))));
    },
    range: '12 entries up to #12',
  },
  { name: 'the newest entries cut off', tamper: (d) => rewriteLog(d, (l) => l.splice(-3, 3)), range: '12 entries up to #12', serverSays: 'entries 10–12 are missing from the log' },
  { name: 'the newest entries cut off, re-signed', tamper: rewrite((l) => l.splice(-3, 3)), range: '12 entries up to #12' },
  {
    name: 'the middle day deleted',
    tamper: async (d) => {
      await rm(join(d, 'log', `${DAYS[1]}.jsonl`));
      await rewriteLog(d, () => undefined, { resign: true });
    },
    range: '12 entries up to #12',
  },
  {
    name: 'the newest day deleted',
    tamper: async (d) => {
      await rm(join(d, 'log', `${DAYS[2]}.jsonl`));
      await rewriteLog(d, () => undefined, { resign: true });
    },
    range: '12 entries up to #12',
  },
];

it.each(tampers)(
  'the witness check is not "all good" once the log is rewritten on disk: $name',
  async ({ tamper, range, serverSays }) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'pa-browser-witness-'));
    onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
    await logOverDays(dataDir, DAYS, { perDay: 4, time: '09:00:00.000Z' });

    // The browser has seen the log: its key pinned and checkpoint A (12 entries) kept.
    const before = await startAdminFixture({ dataDir });
    const storage = memoryStorage();
    await pinLogKey(clientFor(before.url, before.auditorToken), storage);
    expect(await checkLog(clientFor(before.url, before.auditorToken), storage)).toMatchObject({ kind: 'consistent', size: 12 });
    await before.close();

    await tamper(dataDir);
    await rm(join(dataDir, 'tokens.json'));
    const after = await startAdminFixture({ dataDir });
    onTestFinished(() => after.close());
    const status = await checkLog(clientFor(after.url, after.auditorToken), storage);
    expect(status).toMatchObject({ kind: 'rewritten', failure: { reason: expect.stringContaining(`: ${range} are no longer what this browser saw`) } });

    render(<WitnessBanner status={status} />);
    expect(screen.getByRole('alert').textContent).toContain(`${range} are no longer what this browser saw`);
    expect(screen.queryByTestId('witness-server-says')?.textContent ?? null).toBe(serverSays ? ` The server names the first change: ${serverSays}.` : null);
  },
  60_000,
);

it('a check that cannot run (the server gone) is a red banner too, not silence', async () => {
  const api = await startAdminFixture({ entries: [draft()] });
  const client = clientFor(api.url, api.auditorToken);
  await signedUpTo(client, 1);
  const storage = memoryStorage();
  await pinLogKey(client, storage);
  await api.close();
  const status = await checkLog(client, storage);
  expect(status.kind).toBe('unavailable');
  render(<WitnessBanner status={status} />);
  expect(screen.getByRole('alert').textContent).toMatch(/^This browser could not check the log against what it saw: /);
}, 60_000);
