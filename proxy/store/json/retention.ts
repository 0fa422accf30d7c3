import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Entry } from '../../../shared/entry.ts';
import { recomputeHash } from '../chain.ts';
import type { RetentionCheckpoint } from '../store.ts';
import { writeCheckpoint } from './checkpoint.ts';
import { syncFolder } from './append-file.ts';
import type { SeqIndex } from './seq-index.ts';
import { listSegments, logDir, segmentDay, segmentName, utcDay } from './segment-files.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionInput {
  dataDir: string;
  /** Segment names by number, as the store holds them (removed ones stay, below `firstSegment`). */
  segments: readonly string[];
  firstSegment: number;
  index: SeqIndex;
  checkpoint: RetentionCheckpoint | null;
  getMany: (seqs: readonly number[]) => Promise<Entry[]>;
  retentionDays: number;
  now: Date;
}

export interface Pruned {
  checkpoint: RetentionCheckpoint | null;
  /** Number of the oldest segment kept. */
  firstSegment: number;
  removedSegments: number;
  removedEntries: number;
}

/** The oldest UTC day kept: segments of earlier days are removed. */
export function oldestKeptDay(now: Date, retentionDays: number): string {
  return utcDay(Date.parse(utcDay(now)) - retentionDays * DAY_MS);
}

/**
 * Removes the day segments older than the retention period, never the newest (the writer appends
 * to it) and never a kept file's bytes. The checkpoint is made durable first, and `apply` (the
 * store's in-memory update) runs before any file goes, so no reader is sent to a deleted segment.
 * The chain at the cut is checked before anything is removed: anchoring on a hash that does not
 * verify would turn tampering into an official starting point.
 */
export async function pruneExpiredSegments(input: RetentionInput, apply: (pruned: Pruned) => Promise<void>): Promise<Pruned | null> {
  const { dataDir, segments, firstSegment, index, checkpoint, retentionDays, now } = input;
  const keepFrom = oldestKeptDay(now, retentionDays);
  let last = firstSegment - 1;
  while (last + 1 < segments.length - 1 && segmentDay(segments[last + 1]!) < keepFrom) last++;
  if (last < firstSegment) return null;

  let lastRemovedSeq = checkpoint?.lastRemoved.seq ?? 0;
  let removedEntries = 0;
  for (let seq = lastRemovedSeq + 1; seq <= index.maxSeq(); seq++) {
    const at = index.locate(seq);
    if (at === null) continue;
    if (at.segment > last) break;
    lastRemovedSeq = seq;
    removedEntries++;
  }

  const anchor = removedEntries > 0 ? await checkedCut(input.getMany, lastRemovedSeq) : (checkpoint?.lastRemoved ?? null);
  const next: RetentionCheckpoint | null = anchor && {
    lastRemoved: anchor,
    firstKeptSeq: anchor.seq + 1,
    prunedThrough: segmentDay(segments[last]!),
    prunedAt: now.toISOString(),
  };
  if (next) await writeCheckpoint(dataDir, next);
  const pruned: Pruned = { checkpoint: next, firstSegment: last + 1, removedSegments: last + 1 - firstSegment, removedEntries };
  await apply(pruned);
  await removeSegments(dataDir, segments.slice(firstSegment, last + 1));
  return pruned;
}

/** The last entry to remove, once it is known to hash correctly and to be the one the next entry follows. */
async function checkedCut(getMany: RetentionInput['getMany'], seq: number): Promise<{ seq: number; hash: string }> {
  const [cut, firstKept] = await getMany([seq, seq + 1]);
  if (!cut || cut.seq !== seq || recomputeHash(cut) !== cut.hash || (firstKept && firstKept.prevHash !== cut.hash)) {
    throw new Error(`retention removed nothing: the chain does not verify at entry ${seq} (run portal-audit verify)`);
  }
  return { seq: cut.seq, hash: cut.hash };
}

/** Finishes a pruning that a crash interrupted after its checkpoint was written: those segments are no longer part of the log. */
export async function removeLeftoverSegments(dataDir: string, checkpoint: RetentionCheckpoint | null): Promise<void> {
  if (checkpoint === null) return;
  const through = segmentName(checkpoint.prunedThrough);
  await removeSegments(dataDir, (await listSegments(dataDir)).filter((name) => name <= through));
}

async function removeSegments(dataDir: string, names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  const dir = logDir(dataDir);
  for (const name of names) await unlink(join(dir, name)).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? undefined : Promise.reject(err)));
  await syncFolder(dir);
}
