// What capture costs: the same requests to a real portal directly, through a plain http-proxy (the
// floor of any reverse proxy) and through Portal Audit, at concurrency 1, 16 and 64, in one run so
// the ratios compare like with like. A PUT through Portal Audit snapshots the record (a GET), notes
// an intent and appends the entry, each durable before the answer is released; group commit should
// let concurrent requests share those syncs. Run: npm run bench:proxy
import { fork, type ChildProcess } from 'node:child_process';
import { open, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import HttpProxy from 'http-proxy';
import { startPortalAudit } from '../../proxy/app.ts';
import { parseConfig } from '../../proxy/config/load.ts';
import { createJsonStore } from '../../proxy/store/json/json-store.ts';
import { FAKE_PORTAL_RULES } from '../helpers/capture-rig.ts';
import type { Cell, CellResult } from './proxy/load.ts';

const CONCURRENCY = [1, 16, 64];
// c=1 runs at the speed of the disk's fsync: fewer requests keep the whole run under a minute.
const requestsAt = (c: number) => (c === 1 ? 1000 : 2000);

/** Forks a bench helper under tsx; `ready` is its first message, listened for before it can arrive. */
function child<T>(file: string): { proc: ChildProcess; ready: Promise<unknown>; ask: (msg: unknown) => Promise<T> } {
  const proc = fork(new URL(file, import.meta.url), { execArgv: ['--import', 'tsx'] });
  const ask = (msg?: unknown) =>
    new Promise<T>((resolve, reject) => {
      proc.once('message', (m) => ((m as { error?: string }).error ? reject(new Error((m as { error: string }).error)) : resolve(m as T)));
      if (msg !== undefined) proc.send(msg as object);
    });
  return { proc, ready: ask(), ask };
}

// The store counts its group-commit rounds; each round syncs the intent journal and the segment, and
// the journal is emptied (and synced) when no intent is open. Counting FileHandle.sync calls shows
// the real fsyncs beside the rounds.
let fsyncs = 0;
const probe = await open(new URL(import.meta.url), 'r');
const handleProto = Object.getPrototypeOf(probe) as { sync: () => Promise<void> };
await probe.close();
const realSync = handleProto.sync;
handleProto.sync = function (this: unknown) {
  fsyncs++;
  return realSync.call(this);
};

/** The paragraph under the table, from this run's figures. */
function reading(seen: Map<string, CellResult & { rounds: number }>): string {
  const at = (key: string) => seen.get(key)!;
  const cost = (c: number, method: string) => (at(`${c} ${method} http-proxy`).rps / at(`${c} ${method} Portal Audit`).rps).toFixed(2);
  const lo = Math.min(...CONCURRENCY);
  const hi = Math.max(...CONCURRENCY);
  const text = [
    `Reading: a PUT through Portal Audit costs ${cost(lo, 'PUT')}x a plain http-proxy at c=${lo} and ${cost(hi, 'PUT')}x at c=${hi}`,
    `(${at(`${hi} PUT Portal Audit`).rps.toFixed(0)} vs ${at(`${hi} PUT http-proxy`).rps.toFixed(0)} req/s): a snapshot GET, a durable intent and a durable entry per request.`,
    `Group commit keeps that bounded: sync rounds per request fall from ${at(`${lo} PUT Portal Audit`).rounds.toFixed(2)} at c=${lo}`,
    `(intent and entry each wait for a round of their own) to ${at(`${hi} PUT Portal Audit`).rounds.toFixed(2)} at c=${hi}, where one fsync covers many requests.`,
    `GETs are only matched and piped: ${cost(hi, 'GET')}x the plain proxy at c=${hi}.`,
    `Ratios to "direct" are mostly the price of any extra hop here, as client, proxy and portal share this machine's cores.`,
  ].join(' ');
  // One paragraph, wrapped for a terminal.
  return text.replace(/(.{1,110})(\s+|$)/g, '$1\n');
}

const dataDir = await mkdtemp(join(tmpdir(), 'portal-audit-bench-proxy-'));
const upstream = child('./proxy/upstream.ts');
const load = child<CellResult>('./proxy/load.ts');
let plain: http.Server | null = null;
let audit: Awaited<ReturnType<typeof startPortalAudit>> | null = null;
const store = createJsonStore({ dataDir, onNotice: () => undefined });
try {
  const { url: portalUrl } = (await upstream.ready) as { url: string };

  // The floor: http-proxy with the options Portal Audit forwards with, and nothing else.
  const proxy = HttpProxy.createProxyServer({ target: portalUrl, xfwd: true });
  proxy.on('error', () => undefined);
  plain = http.createServer((req, res) => proxy.web(req, res));
  await new Promise<void>((resolve) => plain!.listen(0, '127.0.0.1', resolve));
  const plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;

  await store.open();
  const config = parseConfig({
    dataDir,
    portals: [{ listen: '127.0.0.1:0', target: portalUrl, source: 'Office Portal' }],
    admin: { listen: '127.0.0.1:0' },
    records: FAKE_PORTAL_RULES,
  });
  audit = await startPortalAudit({ config, store });
  const auditUrl = audit.portals[0]!.url;

  const targets = [
    { name: 'direct', url: portalUrl },
    { name: 'http-proxy', url: plainUrl },
    { name: 'Portal Audit', url: auditUrl },
  ];
  // Warm-up: JIT, keep-alive sockets, the store's first segment and the search index's first entries.
  for (const { url } of targets) for (const method of ['PUT', 'GET'] as const) await load.ask({ url, method, concurrency: 16, requests: 500 } satisfies Cell);

  console.log(`bench:proxy — PUT /api/students/:id (snapshot rule) and GET, loopback, ${process.platform} ${process.version}`);
  console.log('cost = baseline req/s ÷ this req/s (1.00 = free); rounds = store group-commit rounds per request; fsync = FileHandle.sync calls per request\n');
  console.log('  c  request  path           req/s    p50 ms   p95 ms  cost vs direct  vs http-proxy  rounds/req  fsync/req');
  const failures: string[] = [];
  const seen = new Map<string, CellResult & { rounds: number }>();
  for (const concurrency of CONCURRENCY) {
    for (const method of ['PUT', 'GET'] as const) {
      const results: CellResult[] = [];
      for (const { name, url } of targets) {
        const cell: Cell = { url, method, concurrency, requests: requestsAt(concurrency) };
        await load.ask({ ...cell, requests: Math.max(100, cell.requests / 10) });
        const [rounds, syncs] = [store.stats().syncRounds, fsyncs];
        const r = await load.ask(cell);
        results.push(r);
        seen.set(`${concurrency} ${method} ${name}`, { ...r, rounds: (store.stats().syncRounds - rounds) / cell.requests });
        if (r.failures > 0) failures.push(`${r.failures} of ${cell.requests} ${method} via ${name} at c=${concurrency} were not 2xx`);
        const perReq = (n: number) => (name === 'Portal Audit' ? (n / cell.requests).toFixed(2) : '-');
        const vs = (base: CellResult | undefined) => (base ? (base.rps / r.rps).toFixed(2) : '-');
        console.log(
          `${String(concurrency).padStart(3)}  ${method.padEnd(7)}  ${name.padEnd(12)} ${r.rps.toFixed(0).padStart(7)}  ${r.p50.toFixed(2).padStart(7)}  ${r.p95.toFixed(2).padStart(7)}` +
            `  ${vs(results[0]).padStart(14)}  ${vs(name === 'direct' ? undefined : results[1]).padStart(13)}` +
            `  ${perReq(store.stats().syncRounds - rounds).padStart(10)}  ${perReq(fsyncs - syncs).padStart(9)}`,
        );
      }
    }
    console.log('');
  }
  for (const line of failures) console.log(`warning: ${line}`);
  console.log(reading(seen));
} finally {
  await audit?.close();
  await store.close();
  await new Promise((resolve) => (plain ? plain.close(resolve) : resolve(undefined)));
  upstream.proc.disconnect();
  load.proc.disconnect();
  await rm(dataDir, { recursive: true, force: true });
}
