import { z } from 'zod';
import type { VerifyResponse } from '../../shared/api.ts';
import { GENESIS_HASH } from '../../shared/entry.ts';
import { verifyCheckpoint, type Checkpoint } from '../../shared/merkle/checkpoint-note.ts';
import { toHex } from '../../shared/merkle/hashing.ts';
import { NOT_CANONICAL } from './canonical-line.ts';
import { hashHolds } from './chain.ts';
import { CorruptLogError } from './errors.ts';
import { nodeCrypto } from './merkle/node-crypto.ts';
import { leafHashOf, MerkleTree } from './merkle/tree.ts';
import type { Trust } from './merkle/trust.ts';
import { provenRemoval, type ProvenRemoval } from './retention-proof.ts';
import { retentionStatement, statementOf } from './retention-statement.ts';
import type { Store } from './store.ts';

/** A fingerprint an admin kept: the newest entry's `seq:hash` at the time. */
export const Fingerprint = z
  .string()
  .regex(/^\d+:[0-9a-f]{64}$/, 'expected seq:hash, e.g. 1042:3f9a… (64 hex digits), as printed by portal-audit verify')
  .transform((text) => {
    // The regex admits exactly one ':'.
    const colon = text.indexOf(':');
    return { seq: Number(text.slice(0, colon)), hash: text.slice(colon + 1) };
  });

export interface VerifyOptions {
  /** A fingerprint from an earlier run: the entry at its seq must still have its hash. Default none. */
  fingerprint?: string;
  /** A signed checkpoint kept elsewhere (its text): the log must still extend it. Default none. */
  checkpoint?: string;
  /** The public key, the writer's newest checkpoint and saved leaves (loadTrust). Default: none, so only the chain is checked. */
  trust?: Trust;
  /** Called every `progressEvery` entries with the count checked and the head seq. Default none. */
  onProgress?: (checked: number, total: number) => void;
  /** Default 10,000. */
  progressEvery?: number;
}

const NO_TRUST: Trust = { key: null, keyPinned: false, latest: null, leaves: null };

/**
 * Walks the log as it is on disk, in file order, and checks, naming the first thing wrong:
 * - each line is the canonical form of its entry, has the next seq, points at the previous entry's
 *   hash and hashes to its own `hash` (the chain);
 * - each line still hashes to the Merkle leaf saved when it was appended (names the first entry of a
 *   rewrite even when every chain hash was recomputed);
 * - after retention: retention.json's signed checkpoint states what was removed and that it was due,
 *   the log holds the entry recording it, and the tree (removed leaves + kept lines) has the signed root;
 * - the writer's newest signed checkpoint and a checkpoint kept elsewhere: the log is at least as long
 *   and has the same root at that size (nothing rewritten, nothing cut from the end).
 */
export async function verifyLog(store: Store, { fingerprint, checkpoint: kept, trust = NO_TRUST, onProgress, progressEvery = 10_000 }: VerifyOptions = {}): Promise<VerifyResponse> {
  const pinned = fingerprint === undefined ? null : Fingerprint.parse(fingerprint);
  const cut = store.retention();
  const retention = cut ? { retention: { firstSeq: cut.lastRemoved.seq + 1, anchor: `${cut.lastRemoved.seq}:${cut.lastRemoved.hash}`, prunedThrough: cut.prunedThrough, prunedAt: cut.prunedAt } } : {};
  const total = store.head().seq - (cut?.lastRemoved.seq ?? 0);
  let expected = (cut?.lastRemoved.seq ?? 0) + 1;
  let prevHash = cut?.lastRemoved.hash ?? GENESIS_HASH;
  let checked = 0;
  const tree = new MerkleTree();
  const bad = (seq: number, reason: string): VerifyResponse => ({
    ok: false,
    checked,
    firstBad: { seq, reason },
    fingerprint: checked > 0 ? `${expected - 1}:${prevHash}` : null,
    ...retention,
  });
  const signed = async (text: string, what: string): Promise<Checkpoint | string> => {
    if (!trust.key) return `${what} cannot be checked: no public key (give --public-key)`;
    try {
      return await verifyCheckpoint(nodeCrypto, text, trust.key);
    } catch (err) {
      return `${what}: ${(err as Error).message}`;
    }
  };

  if (cut && pinned && pinned.seq < cut.lastRemoved.seq) {
    return bad(
      pinned.seq,
      `entry ${pinned.seq} was removed by retention on ${cut.prunedAt.slice(0, 10)} (the log now starts at entry ${cut.lastRemoved.seq + 1}), so this fingerprint can no longer be checked`,
    );
  }
  if (cut && pinned && pinned.seq === cut.lastRemoved.seq && pinned.hash !== cut.lastRemoved.hash) {
    return bad(pinned.seq, `entry ${pinned.seq} does not match the fingerprint: the retention checkpoint (retention.json) names another hash for it`);
  }

  // Retention: the removal must be signed, stated, due, and recorded in the log.
  let removal: ProvenRemoval | null = null;
  if (cut) {
    const range = `entries 1–${cut.lastRemoved.seq} are gone, but`;
    const proven = await provenRemoval(cut, trust.key);
    if (typeof proven === 'string') return bad(1, `${range} ${proven}`);
    const removed = cut.lastRemoved.seq;
    if (!trust.leaves || trust.leaves.length < removed * 32)
      return bad(1, `${range} the saved Merkle leaves of the removed entries (tree-leaves.bin) are missing, so the signed root cannot be checked`);
    for (let i = 0; i < removed; i++) tree.append(trust.leaves.subarray(i * 32, (i + 1) * 32));
    removal = proven;
  }

  try {
    for await (const { entry, line } of store.readStored(1)) {
      if (entry.seq > expected)
        return bad(
          expected,
          `${entry.seq - expected > 1 ? `entries ${expected}–${entry.seq - 1} are` : `entry ${expected} is`} missing: entry ${entry.seq} comes right after entry ${expected - 1} (removed, or lines reordered)`,
        );
      if (entry.seq < expected) return bad(entry.seq, `entry ${entry.seq} appears again after entry ${expected - 1} (inserted, or lines reordered)`);
      if (entry.prevHash !== prevHash && cut && entry.seq === cut.lastRemoved.seq + 1) {
        return bad(entry.seq, `entry ${entry.seq}, the first kept after retention, does not follow from the checkpoint's hash of entry ${entry.seq - 1} (the entry or retention.json was altered)`);
      }
      if (entry.prevHash !== prevHash) return bad(entry.seq, `entry ${entry.seq} does not follow from entry ${expected - 1}: its prevHash is not that entry's hash (an entry inserted or replaced)`);
      if (!hashHolds(entry, line)) return bad(entry.seq, `entry ${entry.seq} was altered: its content does not match its hash`);
      const leaf = leafHashOf(line);
      if (trust.leaves && trust.leaves.length >= entry.seq * 32 && leaf.compare(trust.leaves, (entry.seq - 1) * 32, entry.seq * 32) !== 0) {
        return bad(entry.seq, `entry ${entry.seq} is not what was appended: its line no longer hashes to the Merkle leaf saved when it was written (rewritten, hashes recomputed)`);
      }
      if (pinned && entry.seq === pinned.seq && entry.hash !== pinned.hash) {
        return bad(entry.seq, `entry ${entry.seq} does not match the fingerprint: the history up to it was rewritten`);
      }
      if (removal && entry.seq === removal.entrySeq && (statementOf(entry) !== retentionStatement(removal.facts) || entry.at !== removal.facts.prunedAt)) {
        return bad(entry.seq, `entry ${entry.seq} is not the retention entry that retention.json's signed checkpoint names`);
      }
      tree.append(leaf);
      prevHash = entry.hash;
      expected++;
      checked++;
      if (onProgress && checked % progressEvery === 0) onProgress(checked, total);
    }
  } catch (err) {
    if (err instanceof CorruptLogError) {
      const kind = err.message.includes(NOT_CANONICAL) ? '' : 'is not an entry ';
      return bad(expected, `the line after entry ${expected - 1} ${kind}(${err.message})`);
    }
    throw err;
  }
  const last = expected - 1;
  if (pinned && pinned.seq > last) return bad(pinned.seq, `the log ends at entry ${last}, before the fingerprint's entry ${pinned.seq} (entries removed from the end)`);

  /** Is the log (as walked) the tree a signed checkpoint describes, or a rewrite or a cut of it? */
  const matches = (checkpoint: Checkpoint, what: string): VerifyResponse | null => {
    const when = checkpoint.time ? ` signed at ${checkpoint.time}` : '';
    if (checkpoint.size > tree.size)
      return bad(last + 1, `entries ${last + 1}–${checkpoint.size} are missing: ${what}${when} covers ${checkpoint.size} entries, the log ends at ${last} (cut from the end)`);
    if (!tree.root(checkpoint.size).equals(Buffer.from(checkpoint.root)))
      return bad(checkpoint.size, `the log was rewritten: entries up to ${checkpoint.size} no longer hash to the root of ${what}${when}`);
    return null;
  };
  if (removal) {
    if (removal.entrySeq > last) return bad(removal.entrySeq, `the retention entry ${removal.entrySeq} that retention.json names is not in the log (entries ${last + 1}–${removal.entrySeq} missing)`);
    const wrong = matches(removal.checkpoint, "retention.json's checkpoint");
    if (wrong) return wrong;
  }
  let keptCheckpoint: Checkpoint | null = null;
  if (kept !== undefined) {
    const checkpoint = await signed(kept, 'the kept checkpoint');
    if (typeof checkpoint === 'string') return bad(last, checkpoint);
    keptCheckpoint = checkpoint;
    const wrong = matches(checkpoint, 'the kept checkpoint');
    if (wrong) return wrong;
  }
  let newest: Checkpoint | null = null;
  if (trust.latest !== null) {
    const checkpoint = await signed(trust.latest, 'the newest signed checkpoint (checkpoint)');
    if (typeof checkpoint === 'string') return bad(last, checkpoint);
    newest = checkpoint;
    const wrong = matches(checkpoint, 'the newest signed checkpoint');
    if (wrong) return wrong;
  } else if (trust.key && last > 0) {
    return bad(last, 'the newest signed checkpoint (checkpoint file) is missing from a log that has a signing key');
  }
  // Leaves are saved only after their lines are durable, so more leaves than lines means lines were cut,
  // even when a restarted writer has since signed the shorter log.
  const appended = Math.floor((trust.leaves?.length ?? 0) / 32);
  if (appended > last)
    return bad(last + 1, `entries ${last + 1}–${appended} are missing: tree-leaves.bin holds the leaves of ${appended} appended entries, the log ends at ${last} (cut from the end)`);
  onProgress?.(checked, total);
  const described = (c: Checkpoint | null) => (c ? { size: c.size, root: toHex(c.root), time: c.time } : undefined);
  return {
    ok: true,
    checked,
    firstBad: null,
    fingerprint: checked > 0 ? `${last}:${prevHash}` : null,
    ...retention,
    ...(newest ? { signed: described(newest) } : {}),
    ...(keptCheckpoint ? { kept: described(keptCheckpoint) } : {}),
  };
}
