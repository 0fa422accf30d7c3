// @vitest-environment happy-dom
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { fetch as nodeFetch } from 'undici';
import { afterEach, expect, it, onTestFinished } from 'vitest';
import { ApiClient } from '../../extension/api/client.ts';
import { WitnessBanner } from '../../extension/components/WitnessBanner.tsx';
import { WitnessSetup } from '../../extension/components/WitnessSetup.tsx';
import { checkLog, type WitnessState, type WitnessStorage } from '../../extension/lib/log-witness.ts';
import { draft, startAdminFixture } from '../helpers/admin-api.ts';
import { rewriteLog } from '../helpers/rewrite-log.ts';

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
  expect(caught).toMatchObject({ kind: 'rewritten', failure: { reason: expect.stringMatching(/^The log was rewritten after \d{4}-\d{2}-\d{2}T[\d:.]+Z: 7 entries up to #7 are no longer what this browser saw$/) } });
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
