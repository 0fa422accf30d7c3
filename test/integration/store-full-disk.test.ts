import { join } from 'node:path';
import { expect, it } from 'vitest';
import { send } from '../helpers/capture-rig.ts';
import { startRecordingUpstream, sendJson } from '../helpers/recording-upstream.ts';
import { proxyConfig, spawnProxy, type SpawnedProxy } from '../helpers/spawned-proxy.ts';
import { drafts, entriesIn, openStore } from '../helpers/temp-store.ts';
import { mountSmallDisk, type SmallDisk } from '../helpers/tmpfs.ts';

// CI runs as root and may mount a 2 MB tmpfs; elsewhere these tests say so and skip.
const NEEDS_ROOT = 'needs root to mount a tmpfs';

async function portal() {
  const upstream = await startRecordingUpstream((req, res) => sendJson(res, req.method === 'GET' ? 200 : 201, { ok: true }));
  return upstream;
}

/** Starts the proxy once on a healthy disk (tokens and a first entry), stops it, breaks the disk, and starts it again. */
async function startOnBrokenDisk(disk: SmallDisk, breakIt: () => Promise<void>) {
  const upstream = await portal();
  const dataDir = join(disk.dir, 'data');
  const config = await proxyConfig(upstream.url, dataDir);
  const first = await spawnProxy(config);
  expect((await send(`${first.portalUrl}/api/students`, { method: 'POST', body: '{"n":"before"}' })).status).toBe(201);
  await first.kill('SIGTERM');
  await breakIt();
  const proxy = await spawnProxy(config);
  return { upstream, dataDir, proxy };
}

async function expectDegradedThenRecovered(proxy: SpawnedProxy, upstream: Awaited<ReturnType<typeof portal>>, dataDir: string, reason: RegExp, repair: () => Promise<void>) {
  // It started, and says why it cannot record.
  expect(proxy.output()).toMatch(new RegExp(`cannot record to ${dataDir} right now \\(${reason.source}`));
  const health = await send(`${proxy.adminUrl}/api/health`);
  expect(health.status).toBe(200);
  expect(health.json()).toMatchObject({ status: 'degraded', store: { writable: false, reason: expect.stringMatching(reason) } });
  // Reads flow; a mutation is refused before the portal.
  expect((await send(`${proxy.portalUrl}/api/students/1`)).status).toBe(200);
  const before = upstream.received.length;
  const refused = await send(`${proxy.portalUrl}/api/students`, { method: 'POST', body: '{"n":"refused"}' });
  expect(refused.status).toBe(503);
  expect(refused.json().error).toMatch(/cannot record/);
  expect(upstream.received.length).toBe(before);

  // The disk recovers: recording resumes by itself (the store probes every 2 s).
  await repair();
  await expect.poll(async () => (await send(`${proxy.adminUrl}/api/health`)).json().status, { timeout: 15_000, interval: 250 }).toBe('ok');
  expect((await send(`${proxy.portalUrl}/api/students`, { method: 'POST', body: '{"n":"after"}' })).status).toBe(201);
  await proxy.kill('SIGTERM');
  const logged = (await entriesIn(dataDir)).filter((e) => e.path === '/api/students');
  expect(logged.map((e) => e.status)).toEqual([201, 201]);
  expect(upstream.received.filter((r) => r.method === 'POST').map((r) => r.body.toString())).toEqual(['{"n":"before"}', '{"n":"after"}']);
  await upstream.close();
}

it('on a full disk the proxy starts: reads flow, mutations get 503 before the portal, health says ENOSPC, and recording resumes when space returns', { timeout: 90_000 }, async (ctx) => {
  const disk = await mountSmallDisk();
  if (!disk) return ctx.skip(NEEDS_ROOT);
  const { upstream, dataDir, proxy } = await startOnBrokenDisk(disk, () => disk.fill());
  await expectDegradedThenRecovered(proxy, upstream, dataDir, /ENOSPC/, () => disk.free());
});

it('on a read-only data folder the proxy starts the same way, and records again once it is writable', { timeout: 90_000 }, async (ctx) => {
  const disk = await mountSmallDisk();
  if (!disk) return ctx.skip(NEEDS_ROOT);
  const { upstream, dataDir, proxy } = await startOnBrokenDisk(disk, async () => disk.readOnly(true));
  await expectDegradedThenRecovered(proxy, upstream, dataDir, /EROFS/, async () => disk.readOnly(false));
});

it('when the disk fills between the intent and the entry, the append is refused, and once space returns the retried append is the only entry', async (ctx) => {
  const disk = await mountSmallDisk();
  if (!disk) return ctx.skip(NEEDS_ROOT);
  const dataDir = join(disk.dir, 'data');
  const store = await openStore(dataDir, { probeIntervalMs: 100 });
  const [draft] = drafts(1, { prefix: 'filled' });
  await store.intend(draft!);
  await disk.fill();
  const answered = { ...draft!, status: 201, outcome: 'success' as const };
  await expect(store.append(answered)).rejects.toThrow(/ENOSPC/);
  expect(store.status()).toEqual({ writable: false, reason: expect.stringMatching(/ENOSPC/) });
  await disk.free();
  await expect.poll(() => store.writable(), { timeout: 10_000 }).toBe(true);
  expect((await store.append(answered)).seq).toBe(1);
  await store.close();

  // A restart finds the intent settled: one entry, nothing recovered.
  const again = await openStore(dataDir);
  expect(again.notices).toEqual([]);
  await again.close();
  expect((await entriesIn(dataDir)).map((e) => [e.requestId, e.status])).toEqual([[draft!.requestId, 201]]);
});
