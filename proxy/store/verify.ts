import { z } from 'zod';
import type { VerifyResponse } from '../../shared/api.ts';
import { GENESIS_HASH } from '../../shared/entry.ts';
import { recomputeHash } from './chain.ts';
import { CorruptLogError } from './errors.ts';
import type { Store } from './store.ts';

/** A fingerprint an admin kept: the newest entry's `seq:hash` at the time. */
export const Fingerprint = z
  .string()
  .regex(/^\d+:[0-9a-f]{64}$/, 'expected seq:hash, e.g. 1042:3f9a… (64 hex digits), as printed by portal-audit verify')
  .transform((text) => {
    const [seq, hash] = text.split(':');
    return { seq: Number(seq), hash: hash! };
  });

export interface VerifyOptions {
  /** A fingerprint from an earlier run: the entry at its seq must still have its hash. Default none. */
  fingerprint?: string;
  /** Called every `progressEvery` entries with the count checked and the head seq. Default none. */
  onProgress?: (checked: number, total: number) => void;
  /** Default 10,000. */
  progressEvery?: number;
}

/**
 * Walks the log as it is on disk, in file order, and checks the chain: each entry has the next
 * seq, points at the previous entry's hash, and hashes to its own `hash`. The first break is named
 * with the kind of tampering it looks like. After retention the walk starts at the first kept entry,
 * anchored on the checkpoint's hash; the result says so, since whoever can rewrite the checkpoint
 * and the first kept entry together is caught only by a fingerprint kept elsewhere.
 */
export async function verifyLog(store: Store, { fingerprint, onProgress, progressEvery = 10_000 }: VerifyOptions = {}): Promise<VerifyResponse> {
  const pinned = fingerprint === undefined ? null : Fingerprint.parse(fingerprint);
  const cut = store.retention();
  const retention = cut
    ? { retention: { firstSeq: cut.lastRemoved.seq + 1, anchor: `${cut.lastRemoved.seq}:${cut.lastRemoved.hash}`, prunedThrough: cut.prunedThrough, prunedAt: cut.prunedAt } }
    : {};
  const total = store.head().seq - (cut?.lastRemoved.seq ?? 0);
  let expected = (cut?.lastRemoved.seq ?? 0) + 1;
  let prevHash = cut?.lastRemoved.hash ?? GENESIS_HASH;
  let checked = 0;
  const bad = (seq: number, reason: string): VerifyResponse => ({
    ok: false,
    checked,
    firstBad: { seq, reason },
    fingerprint: checked > 0 ? `${expected - 1}:${prevHash}` : null,
    ...retention,
  });
  if (cut && pinned && pinned.seq < cut.lastRemoved.seq) {
    return bad(pinned.seq, `entry ${pinned.seq} was removed by retention on ${cut.prunedAt.slice(0, 10)} (the log now starts at entry ${cut.lastRemoved.seq + 1}), so this fingerprint can no longer be checked`);
  }
  if (cut && pinned && pinned.seq === cut.lastRemoved.seq && pinned.hash !== cut.lastRemoved.hash) {
    return bad(pinned.seq, `entry ${pinned.seq} does not match the fingerprint: the retention checkpoint (retention.json) names another hash for it`);
  }
  try {
    for await (const entry of store.readSeq(1)) {
      if (entry.seq > expected) return bad(expected, `entry ${expected} is missing: entry ${entry.seq} comes right after entry ${expected - 1} (removed, or lines reordered)`);
      if (entry.seq < expected) return bad(entry.seq, `entry ${entry.seq} appears again after entry ${expected - 1} (inserted, or lines reordered)`);
      if (entry.prevHash !== prevHash && cut && entry.seq === cut.lastRemoved.seq + 1) {
        return bad(entry.seq, `entry ${entry.seq}, the first kept after retention, does not follow from the checkpoint's hash of entry ${entry.seq - 1} (the entry or retention.json was altered)`);
      }
      if (entry.prevHash !== prevHash) return bad(entry.seq, `entry ${entry.seq} does not follow from entry ${expected - 1}: its prevHash is not that entry's hash (an entry inserted or replaced)`);
      if (recomputeHash(entry) !== entry.hash) return bad(entry.seq, `entry ${entry.seq} was altered: its content does not match its hash`);
      if (pinned && entry.seq === pinned.seq && entry.hash !== pinned.hash) {
        return bad(entry.seq, `entry ${entry.seq} does not match the fingerprint: the history up to it was rewritten`);
      }
      prevHash = entry.hash;
      expected++;
      checked++;
      if (onProgress && checked % progressEvery === 0) onProgress(checked, total);
    }
  } catch (err) {
    if (err instanceof CorruptLogError) return bad(expected, `the line after entry ${expected - 1} is not an entry (${err.message})`);
    throw err;
  }
  if (pinned && pinned.seq >= expected) return bad(pinned.seq, `the log ends at entry ${expected - 1}, before the fingerprint's entry ${pinned.seq} (entries removed from the end)`);
  onProgress?.(checked, total);
  return { ok: true, checked, firstBad: null, fingerprint: checked > 0 ? `${expected - 1}:${prevHash}` : null, ...retention };
}
