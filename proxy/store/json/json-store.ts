import { mkdir, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type EntryDraft, GENESIS_HASH, type Entry, type EntrySummary } from '../../../shared/entry.ts';
import { CorruptLogError, StoreUnavailableError } from '../errors.ts';
import type { ChainHead, RetentionCheckpoint, Store } from '../store.ts';
import { readCheckpoint } from './checkpoint.ts';
import { createEntryReader } from './entry-reader.ts';
import { createGroupCommit } from '../group-commit.ts';
import { recordingOps } from '../recording-ops.ts';
import { createRetentionSchedule } from '../retention-schedule.ts';
import { createSubscribers } from '../subscribers.ts';
import { createWritability } from '../writability.ts';
import { writeBatch, type Op } from './batch-write.ts';
import { headOfNewestLine } from './newest-line.ts';
import { createIdFactory } from '../../ids.ts';
import { scanForIndex } from './index-scan.ts';
import { createIntentJournal, type Intent } from './intent-journal.ts';
import { createLogLoader, eachLine } from './log-loader.ts';
import { cutTornTail, keepAside, unfinishedRequests, type TornTail } from './recovery.ts';
import { pruneAndTell, removeLeftoverSegments } from './retention.ts';
import { createSeqIndex } from './seq-index.ts';
import { logDir, segmentName } from './segment-files.ts';
import { createSegmentWriter, type SegmentWriter } from './segment-writer.ts';
import { acquireWriterLock } from './writer-lock.ts';
import { loadSigner, type Signer } from '../merkle/signing-key.ts';
import { createTreeLog, type TreeLog } from '../merkle/tree-log.ts';
import { loadTrust } from '../merkle/trust.ts';

export interface JsonStoreOptions {
  /** Folder holding `log/` (the day segments), `intents.jsonl` and `recovered/`. Required. */
  dataDir: string;
  /** Clock deciding the day segment an append goes to. Default `() => new Date()`. */
  now?: () => Date;
  /** Extra milliseconds a commit waits to gather more appends. Default 0 (same tick only). */
  commitWindowMs?: number;
  /** Read without writing, recovering or locking: for tail and verify beside a running proxy. Default false. */
  readOnly?: boolean;
  /** While writes fail, how often to probe whether the disk takes writes again. Default 2000 ms. */
  probeIntervalMs?: number;
  /** Told about repairs made at open (a torn line cut, requests recovered) and what retention removed. Default console.warn. */
  onNotice?: (message: string) => void;
  /**
   * Day segments older than this many days (by their UTC day, counted back from `now`) are removed
   * at open and then once a day, leaving a checkpoint (`retention.json`) that verify starts from.
   * The newest segment is always kept; read-only stores never remove anything. Default: keep everything.
   */
  retentionDays?: number;
  /** How often a running writer looks for segments that have aged past the retention period. Default one day. */
  retentionCheckMs?: number;
  /** Signs the Merkle tree's checkpoints. Default: the key in `<dataDir>/log-signing.key`, made on first open (or PORTAL_AUDIT_SIGNING_KEY). */
  signer?: Signer;
  /** Longest wait between an append and a signed checkpoint covering it. Default 1000 ms. */
  checkpointEveryMs?: number;
}

/** The JSON Lines driver: the Store interface plus what only this driver can do. */
export interface JsonStore extends Store {
  /** Appends many entries in one write and sync, each to the segment of its own `at` day (the seed's path). */
  appendBulk(drafts: readonly EntryDraft[]): Promise<ChainHead>;
  /** What a search index keeps of every entry from seq `from` on, read faster than readSeq's whole entries. */
  scanForIndex(from: number, onEntry: (entry: EntrySummary) => void): Promise<void>;
  /** Read-only stores: index what another process appended since, and tell subscribers. Resolves with the count. */
  refresh(): Promise<number>;
  /** Write-and-sync rounds so far: concurrent appends share rounds (group commit). */
  stats(): { syncRounds: number };
  /** The Merkle tree and its signed checkpoints; null for a read-only store. */
  transparency(): TreeLog | null;
}

async function* entriesOf(stored: AsyncIterable<{ entry: Entry }>): AsyncIterable<Entry> {
  for await (const { entry } of stored) yield entry;
}

/** The embedded default store: append-only day segments of JSON Lines under `<dataDir>/log/`. */
export function createJsonStore({
  dataDir,
  now = () => new Date(),
  commitWindowMs = 0,
  readOnly = false,
  probeIntervalMs = 2000,
  onNotice = (message) => console.warn(message),
  retentionDays,
  retentionCheckMs = 24 * 60 * 60 * 1000,
  signer,
  checkpointEveryMs,
}: JsonStoreOptions): JsonStore {
  const dir = logDir(dataDir);
  const segments: string[] = [];
  const index = createSeqIndex({ initialCapacity: 64 * 1024 });
  let fresh: number[] | null = null;
  // Retention removes the oldest segments; their numbers stay taken so the index need not be renumbered.
  let checkpoint: RetentionCheckpoint | null = null;
  let firstSegment = 0;
  const prunedThrough = () => (checkpoint ? segmentName(checkpoint.prunedThrough) : '');
  // A line altered on disk is left out of reads and searches, told once per place; verify names it.
  const corruptSeen = new Set<string>();
  const corrupt = (err: CorruptLogError) => {
    if (corruptSeen.has(err.where)) return;
    corruptSeen.add(err.where);
    onNotice(`A corrupt line of the log is left out of searches and reads (${err.message}); run portal-audit verify`);
  };
  const onUnreadable = (where: string) => corrupt(new CorruptLogError(where, 'not an entry (unreadable, or no seq)'));
  const loader = createLogLoader({ dataDir, segments, index, prunedThrough, onSeq: (seq) => fresh?.push(seq), onUnreadable });
  const reader = createEntryReader({ dataDir, segments, index, firstSegment: () => firstSegment, onCorrupt: corrupt });
  const journal = createIntentJournal({ dataDir });
  const subscribers = createSubscribers(onNotice);
  const openIntents = new Map<string, Intent>();
  const nextId = createIdFactory();
  let writer: SegmentWriter | null = null;
  let treeLog: TreeLog | null = null;
  let head: ChainHead = { seq: 0, hash: GENESIS_HASH };
  // What a crash left, repaired by the first flush that can write (at open, or once the disk recovers).
  let tornTail: TornTail | null = null;
  let recovering: Map<string, EntryDraft> | null = null;
  let syncRounds = 0;
  let releaseLock = async (): Promise<void> => undefined;

  const commit = createGroupCommit<Op>({ flush, windowMs: commitWindowMs });
  // Probing goes through the commit queue like any write: a probe's rollback running beside a flush
  // would cut bytes that flush is about to acknowledge. Once the disk takes writes again, that same
  // flush repairs and recovers without waiting for a request.
  const writes = createWritability({ readOnly, probeIntervalMs, probe: () => void commit.submit({ kind: 'repair' }).catch(() => undefined) });
  const retention = createRetentionSchedule(prune, { days: retentionDays, checkMs: retentionCheckMs });

  function headFrom(line: string | null): void {
    if (line !== null) head = headOfNewestLine(line, { segment: segments.at(-1) ?? 'log', maxSeq: index.maxSeq(), readOnly, onNotice });
  }

  /** Proves the disk takes a write (a full or read-only disk shows at start), after cutting what a failed write left. */
  async function probe(): Promise<void> {
    await mkdir(dir, { recursive: true });
    const newest = segments.at(-1);
    // A segment that is not a plain file (a device, a dangling link) cannot hold the log.
    if (
      newest &&
      !(await stat(join(dir, newest)).then(
        (s) => s.isFile(),
        () => true,
      ))
    )
      throw new Error(`${newest} is not a regular file`);
    await writer?.rollback();
    await journal.rollback();
    const probePath = join(dir, '.probe');
    await writeFile(probePath, Buffer.alloc(4096), { flush: true });
    await unlink(probePath);
    writes.recovered();
  }

  /**
   * Before the first write: cuts a torn last line, removes segments retention left, and turns the
   * intents a crash left open into entries (appended by the flush that called this).
   */
  async function repair(): Promise<Map<string, EntryDraft>> {
    await mkdir(dir, { recursive: true });
    await removeLeftoverSegments(dataDir, treeLog?.rewritten() ? null : checkpoint);
    if (tornTail) {
      onNotice(await cutTornTail(tornTail));
      tornTail = null;
    }
    const { intents, unreadable } = await journal.load();
    const { drafts, invalid, dropped } = await unfinishedRequests(intents, (from) => entriesOf(reader.readStored(from, undefined, true)), now);
    const skipped = [...unreadable, ...dropped];
    if (skipped.length > 0) {
      const keptAt = await keepAside(dataDir, `intents.${now().getTime()}.unreadable`, `${skipped.join('\n')}\n`);
      onNotice(`Skipped ${skipped.length} line(s) of intents.jsonl that name no request that can be logged; kept in ${keptAt}`);
    }
    if (invalid > 0) onNotice(`${invalid} unfinished request(s) had an intent that failed validation; each is logged as unknown with what could be read of it`);
    for (const requestId of drafts.keys()) {
      const intent = intents.get(requestId);
      if (intent) openIntents.set(requestId, intent);
    }
    return drafts;
  }

  /** One group-commit round: repairs first if it must, writes the batch (batch-write.ts), then indexes, records in the tree and tells. */
  async function flush(batch: Op[]): Promise<void> {
    writes.refuseUnlessOpen();
    if (!writer) throw new StoreUnavailableError('the store is not open');
    if (!writes.ok() || recovering === null) await probe().catch((err) => Promise.reject(writes.failed(err)));
    const unfinished: Map<string, EntryDraft> = recovering ?? (await repair().catch((err) => Promise.reject(writes.failed(err))));
    recovering = unfinished;
    const recovered: Op | null = unfinished.size > 0 ? { kind: 'append', drafts: [...unfinished.values()], byAt: false, entries: [] } : null;
    const ops = recovered ? [recovered, ...batch] : batch;
    const written = await writeBatch({ ops, head, writer, journal, nextId, now }).catch((err) => Promise.reject(writes.failed(err)));
    syncRounds++;
    writer.commit();
    journal.commit();
    head = written.head;
    for (const p of written.placed) index.add(p.entry.seq, p.segment, p.offset, p.line.length - 1, Date.parse(p.entry.at));
    treeLog?.append(written.placed.map((p) => p.line.subarray(0, -1)));
    for (const op of ops) {
      if (op.kind === 'intend') openIntents.set(op.draft.requestId, { draft: op.draft, head: head.seq });
      else if (op.kind === 'abandon') openIntents.delete(op.requestId);
      else if (op.kind === 'append') for (const entry of op.entries) openIntents.delete(entry.requestId);
    }
    if (recovered) {
      recovering = new Map();
      onNotice(`Recovered ${recovered.kind === 'append' ? recovered.entries.length : 0} request(s) the proxy was forwarding when it stopped (outcome unknown)`);
    }
    await journal.compact(openIntents).catch((err) => onNotice(`Could not compact the intent journal: ${(err as Error).message}`));
    subscribers.tell(written.placed.map((p) => p.entry));
  }

  function prune(days: number): Promise<void> {
    const record = (draft: EntryDraft) => ops.append(draft);
    const input = { dataDir, segments, firstSegment, index, checkpoint, getMany: reader.getMany, retentionDays: days, now: now(), record, tree: treeLog };
    return pruneAndTell(
      input,
      async (p) => {
        checkpoint = p.checkpoint;
        if (checkpoint) index.forget(checkpoint.lastRemoved.seq);
        firstSegment = p.firstSegment;
        await reader.releaseBefore(firstSegment);
      },
      onNotice,
    );
  }

  const { appendDrafts, ...ops } = recordingOps((op) => commit.submit(op));

  return {
    async open() {
      if (!readOnly) {
        // A full or read-only disk must not stop the start: reads go on, and writes resume when it recovers.
        await mkdir(dataDir, { recursive: true }).catch(() => undefined);
        releaseLock = await acquireWriterLock(dataDir);
      }
      checkpoint = await readCheckpoint(dataDir);
      // When retention removed every entry, the next one still follows the last removed.
      if (checkpoint) head = { ...checkpoint.lastRemoved };
      const { lastLine, tornBytes } = await loader.load();
      const newest = segments.at(-1);
      if (tornBytes > 0 && newest && !readOnly) tornTail = { dataDir, segment: newest, offset: loader.position.offset, bytes: tornBytes };
      headFrom(lastLine);
      if (readOnly) return;
      writer = createSegmentWriter({ dir, segments, lastSize: newest ? loader.position.offset : 0 });
      // Recording matters more than signing: without a key (a full disk on the first start) entries are still taken.
      const logSigner = signer ?? (await loadSigner({ dataDir }).catch((err: Error) => void onNotice(`No signing key, so no signed checkpoints until the next start: ${err.message}`)));
      if (logSigner) {
        treeLog = createTreeLog({ dataDir, signer: logSigner, now, checkpointEveryMs, onNotice });
        await treeLog.open({ retention: checkpoint, eachLine: (onLine) => eachLine(dataDir, segments, onLine) });
      }
      await commit
        .submit({ kind: 'repair' })
        .catch(() => onNotice(`The audit log cannot be written now (${writes.lastError()}); mutations get 503 until the disk takes writes again, reads keep flowing`));
      await retention.start();
    },
    ...ops,
    async appendBulk(drafts) {
      await appendDrafts(drafts, true);
      return { ...head };
    },
    head: () => ({ ...head }),
    retention: () => (checkpoint ? { ...checkpoint, lastRemoved: { ...checkpoint.lastRemoved } } : null),
    readSeq: (from, to) => reader.readSeq(from, to),
    readStored: (from, to) => reader.readStored(from, to),
    scanForIndex: (from, onEntry) => scanForIndex({ dataDir, segments, index, firstSegment: () => firstSegment, onCorrupt: corrupt }, from, onEntry),
    getMany: (seqs) => reader.getMany(seqs),
    whereIs: (seq) => reader.whereIs(seq),
    iterateTime: (from, to) => reader.iterateTime(from, to),
    subscribe: subscribers.subscribe,
    writable: writes.writable,
    status: writes.status,
    async refresh() {
      fresh = [];
      const { lastLine } = await loader.load();
      headFrom(lastLine);
      const seqs = fresh;
      fresh = null;
      if (seqs.length > 0) subscribers.tell(await reader.getMany(seqs));
      return seqs.length;
    },
    stats: () => ({ syncRounds }),
    transparency: () => treeLog,
    trust: (options) => loadTrust(dataDir, options),
    async close() {
      await commit.drain();
      writes.close();
      await retention.stop();
      await treeLog?.close();
      await Promise.all([writer?.close(), journal.close(), reader.close()]);
      await releaseLock();
    },
  };
}
