/**
 * `npm run bench:search`: the search engine at 1,000,000 generated entries against the issue's
 * budget (ready < 15 s, RSS ≤ 400 MB, p95 ≤ 20 ms over ≥ 30 queries), precision and recall of a
 * labelled query set (search-relevance.ts) at 1M, and the same queries against the naive baseline —
 * Fuse.js over whole entries — at 100,000 entries, with recall of typo queries.
 * The generated logs are cached under .tmp/ and reused. Not a test: it prints figures.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Fuse from 'fuse.js';
import type { Entry } from '../../shared/entry.ts';
import { createSearchEngine } from '../../proxy/search/engine.ts';
import type { SearchEngine } from '../../proxy/search/types.ts';
import { createJsonStore } from '../../proxy/store/json/json-store.ts';
import { measureRelevance, printRelevance } from './search-relevance.ts';
import { queries, TIMEZONE, type Query } from './search-queries.ts';

const ROOT = join(import.meta.dirname, '..', '..');
/** Timed runs of each query after one warm-up run. */
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** BENCH_BASELINE=0 skips the (minutes-long) Fuse.js baseline, for tuning. */
const BASELINE = process.env.BENCH_BASELINE !== '0';
/** `--json FILE` (npm run bench): only the 1M figures the targets name, written to FILE; no relevance, no 100k comparison. */
const JSON_OUT = process.argv.includes('--json') ? process.argv[process.argv.indexOf('--json') + 1] : undefined;

/** A cached generated log of `entries` entries, made with the seed command the first time. */
function seededLog(entries: number): string {
  const dir = join(ROOT, '.tmp', `bench-${entries >= 1e6 ? `${entries / 1e6}m` : `${entries / 1e3}k`}`);
  if (!existsSync(dir)) {
    const partial = `${dir}.partial`;
    rmSync(partial, { recursive: true, force: true });
    console.log(`Seeding ${entries} entries into ${dir} (once; reused afterwards) …`);
    execFileSync(process.execPath, [join(ROOT, 'bin', 'portal-audit.mjs'), 'dev', 'seed', '--entries', String(entries), '--data-dir', partial], { stdio: 'inherit' });
    renameSync(partial, dir);
  }
  return dir;
}

/** Opens the store and the engine; with `indexFile` the engine reads (or first writes) its saved index. */
async function open(dataDir: string, indexFile: string | null) {
  const started = performance.now();
  const store = createJsonStore({ dataDir, readOnly: true, onNotice: () => undefined });
  await store.open();
  const storeMs = performance.now() - started;
  const engine = await createSearchEngine({ store, config: { timezone: TIMEZONE, dateOrder: 'MDY' }, indexFile });
  return { store, engine, storeMs, readyMs: performance.now() - started };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

async function timeEngine(engine: SearchEngine, list: Query[]) {
  const rows = [];
  for (const query of list) {
    const first = await engine.search(query.request);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      await engine.search(query.request);
      times.push(performance.now() - started);
    }
    rows.push({ query, total: first.total, times: times.sort((a, b) => a - b) });
  }
  return rows;
}

async function seqsOf(engine: SearchEngine, q: string): Promise<Set<number>> {
  const seqs = new Set<number>();
  for await (const entry of engine.matches({ q })) seqs.add(entry.seq);
  return seqs;
}

function fmt(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(1)} ms`;
}

async function main(): Promise<void> {
  const bigDir = seededLog(1_000_000);
  const indexFile = join(bigDir, 'search-index.bin');
  // The first start runs in its own process, so that the restart's RSS below is not inflated by it.
  rmSync(indexFile, { force: true });
  execFileSync(process.execPath, [...process.execArgv, import.meta.filename, '--first-start', bigDir], { stdio: 'inherit' });
  const big = await open(bigDir, indexFile);
  globalThis.gc?.();
  const rssMb = process.memoryUsage().rss / 2 ** 20;
  console.log(`1,000,000 entries, restart (saved index read back): store open ${fmt(big.storeMs)}, ready ${fmt(big.readyMs)} (target < 15 s); RSS ${rssMb.toFixed(0)} MB (target ≤ 400 MB)`);
  const [sample] = await big.store.getMany([Math.floor(big.store.head().seq * 0.6)]);
  const list = queries(sample!);
  const ours1m = await timeEngine(big.engine, list);
  const every1m = ours1m.flatMap((r) => r.times).sort((a, b) => a - b);
  console.log(`Ours at 1M over ${list.length} queries × ${RUNS} runs: p50 ${fmt(percentile(every1m, 0.5))}, p95 ${fmt(percentile(every1m, 0.95))} (target ≤ 20 ms), max ${fmt(every1m.at(-1)!)}`);
  if (JSON_OUT) {
    writeFileSync(
      JSON_OUT,
      `${JSON.stringify({ entries: 1_000_000, readyMs: big.readyMs, rssMb, queries: list.length, runs: RUNS, p50Ms: percentile(every1m, 0.5), p95Ms: percentile(every1m, 0.95) })}\n`,
    );
    await big.engine.close();
    await big.store.close();
    return;
  }
  printRelevance(await measureRelevance(big.engine, big.store.readSeq(1)));
  await big.engine.close();
  await big.store.close();

  const small = await open(seededLog(100_000), null);
  const [smallSample] = await small.store.getMany([Math.floor(small.store.head().seq * 0.6)]);
  const smallList = queries(smallSample!);
  const ours100k = await timeEngine(small.engine, smallList);
  const all: Entry[] = [];
  for await (const entry of small.store.readSeq(1)) all.push(entry);
  const fuse = new Fuse(BASELINE ? all : [], { keys: ['member', 'username', 'action', 'records.name', 'verb', 'source'], threshold: 0.4 });
  console.log(`Baseline: Fuse.js over ${all.length} whole entries (keys member, username, action, records.name, verb, source; threshold 0.4)\n`);

  const header = ['#', 'query', 'hits@1M', 'p50@1M', 'max@1M', 'ours@100k', 'fuse@100k', 'fuse/ours'];
  const table: string[][] = [];
  const recall: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const mine = ours1m[i]!;
    const mineSmall = ours100k[i]!;
    const text = smallList[i]!.request.q;
    let fuseMs = Number.NaN;
    let fuseHits: Entry[] = [];
    if (text !== undefined && BASELINE) {
      const started = performance.now();
      fuseHits = fuse.search(text).map((r) => r.item);
      fuseMs = performance.now() - started;
    }
    const oursMs = percentile(mineSmall.times, 0.5);
    table.push([
      String(i + 1),
      mine.query.label.slice(0, 48),
      String(mine.total),
      fmt(percentile(mine.times, 0.5)),
      fmt(mine.times.at(-1)!),
      fmt(oursMs),
      Number.isNaN(fuseMs) ? 'n/a' : fmt(fuseMs),
      Number.isNaN(fuseMs) ? '' : `${(fuseMs / oursMs).toFixed(0)}×`,
    ]);
    const right = smallList[i]!.right;
    if (right !== undefined && text !== undefined && BASELINE) {
      const truth = await seqsOf(small.engine, right);
      const oursFound = await seqsOf(small.engine, text);
      const fuseFound = new Set(fuseHits.map((e) => e.seq));
      const share = (found: Set<number>) => [...truth].filter((s) => found.has(s)).length;
      recall.push(`  ${text.padEnd(22)} vs "${right}" (${truth.size} entries): ours ${share(oursFound)}/${truth.size}, fuse ${share(fuseFound)}/${truth.size}`);
    }
  }
  const widths = header.map((h, c) => Math.max(h.length, ...table.map((r) => r[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 1 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  console.log(line(header));
  for (const row of table) console.log(line(row));

  const every = ours1m.flatMap((r) => r.times).sort((a, b) => a - b);
  console.log(`\nOurs at 1M over ${list.length} queries × ${RUNS} runs: p50 ${fmt(percentile(every, 0.5))}, p95 ${fmt(percentile(every, 0.95))} (target ≤ 20 ms), max ${fmt(every.at(-1)!)}`);
  console.log(`Typo recall at 100k (entries the right spelling finds that the typo also finds):\n${recall.join('\n')}`);
  await small.engine.close();
  await small.store.close();
}

if (process.argv[2] === '--first-start') {
  const cold = await open(process.argv[3]!, join(process.argv[3]!, 'search-index.bin'));
  const rssMb = process.memoryUsage().rss / 2 ** 20;
  await cold.engine.close();
  await cold.store.close();
  console.log(`\n1,000,000 entries, first start (index built from the log, then saved): store open ${fmt(cold.storeMs)}, ready ${fmt(cold.readyMs)}, RSS ${rssMb.toFixed(0)} MB`);
} else {
  await main();
}
