import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { killWhenReady } from '../helpers/kill-when-ready.ts';
import { allEntries, openStore, tempDataDir } from '../helpers/temp-store.ts';

const writer = fileURLToPath(new URL('../helpers/crash-writer.ts', import.meta.url));
let dataDir = '';
afterEach(() => rm(dataDir, { recursive: true, force: true }));

it('after SIGKILL, every request that may have reached the portal has exactly one entry', async () => {
  dataDir = await tempDataDir();
  // 6 intents: 3 finished, 1 abandoned (never forwarded), 2 in flight when the proxy died.
  await killWhenReady(writer, [dataDir, 6, 3, 1]);

  const store = await openStore(dataDir);
  const entries = await allEntries(store);
  const byRequest = new Map(entries.map((e) => [e.requestId, e]));
  expect(entries.map((e) => e.requestId).sort()).toEqual(['crash-0', 'crash-1', 'crash-2', 'crash-3', 'crash-4']);
  expect(byRequest.get('crash-0')).toMatchObject({ outcome: 'success', status: 200 });
  for (const id of ['crash-3', 'crash-4']) {
    expect(byRequest.get(id)).toMatchObject({ outcome: 'unknown', status: null });
    expect(byRequest.get(id)!.action).toMatch(/the proxy stopped before the portal answered/);
  }
  expect(store.notices.join('\n')).toMatch(/Recovered 2 request/);
  await store.close();

  // A second restart recovers nothing more: no entry twice.
  const again = await openStore(dataDir);
  expect((await allEntries(again)).length).toBe(5);
  expect(again.notices).toEqual([]);
  await again.close();
});
