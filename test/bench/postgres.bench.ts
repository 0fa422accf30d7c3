/**
 * `npm run bench:postgres`: where search should live with the PostgreSQL driver, by measurement.
 * Loads `--entries` generated entries (default 5,000,000) into a database of its own (dropped at the
 * end) through the driver's batch path, then times the search bench's query set (search-queries.ts)
 * three ways: the in-memory engine fed from the store, and the same parsed queries pushed down into
 * PostgreSQL as SQL (postgres-sql-search.ts) for a page alone and for a page with the total and facets.
 * Then durable ingest with two replicas (two processes appending as capture does), and the JSON store
 * at `--json-entries` (default 1,000,000) beside it. Not a test: it prints figures.
 * Flags: --entries N, --json-entries N, --ingest-seconds S, --runs R, --json FILE (figures and targets for `npm run bench`).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { parseQuery } from '../../shared/query/parse.ts';
import { createEntryGenerator } from '../../proxy/dev/generate-entries.ts';
import { createSearchEngine } from '../../proxy/search/engine.ts';
import type { SearchEngine } from '../../proxy/search/types.ts';
import { createStore, type DriverStore } from '../../proxy/store/create-store.ts';
import { createPostgresStore } from '../../proxy/store/postgres/postgres-store.ts';
import { SEARCH_SQL_SETUP, sqlSearch } from './postgres-sql-search.ts';
import { queries, TIMEZONE, type Query } from './search-queries.ts';
import type { Target } from './targets.ts';

const flag = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const ENTRIES = flag('entries', 5_000_000);
const JSON_ENTRIES = flag('json-entries', 1_000_000);
const INGEST_SECONDS = flag('ingest-seconds', 20);
const RUNS = flag('runs', 5);
const BATCH = 5000;
const JSON_OUT = process.argv.includes('--json') ? process.argv[process.argv.indexOf('--json') + 1] : undefined;

/** Why ingest falls short where it does: measured on 2 cores, not profiled further. */
const INGEST_SHORT = 'the two replicas, PostgreSQL and the 32 clients share the machine, and each batch waits its turn for the chain-head row lock; not profiled further';

/** The issue's targets for `npm run bench`'s table (targets.ts's shape); a run below 5M cannot meet the search one. */
function figures(m: { p95: number; sqlPage: number; sqlFull: number; rate: number; jsonP95: number; pgStart: number; jsonStart: number }) {
  const full = ENTRIES >= 5_000_000;
  const targets: Target[] = [
    {
      name: `search p95, in-memory engine over PostgreSQL (${ENTRIES.toLocaleString('en-US')} entries)`,
      goal: '≤ 100 ms at 5,000,000',
      measured: fmt(m.p95),
      met: full && m.p95 <= 100,
      ...(full ? {} : { reason: 'run below 5,000,000 entries (--entries)' }),
    },
    {
      name: 'durable ingest, 2 replicas × 16 clients',
      goal: '≥ 5,000 entries/s',
      measured: `${m.rate.toFixed(0)} entries/s`,
      met: m.rate >= 5000,
      ...(m.rate >= 5000 ? {} : { reason: INGEST_SHORT }),
    },
  ];
  return {
    entries: ENTRIES,
    jsonEntries: JSON_ENTRIES,
    p95Ms: { engine: m.p95, sqlPage: m.sqlPage, sqlWithFacets: m.sqlFull, jsonEngine: m.jsonP95 },
    ingestPerSecond: m.rate,
    writerStartMs: { postgres: m.pgStart, json: m.jsonStart },
    targets,
  };
}
const ADMIN_URL = process.env.PORTAL_AUDIT_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(1)} ms`);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const rssMb = () => (process.memoryUsage().rss / 2 ** 20).toFixed(0);

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

/** Appends `count` generated entries (two years of them) in batches; resolves with entries per second. */
async function load(store: DriverStore, count: number): Promise<number> {
  const draftAt = createEntryGenerator({ entries: count, days: 730 });
  const started = performance.now();
  for (let i = 0; i < count; i += BATCH) {
    const n = Math.min(BATCH, count - i);
    await store.appendBulk(Array.from({ length: n }, (_, k) => draftAt(i + k)));
    if ((i / BATCH) % 100 === 99) console.log(`  … ${i + n} entries, ${fmt(performance.now() - started)}`);
  }
  return count / ((performance.now() - started) / 1000);
}

/** Times of every run of every query (after one warm-up run each), sorted. */
async function timed(list: Query[], run: (query: Query) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (const query of list) {
    await run(query);
    for (let r = 0; r < RUNS; r++) {
      const start = performance.now();
      await run(query);
      times.push(performance.now() - start);
    }
  }
  return times.sort((a, b) => a - b);
}

/** Prints a row of figures; returns the p95. */
function line(label: string, times: number[]): number {
  console.log(`  ${label.padEnd(44)} p50 ${fmt(percentile(times, 0.5)).padStart(9)}  p95 ${fmt(percentile(times, 0.95)).padStart(9)}  max ${fmt(times.at(-1)!).padStart(9)}`);
  return percentile(times, 0.95);
}

async function engineTimes(store: DriverStore, label: string): Promise<{ engine: SearchEngine; list: Query[]; p95: number }> {
  const started = performance.now();
  const engine = await createSearchEngine({ store, config: { timezone: TIMEZONE, dateOrder: 'MDY' }, indexFile: null, onNotice: () => undefined });
  console.log(`${label}: in-memory engine ready in ${fmt(performance.now() - started)}, RSS ${rssMb()} MB`);
  const [sample] = await store.getMany([Math.floor(store.head().seq * 0.6)]);
  const list = queries(sample!);
  const p95 = line(`in-memory engine, ${list.length} queries × ${RUNS}`, await timed(list, (q) => engine.search(q.request)));
  return { engine, list, p95 };
}

/**
 * How long a writer takes to open over the loaded log, median of 3: it reads every row (line) and checks it against
 * its saved Merkle leaf before it takes entries, so this grows with the log.
 */
async function writerStart(open: () => DriverStore, label: string): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r < 3; r++) {
    const store = open();
    const started = performance.now();
    await store.open();
    times.push(performance.now() - started);
    await store.close();
  }
  const median = times.sort((a, b) => a - b)[1]!;
  console.log(`  ${label}: ${fmt(median)} (median of 3: ${times.map(fmt).join(', ')})`);
  return median;
}

/** Two replicas (processes) appending as capture does, 16 clients each; entries per second in all. */
async function ingest(url: string): Promise<number> {
  const worker = join(import.meta.dirname, 'postgres-ingest-worker.ts');
  const runs = ['a', 'b'].map((prefix) => promisify(execFile)(process.execPath, ['--import', 'tsx', worker, url, String(INGEST_SECONDS), '16', prefix]));
  const done = (await Promise.all(runs)).map(({ stdout }) => JSON.parse(stdout) as { appended: number; seconds: number });
  // Each replica times its own appending (its start-up is left out); the two runs overlap.
  return done.reduce((sum, d) => sum + d.appended, 0) / Math.max(...done.map((d) => d.seconds));
}

async function main(): Promise<void> {
  const name = `pa_bench_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).toString();
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const dataDir = await mkdtemp(join(tmpdir(), 'pa-bench-json-'));
  try {
    console.log(`PostgreSQL, ${ENTRIES.toLocaleString('en-US')} entries`);
    const store = createPostgresStore({ url, onNotice: () => undefined });
    await store.open();
    console.log(`  load through appendBulk (batches of ${BATCH}): ${(await load(store, ENTRIES)).toFixed(0)} entries/s`);
    const started = performance.now();
    for (const sql of SEARCH_SQL_SETUP) await pool.query(sql);
    console.log(`  pg_trgm index on names built in ${fmt(performance.now() - started)}`);
    const { engine, list, p95 } = await engineTimes(store, '  PostgreSQL');
    const usernames = (await pool.query<{ u: string }>('SELECT DISTINCT username AS u FROM entries WHERE username IS NOT NULL')).rows.map((r) => r.u);
    const sources = (await pool.query<{ s: string }>('SELECT DISTINCT source AS s FROM entries')).rows.map((r) => r.s);
    const parse = (q: Query) => parseQuery(q.request.q ?? '', { timezone: TIMEZONE, dateOrder: 'MDY', usernames, sources });
    const asSql = (q: Query) => (q.request.q !== undefined ? parse(q) : { ...parse(q), staff: q.request.staff ?? [], verbs: q.request.verb ?? [] });
    const sqlPage = line('SQL pushdown, newest 50', await timed(list, (q) => sqlSearch(pool, asSql(q))));
    const sqlFull = line('SQL pushdown, newest 50 + total and facets', await timed(list, (q) => sqlSearch(pool, asSql(q), { facets: true })));
    await engine.close();
    await store.close();
    // With a signing key, as `portal-audit start` opens it: the tree log checks every row against its leaf.
    const pgStart = await writerStart(() => createPostgresStore({ url, dataDir, onNotice: () => undefined }), `PostgreSQL writer start over ${ENTRIES.toLocaleString('en-US')} rows`);
    const rate = await ingest(url);
    console.log(`  durable ingest, 2 replicas × 16 clients for ${INGEST_SECONDS} s: ${rate.toFixed(0)} entries/s`);

    console.log(`JSON store, ${JSON_ENTRIES.toLocaleString('en-US')} entries`);
    const json = createStore({ dataDir }, { onNotice: () => undefined });
    await json.open();
    console.log(`  load through appendBulk (batches of ${BATCH}): ${(await load(json, JSON_ENTRIES)).toFixed(0)} entries/s`);
    await json.close();
    const jsonStart = await writerStart(() => createStore({ dataDir }, { onNotice: () => undefined }), `JSON writer start over ${JSON_ENTRIES.toLocaleString('en-US')} lines`);
    const reader = createStore({ dataDir }, { readOnly: true, onNotice: () => undefined });
    await reader.open();
    const jsonEngine = await engineTimes(reader, '  JSON');
    await jsonEngine.engine.close();
    await reader.close();
    if (JSON_OUT) await writeFile(JSON_OUT, `${JSON.stringify(figures({ p95, sqlPage, sqlFull, rate, jsonP95: jsonEngine.p95, pgStart, jsonStart }), null, 2)}\n`);
  } finally {
    await pool.end();
    await rm(dataDir, { recursive: true, force: true });
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

await main();
