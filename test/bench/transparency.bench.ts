// What the Merkle tree and its checks cost, as medians: opening the writer (and the part of it that checks
// every line against its saved leaf), `verify` over the whole log, a consistency proof, and a durable
// append against the same append without the tree (a copy of the pre-Merkle store given with --baseline).
// Run: npm run bench:transparency [-- --entries 1000000 --runs 3 --baseline DIR --out FILE]
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { EntryDraft } from '../../shared/entry.ts';
import { createEntryGenerator } from '../../proxy/dev/generate-entries.ts';
import { createJsonStore } from '../../proxy/store/json/json-store.ts';
import { eachLine } from '../../proxy/store/json/log-loader.ts';
import { listSegments } from '../../proxy/store/json/segment-files.ts';
import { leafHashOf } from '../../proxy/store/merkle/tree.ts';
import { loadTrust } from '../../proxy/store/merkle/trust.ts';
import { verifyLog } from '../../proxy/store/verify.ts';

const { values } = parseArgs({
  options: {
    entries: { type: 'string', default: '200000' },
    runs: { type: 'string', default: '3' },
    baseline: { type: 'string' },
    out: { type: 'string' },
  },
});
const entries = Number(values.entries);
const runs = Number(values.runs);
const dir = await mkdtemp(join(tmpdir(), 'portal-audit-bench-tlog-'));
const draftAt = createEntryGenerator({ entries: entries + 10_000 });
const quiet = { onNotice: () => undefined };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function timed(op: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await op();
  return performance.now() - started;
}
/** Median wall and CPU milliseconds: on a shared machine the CPU time says what the work costs, the wall time what waiting for it did. */
async function medianOf(count: number, op: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < count; i++) {
    const before = process.cpuUsage();
    walls.push(await timed(op));
    const used = process.cpuUsage(before);
    cpus.push((used.user + used.system) / 1000);
  }
  return { wall: median(walls), cpu: median(cpus) };
}
const both = ({ wall, cpu }: { wall: number; cpu: number }, unit = 1, digits = 0) => `${(wall / unit).toFixed(digits)} / ${(cpu / unit).toFixed(digits)}`;

type StoreFactory = typeof createJsonStore;

/** Median time per acknowledged append, one at a time and in a burst of 200 (group commit), on a fresh store. */
async function appendCost(factory: StoreFactory, name: string): Promise<{ single: number; burst: number }> {
  const store = factory({ dataDir: join(dir, name), ...quiet });
  await store.open();
  const next = (i: number): EntryDraft => ({ ...draftAt(i), at: new Date().toISOString() });
  await store.appendBulk(Array.from({ length: 1000 }, (_, i) => draftAt(i)));
  const single: number[] = [];
  for (let i = 0; i < 100; i++) single.push(await timed(() => store.append(next(i))));
  const burst: number[] = [];
  for (let r = 0; r < 5; r++) burst.push((await timed(() => Promise.all(Array.from({ length: 200 }, (_, i) => store.append(next(1000 + r * 200 + i)))))) / 200);
  await store.close();
  return { single: median(single), burst: median(burst) };
}

try {
  const dataDir = join(dir, 'log');
  const seeding = createJsonStore({ dataDir, ...quiet });
  await seeding.open();
  for (let i = 0; i < entries; i += 5000) await seeding.appendBulk(Array.from({ length: Math.min(5000, entries - i) }, (_, k) => draftAt(i + k)));
  await seeding.close();

  const openMs = await medianOf(runs, async () => {
    const store = createJsonStore({ dataDir, ...quiet });
    await store.open();
    await store.close();
  });
  const segments = await listSegments(dataDir);
  const leafCheckMs = await medianOf(runs, () => eachLine(dataDir, segments, (line) => void leafHashOf(line)));

  const verifyMs = await medianOf(runs, async () => {
    const store = createJsonStore({ dataDir, readOnly: true, ...quiet });
    await store.open();
    const result = await verifyLog(store, { trust: await loadTrust(dataDir) });
    await store.close();
    if (!result.ok) throw new Error(`verify failed: ${result.firstBad?.reason}`);
  });

  const writer = createJsonStore({ dataDir, ...quiet });
  await writer.open();
  const tree = writer.transparency()!.tree;
  const proofTimes: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const from = 1 + Math.floor(Math.random() * (tree.size - 1));
    const started = performance.now();
    JSON.stringify({ from, to: tree.size, proof: tree.consistencyProof(from).map((h) => h.toString('hex')) });
    proofTimes.push(performance.now() - started);
  }
  await writer.close();

  const baseline = values.baseline ? ((await import(join(values.baseline, 'proxy/store/json/json-store.ts'))) as { createJsonStore: StoreFactory }).createJsonStore : null;
  // Alternated, so both see the same load on a shared machine.
  const ours: Array<{ single: number; burst: number }> = [];
  const theirs: Array<{ single: number; burst: number }> = [];
  for (let r = 0; r < runs; r++) {
    ours.push(await appendCost(createJsonStore, `append-${r}`));
    if (baseline) theirs.push(await appendCost(baseline, `append-baseline-${r}`));
  }
  const appendSingle = median(ours.map((c) => c.single));
  const appendBurst = median(ours.map((c) => c.burst));
  const baseSingle = baseline ? median(theirs.map((c) => c.single)) : null;
  const baseBurst = baseline ? median(theirs.map((c) => c.burst)) : null;

  const n = entries.toLocaleString('en-US');
  const rows: Array<[string, string, string]> = [
    [`open the writer over ${n} entries`, `${both(openMs)} ms`, 'wall / CPU'],
    [`  of which: every line checked against its leaf`, `${both(leafCheckMs)} ms`, `wall / CPU; ${((leafCheckMs.cpu / entries) * 1000).toFixed(2)} s CPU per 1M`],
    [`verify ${n} entries`, `${both(verifyMs, 1000, 2)} s`, `wall / CPU; ${((verifyMs.wall / entries) * 1000).toFixed(1)} / ${((verifyMs.cpu / entries) * 1000).toFixed(1)} s per 1M (target ≤ 10 s)`],
    [`consistency proof at ${n} (computed + JSON)`, `${median(proofTimes).toFixed(3)} ms`, `max ${Math.max(...proofTimes).toFixed(3)} ms (target ≤ 5 ms)`],
    [
      'append, one at a time (durable)',
      `${appendSingle.toFixed(3)} ms`,
      baseSingle ? `${(appendSingle / baseSingle).toFixed(2)}x pre-Merkle ${baseSingle.toFixed(3)} ms (target ≤ 1.2x)` : 'no --baseline',
    ],
    ['append, 200 at once (per entry)', `${appendBurst.toFixed(3)} ms`, baseBurst ? `${(appendBurst / baseBurst).toFixed(2)}x pre-Merkle ${baseBurst.toFixed(3)} ms (target ≤ 1.2x)` : 'no --baseline'],
  ];
  const table = [`transparency bench, medians of ${runs} run(s), ${new Date().toISOString()}`, ...rows.map(([what, value, note]) => `  ${what.padEnd(46)} ${value.padStart(17)}   ${note}`)].join('\n');
  console.log(table);
  if (values.out) await writeFile(values.out, `${table}\n`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
