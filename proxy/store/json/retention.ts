import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Entry, EntryDraft } from '../../../shared/entry.ts';
import type { TreeLog } from '../merkle/tree-log.ts';
import { removalSigner } from '../retention-proof.ts';
import { checkedCut, oldestKeptDay, retentionDraft, retentionStatement, type RetentionFacts } from '../retention-statement.ts';
import type { RetentionCheckpoint } from '../store.ts';
import { writeCheckpoint } from './checkpoint.ts';
import { syncFolder } from '../../fs/atomic-write.ts';
import type { SeqIndex } from './seq-index.ts';
import { listSegments, logDir, segmentDay, segmentName } from './segment-files.ts';

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
  /** Appends the entry that records the removal, before anything is removed. */
  record: (draft: EntryDraft) => Promise<Entry>;
  /** The writer's Merkle tree: it signs the checkpoint that proves the removal; without one nothing is removed. */
  tree: TreeLog | null;
}

export interface Pruned {
  checkpoint: RetentionCheckpoint | null;
  /** Number of the oldest segment kept. */
  firstSegment: number;
  removedSegments: number;
  removedEntries: number;
}

/**
 * Removes the day segments older than the retention period, never the newest (the writer appends
 * to it) and never a kept file's bytes. The removal is first recorded as a log entry and signed in a
 * checkpoint that states what goes and that it is due; the checkpoint is made durable first, and `apply` (the
 * store's in-memory update) runs before any file goes, so no reader is sent to a deleted segment.
 * The chain at the cut is checked before anything is removed: anchoring on a hash that does not
 * verify would turn tampering into an official starting point.
 */
export async function pruneExpiredSegments(input: RetentionInput, apply: (pruned: Pruned) => Promise<void>): Promise<Pruned | null> {
  const { dataDir, segments, firstSegment, index, checkpoint, retentionDays, now } = input;
  const keepFrom = oldestKeptDay(now, retentionDays);
  let last = firstSegment - 1;
  // The newest segment is never removed: it may still be written to.
  for (const name of segments.slice(firstSegment, -1)) {
    if (!(segmentDay(name) < keepFrom)) break;
    last++;
  }
  const lastName = segments[last];
  if (last < firstSegment || lastName === undefined) return null;

  let lastRemovedSeq = checkpoint?.lastRemoved.seq ?? 0;
  let removedEntries = 0;
  for (let seq = lastRemovedSeq + 1; seq <= index.maxSeq(); seq++) {
    const at = index.locate(seq);
    if (at === null) continue;
    if (at.segment > last) break;
    lastRemovedSeq = seq;
    removedEntries++;
  }

  const prunedThrough = segmentDay(lastName);
  let next = checkpoint;
  if (removedEntries > 0) {
    const facts: RetentionFacts = { lastRemoved: await checkedCut(input.getMany, lastRemovedSeq), prunedThrough, retentionDays, prunedAt: now.toISOString() };
    // Recorded in the log and signed before anything goes: the removal is provable, and a crash
    // before the deletion leaves only an entry that the next run repeats.
    const tree = removalSigner(input.tree);
    const entry = await input.record(retentionDraft(facts));
    const signed = await tree.sign([`${retentionStatement(facts)} entry ${entry.seq}`]);
    await tree.syncLeaves();
    next = { ...facts, firstKeptSeq: facts.lastRemoved.seq + 1, entrySeq: entry.seq, checkpoint: signed.text };
    await writeCheckpoint(dataDir, next);
  }
  const pruned: Pruned = { checkpoint: next, firstSegment: last + 1, removedSegments: last + 1 - firstSegment, removedEntries };
  await apply(pruned);
  await removeSegments(dataDir, segments.slice(firstSegment, last + 1));
  return pruned;
}

/** pruneExpiredSegments with its outcome told: what was removed, or why nothing could be. Never rejects: recording matters more than removing. */
export async function pruneAndTell(input: RetentionInput, apply: (pruned: Pruned) => Promise<void>, onNotice: (message: string) => void): Promise<void> {
  try {
    const pruned = await pruneExpiredSegments(input, apply);
    if (!pruned) return;
    const start = pruned.checkpoint ? `; the log now starts at entry ${pruned.checkpoint.firstKeptSeq}` : '';
    onNotice(
      `Retention (${input.retentionDays} days) removed ${pruned.removedSegments} day segment(s) with ${pruned.removedEntries} entries through ${pruned.checkpoint?.prunedThrough ?? 'their day'}${start}`,
    );
  } catch (err) {
    onNotice(`Retention could not remove old entries: ${(err as Error).message}`);
  }
}

/** Finishes a pruning that a crash interrupted after its checkpoint was written: those segments are no longer part of the log. */
export async function removeLeftoverSegments(dataDir: string, checkpoint: RetentionCheckpoint | null): Promise<void> {
  if (checkpoint === null) return;
  const through = segmentName(checkpoint.prunedThrough);
  await removeSegments(
    dataDir,
    (await listSegments(dataDir)).filter((name) => name <= through),
  );
}

async function removeSegments(dataDir: string, names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  const dir = logDir(dataDir);
  for (const name of names) await unlink(join(dir, name)).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? undefined : Promise.reject(err)));
  await syncFolder(dir);
}
