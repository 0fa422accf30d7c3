// What capture costs: the same requests through a plain http-proxy (the floor of any reverse proxy)
// and through Portal Audit, at concurrency 1, 16 and 64. Each round runs both for every cell back to
// back (their order alternating between rounds), so a ratio compares like with like on a shared
// machine; the figures are medians over the rounds. A recorded POST notes an intent and appends the
// entry, each durable before the answer is released; a PUT also snapshots the record (a GET).
// Run: npm run bench:proxy [-- --rounds 3 --json out.json]
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import HttpProxy from 'http-proxy';
import { startPortalAudit } from '../../proxy/app.ts';
import { parseConfig } from '../../proxy/config/load.ts';
import { createJsonStore } from '../../proxy/store/json/json-store.ts';
import { FAKE_PORTAL_RULES } from '../helpers/capture-rig.ts';
import type { Cell, CellResult } from './proxy/load.ts';
import { median, type ProxyBenchResult, type ProxyRow } from './proxy/result.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, json: { type: 'string' } } });
const ROUNDS = Number(values.rounds);
const CONCURRENCY = [1, 16, 64];
const METHODS = ['POST', 'PUT', 'GET'] as const;
// c=1 runs at the speed of the disk's fsync: fewer requests keep a round short.
const requestsAt = (c: number) => (c === 1 ? 100 : 600);

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

// Every fsync the proxy makes goes through FileHandle.sync: counting and timing those calls shows the
// real fsyncs per request beside the store's group-commit rounds, and what one fsync costs this disk.
let fsyncs = 0;
let fsyncTimes: number[] = [];
const probe = await open(new URL(import.meta.url), 'r');
const cpuPer = (since: NodeJS.CpuUsage, requests: number) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / requests;
};
const handleProto = Object.getPrototypeOf(probe) as { sync: () => Promise<void> };
await probe.close();
const realSync = handleProto.sync;
handleProto.sync = async function (this: unknown) {
  fsyncs++;
  const started = performance.now();
  await realSync.call(this);
  fsyncTimes.push(performance.now() - started);
};

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

  // Warm-up: JIT, keep-alive sockets, the store's first segment and the search index's first entries.
  for (const url of [plainUrl, auditUrl]) for (const method of METHODS) await load.ask({ url, method, concurrency: 16, requests: 300 } satisfies Cell);

  console.log(`bench:proxy — ${ROUNDS} round(s); POST /api/students (recorded, no snapshot), PUT /api/students/:id (snapshot rule), GET; loopback, ${process.version}`);
  const samples = new Map<string, Array<{ plain: CellResult; audit: CellResult; plainCpuUs: number; auditCpuUs: number; rounds: number; fsyncs: number }>>();
  const failures: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    fsyncTimes = [];
    for (const concurrency of CONCURRENCY)
      for (const method of METHODS) {
        const cell = (url: string): Cell => ({ url, method, concurrency, requests: requestsAt(concurrency) });
        // This process hosts both proxies (client and portal are processes of their own), so its CPU time
        // during a cell is that proxy's work: a figure the machine's other load does not move as it moves req/s.
        const runPlain = async () => {
          const cpu = process.cpuUsage();
          const r = await load.ask(cell(plainUrl));
          return { r, cpuUs: cpuPer(cpu, r.requests) };
        };
        const runAudit = async () => {
          const [rounds, syncs, cpu] = [store.stats().syncRounds, fsyncs, process.cpuUsage()];
          const r = await load.ask(cell(auditUrl));
          return { r, cpuUs: cpuPer(cpu, r.requests), rounds: (store.stats().syncRounds - rounds) / r.requests, fsyncs: (fsyncs - syncs) / r.requests };
        };
        let plainResult: Awaited<ReturnType<typeof runPlain>>;
        let auditResult: Awaited<ReturnType<typeof runAudit>>;
        if (round % 2 === 0) {
          plainResult = await runPlain();
          auditResult = await runAudit();
        } else {
          auditResult = await runAudit();
          plainResult = await runPlain();
        }
        for (const [name, r] of [
          ['http-proxy', plainResult.r],
          ['Portal Audit', auditResult.r],
        ] as const)
          if (r.failures > 0) failures.push(`${r.failures} of ${r.requests} ${method} via ${name} at c=${concurrency} were not 2xx`);
        const key = `${concurrency} ${method}`;
        samples.set(key, [
          ...(samples.get(key) ?? []),
          { plain: plainResult.r, audit: auditResult.r, plainCpuUs: plainResult.cpuUs, auditCpuUs: auditResult.cpuUs, rounds: auditResult.rounds, fsyncs: auditResult.fsyncs },
        ]);
      }
    console.log(`  round ${round + 1} done; fsync median ${median(fsyncTimes).toFixed(2)} ms`);
  }

  const rows: ProxyRow[] = [...samples].map(([key, runs]) => {
    const [c, method] = key.split(' ') as [string, ProxyRow['method']];
    return {
      concurrency: Number(c),
      method,
      plainRps: median(runs.map((s) => s.plain.rps)),
      auditRps: median(runs.map((s) => s.audit.rps)),
      ratio: median(runs.map((s) => s.audit.rps / s.plain.rps)),
      plainP50: median(runs.map((s) => s.plain.p50)),
      auditP50: median(runs.map((s) => s.audit.p50)),
      addedP50: median(runs.map((s) => s.audit.p50 - s.plain.p50)),
      plainCpuUs: median(runs.map((s) => s.plainCpuUs)),
      auditCpuUs: median(runs.map((s) => s.auditCpuUs)),
      roundsPerRequest: median(runs.map((s) => s.rounds)),
      fsyncsPerRequest: median(runs.map((s) => s.fsyncs)),
    };
  });
  const result: ProxyBenchResult = { rounds: ROUNDS, fsyncMs: median(fsyncTimes), rows, failures };
  console.log('\nmedians over the rounds; ratio = Portal Audit req/s ÷ http-proxy req/s in the same round (1.00 = free)');
  console.log('  c  request   http-proxy req/s  Portal Audit req/s  ratio  p50 ms (proxy / audit)  CPU µs/req (proxy / audit)  fsyncs/req  rounds/req');
  for (const row of rows)
    console.log(
      `${String(row.concurrency).padStart(3)}  ${row.method.padEnd(7)}  ${row.plainRps.toFixed(0).padStart(16)}  ${row.auditRps.toFixed(0).padStart(18)}  ${row.ratio.toFixed(2).padStart(5)}` +
        `  ${`${row.plainP50.toFixed(2)} / ${row.auditP50.toFixed(2)}`.padStart(22)}  ${`${row.plainCpuUs.toFixed(0)} / ${row.auditCpuUs.toFixed(0)}`.padStart(26)}  ${row.method === 'GET' ? '         -' : row.fsyncsPerRequest.toFixed(2).padStart(10)}  ${row.method === 'GET' ? '         -' : row.roundsPerRequest.toFixed(2).padStart(10)}`,
    );
  console.log(`\none fsync on this disk: median ${result.fsyncMs.toFixed(2)} ms (every FileHandle.sync of the last round, timed)`);
  for (const line of failures) console.log(`warning: ${line}`);
  if (values.json) await writeFile(values.json, `${JSON.stringify(result, null, 2)}\n`);
} finally {
  await audit?.close();
  await store.close();
  await new Promise((resolve) => (plain ? plain.close(resolve) : resolve(undefined)));
  upstream.proc.disconnect();
  load.proc.disconnect();
  await rm(dataDir, { recursive: true, force: true });
}
