import { z } from 'zod';
import type { Entry, EntryDraft } from '../../shared/entry.ts';
import type { Transparency } from './merkle/tree-log.ts';
import type { Trust } from './merkle/trust.ts';

/** The newest entry's position and hash; `seq` 0 and the genesis hash for an empty log. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** An entry with its line as stored (canonical JSON, without the newline): verify and the Merkle tree hash those bytes. */
export interface StoredEntry {
  entry: Entry;
  line: string;
}

/**
 * What retention leaves behind when it removes the oldest entries: the last removed entry's seq and
 * hash, so that the chain of the entries kept can still be checked from its first link.
 */
export const RetentionCheckpointSchema = z.object({
  lastRemoved: z.object({ seq: z.number().int().positive(), hash: z.string().regex(/^[0-9a-f]{64}$/) }),
  firstKeptSeq: z.number().int().positive(),
  /** The UTC day of the newest segment removed, YYYY-MM-DD. */
  prunedThrough: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** When that pruning ran, ISO-8601. */
  prunedAt: z.string(),
  /** The retention period in force then. Absent in files written before removals were signed. */
  retentionDays: z.number().int().positive().optional(),
  /** The seq of the log entry that records the removal. */
  entrySeq: z.number().int().positive().optional(),
  /** The signed checkpoint (C2SP note) covering that entry, with the retention statement as an extension line. */
  checkpoint: z.string().optional(),
});
export type RetentionCheckpoint = z.infer<typeof RetentionCheckpointSchema>;

export interface StoreStatus {
  writable: boolean;
  /** Null while writable. */
  reason: string | null;
}

/**
 * Where audit entries live. Capture, the admin API and the CLI use only this interface, so a driver
 * (JSON Lines files today, PostgreSQL later) can be swapped without touching them.
 *
 * Durability contract: a promise from `intend`, `append` or `appendRecovered` resolves only after the
 * data is on disk (fsync, batched across concurrent callers). Every mutation that reached the portal
 * has its entry even if the process is killed: capture calls `intend` before forwarding and `append`
 * after; on open, intents with no entry become entries with outcome `unknown`, and an intent whose
 * entry was written is dropped, so no request is logged twice.
 */
export interface Store {
  /** Recovers unfinished intents and makes the store ready; must be called before anything else. */
  open(): Promise<void>;
  /** Durably notes a request that is about to be forwarded, keyed by `draft.requestId`. */
  intend(draft: EntryDraft): Promise<void>;
  /** Forgets an intent whose request never reached the portal. */
  abandon(requestId: string): Promise<void>;
  /** Appends the finished entry (settling its intent, if any); resolves once it is on disk. */
  append(draft: EntryDraft): Promise<Entry>;
  /** The newest entry's seq and hash. */
  head(): ChainHead;
  /** Where retention last cut the log, or null when no entry was ever removed (the log starts at seq 1). */
  retention(): RetentionCheckpoint | null;
  /** Entries with `from <= seq <= to`, in seq order (entries removed by retention are not there). */
  readSeq(from: number, to?: number): AsyncIterable<Entry>;
  /** The same walk with each entry's stored line, in file order as on disk; a line that is not canonical is refused. */
  readStored(from: number, to?: number): AsyncIterable<StoredEntry>;
  /** The entries with these seqs, in the order asked; missing seqs are left out. */
  getMany(seqs: readonly number[]): Promise<Entry[]>;
  /**
   * Where the entry with this seq is stored, for a person to go and look (a segment file and its line,
   * a table row); null when no entry has it. Problem reports name it (tail).
   */
  whereIs(seq: number): Promise<string | null>;
  /** Entries whose `at` falls in [from, to), oldest first. */
  iterateTime(from?: Date, to?: Date): AsyncIterable<Entry>;
  /**
   * Called with each entry after it is durable, in seq order without gaps (a driver with several
   * writers tells the entries of the others too, as it learns of them); returns the unsubscribe function.
   */
  subscribe(listener: (entry: Entry) => void): () => void;
  /**
   * Follows what other processes append until `signal` aborts, telling subscribers promptly: a replica's
   * search index sees entries another replica wrote. A sole writer has nothing to follow.
   */
  watch?(signal: AbortSignal): void;
  /** False when the last write failed (disk full, read-only): capture then refuses mutations with 503. */
  writable(): boolean;
  /** The Merkle tree over the log and its signed checkpoints, when this store keeps one (a writer). */
  transparency?(): Transparency | null;
  /** What verify checks the log against besides the log: the public key (or the one in `publicKeyFile`), the newest checkpoint, the saved leaves. */
  trust(options?: { publicKeyFile?: string }): Promise<Trust>;
  /** Whether entries can be written now, and if not why (the disk's error, e.g. `ENOSPC: no space left on device`). */
  status(): StoreStatus;
  /** Flushes and releases files; appends after close reject. */
  close(): Promise<void>;
}
