import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import type { Entry } from '../../shared/entry.ts';
import { openStore, tempDataDir } from '../helpers/temp-store.ts';

const writer = fileURLToPath(new URL('../helpers/crash-writer.ts', import.meta.url));
let dataDir = '';
afterEach(() => rm(dataDir, { recursive: true, force: true }));

async function killedMidway(intended: number, appended: number, abandoned: number): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', writer, dataDir, String(intended), String(appended), String(abandoned)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => (out += chunk));
  while (!out.includes('ready')) await once(child.stdout, 'data');
  child.kill('SIGKILL');
  await once(child, 'exit');
}

async function all(store: { readSeq(from: number): AsyncIterable<Entry> }): Promise<Entry[]> {
  const out: Entry[] = [];
  for await (const e of store.readSeq(1)) out.push(e);
  return out;
}

it('after SIGKILL, every request that may have reached the portal has exactly one entry', async () => {
  dataDir = await tempDataDir();
  // 6 intents: 3 finished, 1 abandoned (never forwarded), 2 in flight when the proxy died.
  await killedMidway(6, 3, 1);

  const store = await openStore(dataDir);
  const entries = await all(store);
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
  expect((await all(again)).length).toBe(5);
  expect(again.notices).toEqual([]);
  await again.close();
});
