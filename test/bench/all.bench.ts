// `npm run bench`: the proxy, store and search benches (and PostgreSQL's, when main has one and a
// server answers) at sizes that finish in a few minutes, one table of every target with met or not,
// and bench/results.json with the machine, the date, each ratio and each target (the unmet ones with
// their reason). Each sub-bench's own output goes to a log file named at the end.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProxyBenchResult } from './proxy/result.ts';
import { proxyTargets, searchTargets, type SearchFigures, type Target } from './targets.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const logs = await mkdtemp(join(tmpdir(), 'portal-audit-bench-'));

interface Run {
  name: string;
  seconds: number;
  log: string;
  /** The bench's --json figures; null when it failed (exit code in `error`). */
  figures: unknown;
  error?: string;
}

/** Runs one npm bench script with `--json`, its output to a log file; resolves with its figures. */
async function runBench(script: string, args: string[]): Promise<Run> {
  const json = join(logs, `${script}.json`);
  const log = join(logs, `${script}.log`);
  const started = performance.now();
  process.stdout.write(`running ${script} ${args.join(' ')} … `);
  const out = createWriteStream(log);
  const code = await new Promise<number>((resolve) => {
    const child = spawn('npm', ['run', '--silent', script, '--', ...args, '--json', json], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    child.on('close', (c) => resolve(c ?? 1));
  });
  out.end();
  const seconds = (performance.now() - started) / 1000;
  console.log(`${code === 0 ? 'done' : `failed (exit ${code})`} in ${seconds.toFixed(0)} s`);
  const figures = code === 0 ? JSON.parse(await readFile(json, 'utf8').catch(() => 'null')) : null;
  return { name: script, seconds, log, figures, ...(code === 0 ? {} : { error: `exit ${code}, see ${log}` }) };
}

/** Whether a PostgreSQL server accepts a connection on 127.0.0.1:5432 (or PGHOST/PGPORT). */
function postgresAnswers(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: process.env.PGHOST ?? '127.0.0.1', port: Number(process.env.PGPORT ?? 5432) });
    socket.setTimeout(1000, () => socket.destroy());
    socket.once('connect', () => (socket.end(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('close', () => resolve(false));
  });
}

const machine = { cpus: cpus().length, model: cpus()[0]?.model.trim() ?? 'unknown', node: process.version, platform: process.platform, loadAverageAtStart: loadavg()[0]! };
const date = new Date().toISOString();
console.log(`npm run bench — ${date}; ${machine.cpus} × ${machine.model}, node ${machine.node}, load average ${machine.loadAverageAtStart.toFixed(1)} at start\n`);

const scripts = (JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const runs: Run[] = [];
const targets: Target[] = [];
const figures: Array<{ name: string; value: string }> = [];

const proxy = await runBench('bench:proxy', ['--rounds', '3']);
runs.push(proxy);
if (proxy.figures) {
  const result = proxy.figures as ProxyBenchResult;
  targets.push(...proxyTargets(result));
  for (const row of result.rows)
    figures.push({
      name: `${row.method} c=${row.concurrency}: req/s, and CPU µs per request, http-proxy / Portal Audit`,
      value: `${row.plainRps.toFixed(0)} / ${row.auditRps.toFixed(0)}; ${row.plainCpuUs.toFixed(0)} / ${row.auditCpuUs.toFixed(0)}`,
    });
  figures.push({ name: 'one fsync on this disk (median)', value: `${result.fsyncMs.toFixed(2)} ms` });
}

const store = await runBench('bench:store', ['--entries', '20000', '--writes', '3']);
runs.push(store);
if (store.figures) {
  const s = store.figures as { entries: number; lowdbMs: number; appendMs: number; burstMs: number };
  figures.push({ name: `store: one durable append at ${s.entries / 1000}k entries, segment / lowdb`, value: `${s.appendMs.toFixed(2)} ms / ${s.lowdbMs.toFixed(0)} ms` });
  figures.push({ name: 'store: append in a burst of 200 (group commit)', value: `${s.burstMs.toFixed(3)} ms` });
}

const search = await runBench('bench:search', []);
runs.push(search);
if (search.figures) targets.push(...searchTargets(search.figures as SearchFigures));

// PostgreSQL's bench (its own figures, printed to its log) runs when it exists and a server answers.
// Its targets join the table once it writes a --json file with a `targets` list shaped like ours.
let postgresFigures: unknown = null;
if (!scripts['bench:postgres']) runs.push({ name: 'bench:postgres', seconds: 0, log: '', figures: null, error: 'not run: no bench:postgres script yet' });
else if (!(await postgresAnswers())) runs.push({ name: 'bench:postgres', seconds: 0, log: '', figures: null, error: 'not run: no PostgreSQL server answers' });
else {
  // Small sizes: its defaults (5M entries) take far longer than the few minutes this run allows.
  const postgres = await runBench('bench:postgres', ['--entries', '100000', '--json-entries', '20000', '--ingest-seconds', '5', '--runs', '3']);
  runs.push(postgres);
  postgresFigures = postgres.figures;
  const listed = (postgres.figures as { targets?: Target[] } | null)?.targets;
  if (Array.isArray(listed)) targets.push(...listed);
}

const rows = [...targets.map((t) => [t.name, t.goal, t.measured, t.met ? 'met' : 'NOT MET']), ...figures.map((f) => [f.name, '(figure)', f.value, ''])];
const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c]!.length), ['target', 'goal', 'measured', ''][c]!.length));
const line = (cells: string[]) =>
  cells
    .map((cell, c) => cell.padEnd(widths[c]!))
    .join('  ')
    .trimEnd();
console.log(`\n${line(['target', 'goal', 'measured', ''])}`);
for (const row of rows) console.log(line(row));
const unmet = targets.filter((t) => !t.met);
if (unmet.length > 0) console.log(`\nNot met (${unmet.length} of ${targets.length}):\n${unmet.map((t) => `- ${t.name}: ${t.reason}`).join('\n')}`);
for (const run of runs) if (run.error) console.log(`${run.name}: ${run.error}`);

await mkdir(join(ROOT, 'bench'), { recursive: true });
const results = {
  date,
  machine: { ...machine, loadAverageAtEnd: loadavg()[0]! },
  runs: runs.map(({ name, seconds, error }) => ({ name, seconds: Math.round(seconds), ...(error ? { error } : {}) })),
  ratios: (proxy.figures as ProxyBenchResult | null)?.rows ?? [],
  fsyncMs: (proxy.figures as ProxyBenchResult | null)?.fsyncMs ?? null,
  store: store.figures,
  search: search.figures,
  postgres: postgresFigures,
  targets,
  figures,
};
await writeFile(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwrote bench/results.json; each bench's own output: ${logs}`);
