import type { VerifierKey } from '../../../shared/merkle/checkpoint-note.ts';
import { provenRemoval } from '../retention-proof.ts';
import type { RetentionCheckpoint } from '../store.ts';
import { leafHashOf, type MerkleTree } from './tree.ts';

/** Where the stored log disagrees with the leaves saved as it was appended: its first bad entry, and why. */
export interface Rewrite {
  seq: number;
  reason: string;
}

export interface StoredTreeInput {
  /** Empty; filled with the leaves of the log as it is stored. */
  tree: MerkleTree;
  /** Where retention last cut the log; the removed entries' leaves come from `saved`, if the cut is proven. */
  retention: RetentionCheckpoint | null;
  /** The log's key, which must have signed the retention cut. */
  key: VerifierKey | null;
  /** The leaf hashes saved as entries were appended, 32 bytes each from entry 1. */
  saved: Buffer;
  /** What holds `saved`, for people: `tree-leaves.bin`, `merkle_leaves`. */
  savedIn: string;
  /** Calls `onLine` with each stored line (without its newline) after the retention cut, in order. */
  eachLine: (onLine: (line: string | Buffer) => void) => Promise<void>;
}

/**
 * Builds `tree` from the log as it is stored and checks it against the saved leaves: the leaves of
 * the entries retention removed (only if the cut is proven), then each kept line's hash, which must be
 * the leaf saved when it was appended. Both drivers check this way at start, so an entry edited where
 * it is kept (a file, a table) is found whatever holds it. Returns the first disagreement, or null,
 * and the leaves of lines past the saved ones.
 */
export async function buildStoredTree({ tree, retention, key, saved, savedIn, eachLine }: StoredTreeInput): Promise<{ rewritten: Rewrite | null; fresh: Buffer[] }> {
  const count = Math.floor(saved.length / 32);
  const savedLeaf = (i: number) => saved.subarray(i * 32, (i + 1) * 32);
  let rewritten: Rewrite | null = null;
  if (retention) {
    const removed = retention.lastRemoved.seq;
    const proven = await provenRemoval(retention, key);
    if (typeof proven === 'string') rewritten = { seq: 1, reason: `entries 1–${removed} are gone, but ${proven}` };
    else if (count < removed) throw new Error(`${savedIn} lacks the leaves of entries removed by retention (it has ${count}, needs ${removed}); restore it from a backup`);
    else for (let i = 0; i < removed; i++) tree.append(savedLeaf(i));
  }
  const fresh: Buffer[] = [];
  await eachLine((line) => {
    const at = tree.size;
    const leaf = leafHashOf(line);
    tree.append(leaf);
    if (rewritten) return;
    if (at >= count) fresh.push(leaf);
    else if (!leaf.equals(savedLeaf(at))) rewritten = { seq: at + 1, reason: `entry ${at + 1} is not what was appended (its line no longer hashes to the saved Merkle leaf)` };
  });
  if (!rewritten && tree.size < count) rewritten = { seq: tree.size + 1, reason: `entries ${tree.size + 1}–${count} are missing from the log` };
  return { rewritten, fresh };
}

/** The notice a writer gives when it opens a rewritten log. */
export function rewriteNotice(rewritten: Rewrite, savedIn: string): string {
  return `The log was changed where it is stored: ${rewritten.reason}. Its tree is now built from the log as it is, so every witness sees the rewrite; ${savedIn} is kept as the record of what was appended and retention removes nothing; run portal-audit verify`;
}

/** Does a checkpoint's root line hold the tree's root at its size (and not a tree the log no longer is)? */
export function signedRootMatches(text: string, tree: MerkleTree): boolean {
  const [, line, root] = text.split('\n');
  const size = Number(line);
  return Number.isInteger(size) && size >= 0 && size <= tree.size && tree.root(size).toString('base64') === root;
}
