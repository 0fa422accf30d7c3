import { spawn } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it, onTestFinished } from 'vitest';
import type { Entry } from '../../shared/entry.ts';
import { verifyLog } from '../../proxy/store/verify.ts';
import { startCountingUpstream } from '../helpers/counting-upstream.ts';
import { openStore, scratchDataDir } from '../helpers/temp-store.ts';

const script = fileURLToPath(new URL('../helpers/matrix-proxy.ts', import.meta.url));
const CLIENTS = 32;

/** A proxy process that has loaded its modules; `go()` opens the store and listens, resolving with the portal URL. */
function loadProxy(config: unknown) {
  const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(config)], { stdio: ['pipe', 'pipe', 'inherit'] });
  onTestFinished(() => void child.kill('SIGKILL'));
  let out = '';
  child.stdout.setEncoding('utf8');
  const said = (word: string) =>
    new Promise<string>((resolve, reject) => {
      const look = () => {
        const line = out.split('\n').find((l) => l.startsWith(word));
        if (line) resolve(line);
      };
      child.stdout.on('data', (chunk: string) => {
        out += chunk;
        look();
      });
      look();
      child.once('exit', () => reject(new Error(`the proxy exited saying ${JSON.stringify(out)}`)));
    });
  const loaded = said('loaded');
  return {
    async go(): Promise<string> {
      await loaded;
      child.stdin.write('go\n');
      return (await said('listening')).split(' ')[1]!;
    },
    async kill(): Promise<void> {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
  };
}
/** Completed mutations (over the whole run so far) after which each round's proxy is SIGKILLed: ten different moments. */
const KILL_AFTER = [0, 1, 4, 9, 17, 30, 46, 71, 103, 140];

/** One POST whose body carries `uid`; resolves with the status, or null when the proxy died under it. */
function post(url: string, uid: string, agent: http.Agent): Promise<number | null> {
  return new Promise((resolve) => {
    const body = JSON.stringify({ uid, note: 'sigkill matrix' });
    const req = http.request(`${url}/api/items`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? null));
      res.on('error', () => resolve(null));
    });
    req.on('error', () => resolve(null));
    req.end(body);
  });
}

it('SIGKILL at ten moments of a 32-client load: every mutation that reached the portal has exactly one entry, and verify passes', { timeout: 170_000 }, async () => {
  const upstream = await startCountingUpstream();
  const dataDir = join(await scratchDataDir(), 'data');
  const config = { dataDir, portals: [{ listen: '127.0.0.1:0', target: upstream.url, source: 'Office Portal' }], records: [{ method: 'POST', path: '/api/items', type: 'item', id: '{body.uid}' }] };
  let completed = 0;
  const answered = new Map<string, number>();

  // Loading the modules is most of a start: three processes load ahead while one is under load.
  const loading = KILL_AFTER.slice(0, 3).map(() => loadProxy(config));
  for (const [round, killAfter] of KILL_AFTER.entries()) {
    const proxy = loading.shift()!;
    if (round + 3 < KILL_AFTER.length) loading.push(loadProxy(config));
    const portalUrl = await proxy.go();
    const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
    let dead = false;
    const clients = Array.from({ length: CLIENTS }, async (_, c) => {
      for (let i = 0; !dead; i++) {
        const uid = `r${round}-c${c}-${i}`;
        const status = await post(portalUrl, uid, agent);
        if (status === null) return;
        answered.set(uid, status);
        completed++;
      }
    });
    // Odd rounds kill a moment later than the count says, so the kill also lands between responses.
    await expect.poll(() => completed, { timeout: 30_000, interval: 5 }).toBeGreaterThanOrEqual(killAfter);
    if (round % 2 === 1) await new Promise((resolve) => setTimeout(resolve, round));
    dead = true;
    await proxy.kill();
    await Promise.all(clients);
    agent.destroy();
  }

  // The last restart: what the killed proxies left is recovered here.
  const store = await openStore(dataDir);
  const entries: Entry[] = [];
  for await (const entry of store.readSeq(1)) entries.push(entry);
  expect((await verifyLog(store)).ok).toBe(true);
  await store.close();

  const reached = upstream.received.filter((r) => r.method === 'POST').map((r) => (JSON.parse(r.body.toString()) as { uid: string }).uid);
  expect(new Set(reached).size).toBe(reached.length);
  const byUid = new Map<string, Entry[]>();
  for (const entry of entries) {
    const uid = entry.records[0]?.id;
    if (uid) byUid.set(uid, [...(byUid.get(uid) ?? []), entry]);
  }
  const missing = reached.filter((uid) => !byUid.has(uid));
  const twice = [...byUid].filter(([, list]) => list.length > 1).map(([uid]) => uid);
  expect({ missing, twice }).toEqual({ missing: [], twice: [] });
  // Every answer a client got was released only after its entry was durable: it is there, as answered.
  for (const [uid, status] of answered) expect(byUid.get(uid)?.[0]).toMatchObject({ status, outcome: 'success' });
  expect(reached.length).toBeGreaterThanOrEqual(KILL_AFTER.at(-1)!);
  console.log(`sigkill matrix: ${reached.length} mutations reached the portal, ${answered.size} answered, ${entries.filter((e) => e.outcome === 'unknown').length} recovered as unknown`);
  await upstream.close();
});
