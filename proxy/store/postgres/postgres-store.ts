import { randomInt } from 'node:crypto';
import pg from 'pg';
import { GENESIS_HASH, type Entry, type EntryDraft } from '../../../shared/entry.ts';
import { entryLine, parseStrictLine } from '../canonical-line.ts';
import { linkEntry } from '../chain.ts';
import type { DriverStore } from '../create-store.ts';
import { CorruptLogError, StoreUnavailableError } from '../errors.ts';
import { createGroupCommit } from '../group-commit.ts';
import { createIdFactory } from '../json/ids.ts';
import type { Intent } from '../json/intent-journal.ts';
import { sanitizeDraft } from '../sanitize.ts';
import type { ChainHead, StoredEntry } from '../store.ts';
import { insertEntries, queryText } from './entries-sql.ts';
import { createDeadWriterRecovery } from './dead-writers.ts';
import { createFollower, ENTRIES_CHANNEL } from './follow.ts';
import { LOCK_NAMESPACE, migrate, MIGRATIONS, schemaVersion } from './migrations.ts';

export interface PostgresStoreOptions {
  /** postgres:// URL of the database. Required. */
  url: string;
  /** Read without writing, migrating or recovering: for tail, verify and search. Default false. */
  readOnly?: boolean;
  /** Told about recoveries and what this driver does not do yet. Default console.warn. */
  onNotice?: (message: string) => void;
  /** Asked for; the driver does not remove entries yet and says so once at open. Default: keep everything. */
  retentionDays?: number;
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
}

type Op =
  | { kind: 'intend'; draft: EntryDraft }
  | { kind: 'abandon'; requestId: string }
  | { kind: 'append'; drafts: readonly EntryDraft[]; byAt: boolean; entries: Entry[] }
  /** The intents of a writer that died, turned into entries with outcome unknown. */
  | { kind: 'recover'; owner: number; drafts: readonly EntryDraft[]; entries: Entry[] };

/** Rows per page of a read: every walk over the log is bounded in memory. */
const PAGE = 1000;
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
  commitWindowMs = 0,
  poolSize = 4,
  probeIntervalMs = 2000,
  recoverIntervalMs = 5000,
  now = () => new Date(),
}: PostgresStoreOptions): PostgresStore {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection the server drops must not crash the process; the next query reports it.
  pool.on('error', (err) => onNotice(`A PostgreSQL connection failed: ${err.message}`));
  const listeners = new Set<(entry: Entry) => void>();
  const nextId = createIdFactory();
  let head: ChainHead = { seq: 0, hash: GENESIS_HASH };
  let owner = 0;
  let ownerClient: pg.PoolClient | null = null;
  let isWritable = false;
  let lastError = 'the store is not open';
  let probeTimer: NodeJS.Timeout | null = null;
  let closed = false;
  const follower = createFollower({ read: (from) => readEntries(from), tell, url, onNotice });

  const commit = createGroupCommit<Op>({ flush, windowMs: commitWindowMs });
  const deadWriters = createDeadWriterRecovery({
    pool,
    lockClient: () => ownerClient!,
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

  function tell(entries: readonly Entry[]): void {
    const newest = entries.at(-1);
    if (newest && newest.seq > head.seq) head = { seq: newest.seq, hash: newest.hash };
    for (const entry of entries)
      for (const listener of listeners) {
        try {
          listener(entry);
        } catch (err) {
          onNotice(`A store subscriber failed: ${(err as Error).message}`);
        }
      }
  }

  function failed(err: unknown): StoreUnavailableError {
    isWritable = false;
    lastError = (err as Error).message ?? String(err);
    probeTimer ??= setInterval(() => {
      void pool.query('SELECT 1').then(() => {
        isWritable = true;
        if (probeTimer) clearInterval(probeTimer);
        probeTimer = null;
      }, () => undefined);
    }, probeIntervalMs).unref();
    return new StoreUnavailableError(`cannot write the audit log (${lastError})`, { cause: err });
  }

  async function flush(batch: Op[]): Promise<void> {
    if (closed || readOnly) throw new StoreUnavailableError(readOnly ? 'the store is read-only' : 'the store is closed');
    const client = await pool.connect().catch((err) => Promise.reject(failed(err)));
    const rows: Array<{ entry: Entry; line: string }> = [];
    try {
      await client.query('BEGIN');
      const locked = await client.query<{ seq: string; hash: string }>('SELECT seq, hash FROM chain_head FOR UPDATE');
      let prev: ChainHead = { seq: Number(locked.rows[0]!.seq), hash: locked.rows[0]!.hash };
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
      isWritable = true;
    } catch (err) {
      for (const op of batch) if (op.kind === 'append' || op.kind === 'recover') op.entries.length = 0;
      await client.query('ROLLBACK').catch(() => undefined);
      throw failed(err);
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
      if (rows[0]!.ok) return;
    }
  }

  async function readHead(): Promise<ChainHead> {
    const { rows } = await pool.query<{ seq: string; hash: string }>('SELECT seq, hash FROM chain_head');
    return { seq: Number(rows[0]!.seq), hash: rows[0]!.hash };
  }

  /** Pages of stored lines in seq order from `from` through `to`, optionally filtered by time. */
  async function* readLines(from: number, to: number, at?: { from: Date; to: Date }): AsyncIterable<{ seq: number; line: string }> {
    let next = from;
    for (;;) {
      const params: unknown[] = [next, to, PAGE];
      const time = at ? 'AND at >= $4 AND at < $5' : '';
      if (at) params.push(at.from.toISOString(), at.to.toISOString());
      const { rows } = await pool.query<{ seq: string; line: string }>(`SELECT seq, line FROM entries WHERE seq >= $1 AND seq <= $2 ${time} ORDER BY seq LIMIT $3`, params);
      for (const row of rows) yield { seq: Number(row.seq), line: row.line };
      if (rows.length < PAGE) return;
      next = Number(rows.at(-1)!.seq) + 1;
    }
  }

  /** The entry of a readable line; a line that is not canonical is left out with a notice (verify names it). */
  function readable(seq: number, line: string): Entry | null {
    try {
      return parseStrictLine(line, `entries seq ${seq}`);
    } catch (err) {
      if (!(err instanceof CorruptLogError)) throw err;
      onNotice(`A corrupt row of the log is left out of searches and reads (${err.message}); run portal-audit verify`);
      return null;
    }
  }

  async function* readEntries(from: number): AsyncIterable<{ seq: number; entry: Entry | null }> {
    for await (const { seq, line } of readLines(from, Number.MAX_SAFE_INTEGER)) yield { seq, entry: readable(seq, line) };
  }

  async function* entries(lines: AsyncIterable<{ seq: number; line: string }>): AsyncIterable<Entry> {
    for await (const { seq, line } of lines) {
      const entry = readable(seq, line);
      if (entry) yield entry;
    }
  }

  async function appendDrafts(drafts: readonly EntryDraft[], byAt: boolean): Promise<Entry[]> {
    const op: Op = { kind: 'append', drafts: drafts.map(sanitizeDraft), byAt, entries: [] };
    await commit.submit(op);
    return op.entries;
  }

  return {
    async open() {
      const client = await pool.connect();
      try {
        if (!readOnly) await migrate(client);
        else if ((await schemaVersion(client)) === 0) throw new StoreUnavailableError('the database holds no Portal Audit log yet (start the proxy on it once)');
        const version = await schemaVersion(client);
        const known = MIGRATIONS.at(-1)!.version;
        if (version > known) throw new StoreUnavailableError(`the database schema is version ${version}, newer than this Portal Audit knows (${known}): upgrade Portal Audit`);
      } finally {
        client.release();
      }
      head = await readHead();
      follower.start(head.seq);
      if (readOnly) return;
      if (retentionDays !== undefined) onNotice('The postgres store does not remove old entries yet: retentionDays is not enforced, every entry is kept');
      await takeOwnerLock();
      isWritable = true;
      await deadWriters.run();
      deadWriters.start();
    },
    async intend(draft) {
      await commit.submit({ kind: 'intend', draft: sanitizeDraft(draft) });
    },
    async abandon(requestId) {
      await commit.submit({ kind: 'abandon', requestId });
    },
    async append(draft) {
      const [entry] = await appendDrafts([draft], false);
      return entry!;
    },
    async appendBulk(drafts) {
      const appended = await appendDrafts(drafts, true);
      return appended.length > 0 ? { seq: appended.at(-1)!.seq, hash: appended.at(-1)!.hash } : { ...head };
    },
    async importStored(stored) {
      if (readOnly || closed) throw new StoreUnavailableError(readOnly ? 'the store is read-only' : 'the store is closed');
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const locked = await client.query<{ seq: string; hash: string }>('SELECT seq, hash FROM chain_head FOR UPDATE');
        let prev: ChainHead = { seq: Number(locked.rows[0]!.seq), hash: locked.rows[0]!.hash };
        for (const { entry } of stored) {
          if (entry.seq !== prev.seq + 1 || entry.prevHash !== prev.hash) throw new Error(`entry ${entry.seq} does not follow entry ${prev.seq} of the database (seq or prevHash differ): not copied`);
          prev = { seq: entry.seq, hash: entry.hash };
        }
        if (stored.length > 0) {
          await insertEntries(client, stored);
          await client.query('UPDATE chain_head SET seq = $1, hash = $2', [prev.seq, prev.hash]);
        }
        await client.query('COMMIT');
        if (prev.seq > head.seq) head = prev;
        return { ...prev };
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    // The newest entry this process has seen (its own appends and refresh); other writers may be ahead.
    head: () => ({ ...head }),
    retention: () => null,
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
    iterateTime: (from = new Date(0), to = new Date(8.64e15)) => entries(readLines(1, Number.MAX_SAFE_INTEGER, { from, to })),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    writable: () => isWritable && !closed,
    status: () => ({ writable: isWritable && !closed, reason: readOnly ? 'opened read-only' : closed ? 'the store is closed' : isWritable ? null : lastError }),
    refresh: () => follower.refresh(),
    watch: (signal) => follower.watch(signal),
    async close() {
      await deadWriters.stop();
      await commit.drain();
      closed = true;
      await follower.close();
      if (probeTimer) clearInterval(probeTimer);
      // Releasing the connection ends the session, and with it this writer's advisory lock.
      ownerClient?.release(true);
      await pool.end();
    },
  };
}
