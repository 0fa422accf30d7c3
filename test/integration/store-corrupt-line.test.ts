import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { initialTokenFile } from '../../proxy/admin/initial-token.ts';
import { send } from '../helpers/capture-rig.ts';
import { startCountingUpstream } from '../helpers/counting-upstream.ts';
import { proxyConfig, spawnProxy, type SpawnedProxy } from '../helpers/spawned-proxy.ts';
import { scratchDataDir } from '../helpers/temp-store.ts';

/** Changes one byte of the newest segment: the `:` after `"action"` in the line of entry `seq` (default the newest line), which then no longer parses. */
async function alterOneByte(dataDir: string, seq?: number): Promise<void> {
  const dir = join(dataDir, 'log');
  const [newest] = (await readdir(dir)).sort().reverse();
  const path = join(dir, newest!);
  const text = await readFile(path, 'latin1');
  const lines = text.split('\n');
  const line = seq === undefined ? lines.length - 2 : lines.findIndex((l) => l.includes(`,"seq":${seq},`));
  const start = text
    .split('\n')
    .slice(0, line)
    .reduce((n, l) => n + l.length + 1, 0);
  const at = text.indexOf('"action":', start) + '"action"'.length;
  await writeFile(path, text.slice(0, at) + ';' + text.slice(at + 1), 'latin1');
}

it('one altered byte in the newest segment: search keeps answering, verify names the line, recording goes on, a restart starts', { timeout: 90_000 }, async () => {
  const upstream = await startCountingUpstream();
  const dataDir = join(await scratchDataDir(), 'data');
  const config = await proxyConfig(upstream.url, dataDir, { records: [{ method: 'POST', path: '/api/items', type: 'item', id: '{body.uid}' }] });
  let proxy: SpawnedProxy = await spawnProxy(config);
  // The file is written before the listeners print their URLs; the printed copy may arrive later on stdout.
  const token = (await readFile(initialTokenFile(dataDir), 'utf8')).trim();
  const api = (path: string) => send(`${proxy.adminUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const post = (uid: string) => send(`${proxy.portalUrl}/api/items`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ uid }) });
  for (let i = 1; i <= 5; i++) expect((await post(`item-${i}`)).status).toBe(201);

  // Under the running proxy: the middle entry is damaged.
  await alterOneByte(dataDir, 3);
  const items = async () => {
    const found = await api('/api/entries?limit=50');
    expect(found.status).toBe(200);
    return found.json().entries.map((e: { records: Array<{ id: string }> }) => e.records[0]?.id);
  };
  // The damaged entry is left out of the page; the rest is found as before.
  expect(await items()).toEqual(['item-5', 'item-4', 'item-2', 'item-1']);
  const verified = (await api('/api/verify')).json();
  expect(verified).toMatchObject({
    ok: false,
    checked: 2,
    firstBad: { seq: 3, reason: expect.stringMatching(/the line after entry 2 is not an entry \(\d{4}-\d{2}-\d{2}\.jsonl byte \d+: line is not valid JSON\)/) },
  });
  expect((await post('item-6')).status).toBe(201);
  expect(await items()).toEqual(['item-6', 'item-5', 'item-4', 'item-2', 'item-1']);

  // A restart over a damaged newest line (the admin's own last search) still starts; the index skips
  // the damaged lines, and the chain goes on from the hash the newest one holds.
  await proxy.kill('SIGTERM');
  await alterOneByte(dataDir);
  proxy = await spawnProxy(config);
  expect(proxy.output()).toMatch(/The newest line of .* is corrupt/);
  expect(await items()).toEqual(['item-6', 'item-5', 'item-4', 'item-2', 'item-1']);
  expect((await post('item-7')).status).toBe(201);
  expect(await items()).toEqual(['item-7', 'item-6', 'item-5', 'item-4', 'item-2', 'item-1']);
  expect((await api('/api/verify')).json()).toMatchObject({ ok: false, firstBad: { seq: 3 } });
  await proxy.kill('SIGTERM');
  await upstream.close();
});
