import { randomInt } from 'node:crypto';
import pg from 'pg';
import { GENESIS_HASH, type Entry, type EntryDraft } from '../../../shared/entry.ts';
import { entryLine, parseStrictLine } from '../canonical-line.ts';
import { linkEntry } from '../chain.ts';
import type { DriverStore } from '../create-store.ts';
import { StoreUnavailableError } from '../errors.ts';
import { createGroupCommit } from '../group-commit.ts';
import { createIdFactory } from '../../ids.ts';
import type { Intent } from '../json/intent-journal.ts';
import { recordingOps, type AppendOp, type IntentOp } from '../recording-ops.ts';
import { createRetentionSchedule } from '../retention-schedule.ts';
import { sanitizeDraft } from '../sanitize.ts';
import { createSubscribers } from '../subscribers.ts';
import { createWritability } from '../writability.ts';
import type { Signer } from '../merkle/signing-key.ts';
import type { ChainHead, RetentionCheckpoint, StoredEntry } from '../store.ts';
import { loadPgTrust, openPgTreeLog, type PgTreeLog } from './checkpoints.ts';
import { pruneMonths, readCut } from './retention.ts';
import { insertEntries, queryText } from './entries-sql.ts';
import { createDeadWriterRecovery } from './dead-writers.ts';
import { importCheckpoint, importStored, importTrust, type ImportedTrust } from './import-stored.ts';
import { createReads, PAGE } from './reads.ts';
import { createFollower, ENTRIES_CHANNEL } from './follow.ts';
import { LOCK_NAMESPACE, migrate, MIGRATIONS, schemaVersion } from './migrations.ts';
import { singleRow } from './single-row.ts';

export interface PostgresStoreOptions {
  /** postgres:// URL of the database. Required. */
  url: string;
  /** Read without writing, migrating or recovering: for tail, verify and search. Default false. */
  readOnly?: boolean;
  /** Told about recoveries and what this driver does not do yet. Default console.warn. */
  onNotice?: (message: string) => void;
  /** Month partitions whose every day is older than this many days are dropped at open and then daily (see retention.ts). Default: keep everything. */
  retentionDays?: number;
  /** How often a running writer looks for months that have aged past the retention period. Default one day. */
  retentionCheckMs?: number;
  /** Signs the checkpoints; every replica of a log must have the same key. Default: the key of `dataDir` (see signing-key.ts). */
  signer?: Signer;
  /** Where the default signing key lives. Required unless `signer` is given or the store is read-only. */
  dataDir?: string;
  /** How often the database is asked for entries to sign and for checkpoints other replicas signed. Default 1000 ms. */
  checkpointEveryMs?: number;
  /** Extra milliseconds a commit waits to gather more appends. Default 0 (same tick only). */
  commitWindowMs?: number;
  /** Connections in the pool. Default 4. */
  poolSize?: number;
  /** While writes fail, how often to try the database again. Default 2000 ms. */
  probeIntervalMs?: number;
  /** How often a running writer looks for writers that died and logs their intents. Default 5000 ms. */
  recoverIntervalMs?: number;
  /** Clock for ids and recovered entries. Default `() => new Date()`. */
  now?: () => Date;
}

/** The PostgreSQL driver: the factory's DriverStore plus what only it can do. */
export interface PostgresStore extends DriverStore {
  /**
   * Copies entries of another log as they are (ids, seq, hashes, stored lines), after the database's
   * newest entry: `portal-audit migrate`. Each must follow the one before (seq and prevHash), else nothing is copied.
   */
  importStored(stored: readonly StoredEntry[]): Promise<ChainHead>;
  /** Before the first copied entry: the source's key, and its retention cut with the removed entries' leaves (see import-stored.ts). */
  importTrust(trust: ImportedTrust): Promise<ChainHead>;
  /** Records a checkpoint the source signed once every entry it covers is copied; false when not (yet). */
  importCheckpoint(text: string): Promise<boolean>;
}

type Op =
  | IntentOp
  | AppendOp
  /** The intents of a writer that died, turned into entries with outcome unknown. */
  | { kind: 'recover'; owner: number; drafts: readonly EntryDraft[]; entries: Entry[] };

/**
 * The PostgreSQL driver: entries, intents and the chain head in one database, so several processes
 * can append to one log. Each group-commit batch locks the head row (`SELECT … FOR UPDATE`), links its
 * entries after it and commits entries, settled intents and the new head in one transaction: seq stays
 * gap-free and the chain whole however many writers there are. Each writer holds an advisory lock for
 * its lifetime; the database releases it when the writer dies, and the next writer to open turns the
 * dead writer's intents into entries with outcome unknown.
 */
export function createPostgresStore({
  url,
  readOnly = false,
  onNotice = (message) => console.warn(message),
  retentionDays,
  retentionCheckMs = 24 * 60 * 60 * 1000,
  signer,
  dataDir,
  checkpointEveryMs,
  commitWindowMs = 0,
  poolSize = 4,
  probeIntervalMs = 2000,
  recoverIntervalMs = 5000,
  now = () => new Date(),
}: PostgresStoreOptions): PostgresStore {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection the server drops must not crash the process; the next query reports it.
  pool.on('error', (err) => onNotice(`A PostgreSQL connection failed: ${err.message}`));
  const subscribers = createSubscribers(onNotice);
  const nextId = createIdFactory();
  let head: ChainHead = { seq: 0, hash: GENESIS_HASH };
  let owner = 0;
  let ownerClient: pg.PoolClient | null = null;
  let treeLog: PgTreeLog | null = null;
  let cut: RetentionCheckpoint | null = null;
  const writes = createWritability({
    readOnly,
    probeIntervalMs,
    probe: () =>
      void pool.query('SELECT 1').then(
        () => writes.recovered(),
        () => undefined,
      ),
  });
  const retention = createRetentionSchedule(prune, { days: retentionDays, checkMs: retentionCheckMs });
  const follower = createFollower({ read: (from) => readEntries(from), tell, url, onNotice });

  const commit = createGroupCommit<Op>({ flush, windowMs: commitWindowMs });
  const deadWriters = createDeadWriterRecovery({
    pool,
    lockClient: () => {
      if (!ownerClient) throw new Error('the owner lock is not taken yet');
      return ownerClient;
    },
    self: () => owner,
    now,
    onNotice,
    intervalMs: recoverIntervalMs,
    async log(dead, drafts) {
      const op: Op = { kind: 'recover', owner: dead, drafts, entries: [] };
      await commit.submit(op);
      return op.entries.length;
    },
  });
  const { readLines, readable, entries } = createReads(pool, onNotice);

  function tell(entries: readonly Entry[]): void {
    const newest = entries.at(-1);
    if (newest && newest.seq > head.seq) head = { seq: newest.seq, hash: newest.hash };
    subscribers.tell(entries);
  }

  async function flush(batch: Op[]): Promise<void> {
    writes.refuseUnlessOpen();
    const client = await pool.connect().catch((err) => Promise.reject(writes.failed(err)));
    const rows: Array<{ entry: Entry; line: string }> = [];
    try {
      await client.query('BEGIN');
      const locked = await client.query<{ seq: string; hash: string }>('SELECT seq, hash FROM chain_head FOR UPDATE');
      const stored = singleRow(locked.rows, 'SELECT FROM chain_head');
      let prev: ChainHead = { seq: Number(stored.seq), hash: stored.hash };
      const intents: Intent[] = [];
      const settled: string[] = [];
      const recoveredOwners: number[] = [];
      for (const op of batch) {
        if (op.kind === 'intend') intents.push({ draft: op.draft, head: prev.seq });
        else if (op.kind === 'abandon') settled.push(op.requestId);
        else {
          if (op.kind === 'recover') recoveredOwners.push(op.owner);
          for (const draft of op.drafts) {
            const entry = linkEntry(prev, nextId(op.kind === 'append' && op.byAt ? Date.parse(draft.at) : now().getTime()), draft);
            prev = entry;
            op.entries.push(entry);
            rows.push({ entry, line: entryLine(entry) });
            settled.push(draft.requestId);
          }
        }
      }
      if (intents.length > 0) {
        await client.query(
          `INSERT INTO intents (request_id, owner, head, draft) SELECT * FROM unnest($1::text[], $2::integer[], $3::bigint[], $4::text[])
           ON CONFLICT (request_id) DO UPDATE SET owner = EXCLUDED.owner, head = EXCLUDED.head, draft = EXCLUDED.draft`,
          [intents.map((i) => queryText(i.draft.requestId)), intents.map(() => owner), intents.map((i) => i.head), intents.map((i) => JSON.stringify(i.draft))],
        );
      }
      if (rows.length > 0) {
        await insertEntries(client, rows);
        await client.query('UPDATE chain_head SET seq = $1, hash = $2', [prev.seq, prev.hash]);
        // Delivered at commit: followers on other replicas learn of the new entries without polling.
        await client.query('SELECT pg_notify($1, $2)', [ENTRIES_CHANNEL, String(prev.seq)]);
      }
      // Settling in the same transaction as the entry: an intent left in the table never has its entry.
      if (settled.length > 0) await client.query('DELETE FROM intents WHERE request_id = ANY($1::text[])', [settled.map(queryText)]);
      if (recoveredOwners.length > 0) await client.query('DELETE FROM intents WHERE owner = ANY($1::integer[])', [recoveredOwners]);
      await client.query('COMMIT');
      if (prev.seq > head.seq) head = { seq: prev.seq, hash: prev.hash };
      writes.recovered();
    } catch (err) {
      for (const op of batch) if (op.kind === 'append' || op.kind === 'recover') op.entries.length = 0;
      await client.query('ROLLBACK').catch(() => undefined);
      throw writes.failed(err);
    } finally {
      client.release();
    }
    await follower.appended(rows.map((r) => r.entry));
  }

  /** Holds this writer's advisory lock for its lifetime: while it is held, nobody recovers its intents. */
  async function takeOwnerLock(): Promise<void> {
    ownerClient = await pool.connect();
    for (;;) {
      owner = randomInt(1, 2 ** 31 - 1);
      const { rows } = await ownerClient.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [LOCK_NAMESPACE, owner]);
      if (singleRow(rows, 'pg_try_advisory_lock').ok) return;
    }
  }

  async function readHead(): Promise<ChainHead> {
    const { rows } = await pool.query<{ seq: string; hash: string }>('SELECT seq, hash FROM chain_head');
    const row = singleRow(rows, 'SELECT FROM chain_head');
    return { seq: Number(row.seq), hash: row.hash };
  }

  async function prune(retentionDays: number): Promise<void> {
    const record = (draft: EntryDraft) => ops.append(draft);
    const getMany = (seqs: readonly number[]) => store.getMany(seqs);
    cut = (await pruneMonths({ pool, retentionDays, now: now(), getMany, record, tree: treeLog, onNotice })) ?? cut;
  }

  /** The migration's writes: refused when read-only or closed; head and cut follow what they wrote. */
  async function imported(write: () => Promise<ChainHead>): Promise<ChainHead> {
    writes.refuseUnlessOpen();
    const to = await write();
    if (to.seq > head.seq) head = to;
    cut = await readCut(pool);
    return { ...to };
  }

  async function* readEntries(from: number): AsyncIterable<{ seq: number; entry: Entry | null }> {
    for await (const { seq, line } of readLines(from, Number.MAX_SAFE_INTEGER)) yield { seq, entry: readable(seq, line) };
  }

  const { appendDrafts, ...ops } = recordingOps((op) => commit.submit(op));

  const store: PostgresStore = {
    async open() {
      const client = await pool.connect();
      try {
        if (!readOnly) await migrate(client);
        else if ((await schemaVersion(client)) === 0) throw new StoreUnavailableError('the database holds no Portal Audit log yet (start the proxy on it once)');
        const version = await schemaVersion(client);
        const newest = MIGRATIONS.at(-1);
        if (!newest) throw new Error('no schema migrations are defined');
        const known = newest.version;
        if (version > known) throw new StoreUnavailableError(`the database schema is version ${version}, newer than this Portal Audit knows (${known}): upgrade Portal Audit`);
      } finally {
        client.release();
      }
      head = await readHead();
      cut = await readCut(pool);
      follower.start(head.seq);
      if (readOnly) return;
      await takeOwnerLock();
      writes.recovered();
      await deadWriters.run();
      deadWriters.start();
      treeLog = await openPgTreeLog({ pool, signer, dataDir, now, checkpointEveryMs, onNotice, readLines, retention: cut });
      await retention.start();
    },
    ...ops,
    async appendBulk(drafts) {
      const newest = (await appendDrafts(drafts.map(sanitizeDraft), true)).at(-1);
      return newest ? { seq: newest.seq, hash: newest.hash } : { ...head };
    },
    importStored: (stored) => imported(() => importStored(pool, stored)),
    importTrust: (trust) => imported(() => importTrust(pool, trust)),
    importCheckpoint: (text) => importCheckpoint(pool, text),
    // The newest entry this process has seen (its own appends and refresh); other writers may be ahead.
    head: () => ({ ...head }),
    retention: () => (cut ? { ...cut, lastRemoved: { ...cut.lastRemoved } } : null),
    transparency: () => treeLog,
    trust: (options) => loadPgTrust(pool, options),
    readSeq: (from, to = Number.MAX_SAFE_INTEGER) => entries(readLines(from, to)),
    async *readStored(from, to = Number.MAX_SAFE_INTEGER): AsyncIterable<StoredEntry> {
      for await (const { seq, line } of readLines(from, to)) yield { entry: parseStrictLine(line, `entries seq ${seq}`), line };
    },
    async getMany(seqs) {
      const found = new Map<number, Entry>();
      for (let i = 0; i < seqs.length; i += PAGE) {
        const { rows } = await pool.query<{ seq: string; line: string }>('SELECT seq, line FROM entries WHERE seq = ANY($1::bigint[])', [seqs.slice(i, i + PAGE)]);
        for (const row of rows) {
          const entry = readable(Number(row.seq), row.line);
          if (entry) found.set(entry.seq, entry);
        }
      }
      return seqs.flatMap((seq) => found.get(seq) ?? []);
    },
    async whereIs(seq) {
      const { rowCount } = await pool.query('SELECT 1 FROM entries WHERE seq = $1', [seq]);
      return rowCount ? `row seq ${seq} of table entries` : null;
    },
    iterateTime: (from = new Date(0), to = new Date(8.64e15)) => entries(readLines(1, Number.MAX_SAFE_INTEGER, { from, to })),
    subscribe: subscribers.subscribe,
    writable: writes.writable,
    status: writes.status,
    async refresh() {
      cut = await readCut(pool);
      return follower.refresh();
    },
    watch: (signal) => follower.watch(signal),
    async close() {
      await deadWriters.stop();
      await commit.drain();
      await retention.stop();
      writes.close();
      await follower.close();
      await treeLog?.close();
      // Releasing the connection ends the session, and with it this writer's advisory lock.
      ownerClient?.release(true);
      await pool.end();
    },
  };
  return store;
}
