import { createHash, hash } from 'node:crypto';

const HASH = 32;
const EMPTY_ROOT = createHash('sha256').digest();
// RFC 9162 domain separation prefixes. One-shot hashes: a million leaves and nodes need no hash object each
// (verify's and the writer's start-up cost per entry).
const LEAF_PREFIX = Buffer.of(0);
const LEAF_PREFIX_TEXT = '\0';
/** 0x01 || left || right, filled for each node hash; hashing copies it, so one serves every call. */
const NODE_INPUT = Buffer.alloc(1 + 2 * HASH, 1);

/** sha256(0x00 || line): the leaf hash of an entry's stored line. */
export function leafHashOf(line: string | Buffer): Buffer {
  // '\0' is the single byte 0x00 in UTF-8, so the string form hashes the same bytes as the Buffer form.
  return typeof line === 'string' ? hash('sha256', LEAF_PREFIX_TEXT + line, 'buffer') : hash('sha256', Buffer.concat([LEAF_PREFIX, line]), 'buffer');
}

function nodeHashOf(left: Buffer, right: Buffer): Buffer {
  left.copy(NODE_INPUT, 1);
  right.copy(NODE_INPUT, 1 + HASH);
  return hashOfNodeInput();
}

const hashOfNodeInput = (): Buffer => hash('sha256', NODE_INPUT, 'buffer');

/** A growable array of 32-byte hashes in one buffer (a million leaves: 32 MB, no object per hash). */
class HashList {
  private buffer = Buffer.alloc(HASH * 1024);
  count = 0;

  push(hash: Buffer): void {
    if ((this.count + 1) * HASH > this.buffer.length) {
      const bigger = Buffer.alloc(this.buffer.length * 2);
      this.buffer.copy(bigger);
      this.buffer = bigger;
    }
    hash.copy(this.buffer, this.count * HASH);
    this.count++;
  }

  get(i: number): Buffer {
    return this.buffer.subarray(i * HASH, (i + 1) * HASH);
  }

  /** The node hash of the last two hashes: they sit side by side, so one copy makes the input. */
  lastPairHash(): Buffer {
    this.buffer.copy(NODE_INPUT, 1, (this.count - 2) * HASH, this.count * HASH);
    return hashOfNodeInput();
  }

  truncate(count: number): void {
    this.count = Math.min(this.count, count);
  }
}

/** The largest power of two smaller than n (n > 1). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The log's Merkle tree (RFC 9162): every complete subtree's hash is kept, level by level, so an
 * append costs one leaf hash and on average one node hash, and any root, inclusion proof or
 * consistency proof needs O(log² n) stored hashes at most (microseconds at a million leaves).
 * Memory is 64 bytes a leaf.
 */
export class MerkleTree {
  /** levels[l] holds the hashes of the complete subtrees of 2^l leaves, left to right. */
  private readonly leaves = new HashList();
  private readonly levels: HashList[] = [this.leaves];

  get size(): number {
    return this.leaves.count;
  }

  leaf(index: number): Buffer {
    return this.leaves.get(index);
  }

  append(leafHash: Buffer): void {
    this.leaves.push(leafHash);
    // While a level has an even count, its last two hashes just completed a subtree one level up.
    for (let l = 0, level = this.leaves; level.count % 2 === 0; l++) {
      const parent = (this.levels[l + 1] ??= new HashList());
      parent.push(level.lastPairHash());
      level = parent;
    }
  }

  /** Drops leaves after `size` (and the subtrees they completed). */
  truncate(size: number): void {
    for (const [l, level] of this.levels.entries()) level.truncate(Math.floor(size / 2 ** l));
  }

  /** MTH of leaves [start, start + n): a complete aligned subtree is looked up, the rest combined. */
  private hash(start: number, n: number): Buffer {
    if (n === 0) return EMPTY_ROOT;
    if ((n & (n - 1)) === 0) {
      const level = Math.log2(n);
      // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- every caller stays inside a checked size, so this aligned subtree of n leaves is stored at level log2(n)
      return this.levels[level]!.get(start / n);
    }
    const k = split(n);
    return nodeHashOf(this.hash(start, k), this.hash(start + k, n - k));
  }

  /** The root of the tree of the first `size` leaves. */
  root(size = this.size): Buffer {
    this.check(size);
    return Buffer.from(this.hash(0, size));
  }

  /** RFC 9162 §2.1.3.1: the audit path of leaf `index` in the tree of `size` leaves. */
  inclusionProof(index: number, size = this.size): Buffer[] {
    this.check(size);
    if (!(Number.isInteger(index) && index >= 0 && index < size)) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
    const path = (m: number, start: number, n: number): Buffer[] => {
      if (n <= 1) return [];
      const k = split(n);
      return m < k ? [...path(m, start, k), this.hash(start + k, n - k)] : [...path(m - k, start + k, n - k), this.hash(start, k)];
    };
    return path(index, 0, size).map((h) => Buffer.from(h));
  }

  /** RFC 9162 §2.1.4.1: the proof that the tree of `from` leaves is a prefix of the tree of `to`. */
  consistencyProof(from: number, to = this.size): Buffer[] {
    this.check(to);
    if (!(Number.isInteger(from) && from >= 0 && from <= to)) throw new RangeError(`a tree of ${from} cannot be a prefix of a tree of ${to}`);
    if (from === 0 || from === to) return [];
    const sub = (m: number, start: number, n: number, whole: boolean): Buffer[] => {
      if (m === n) return whole ? [] : [this.hash(start, n)];
      const k = split(n);
      return m <= k ? [...sub(m, start, k, whole), this.hash(start + k, n - k)] : [...sub(m - k, start + k, n - k, false), this.hash(start, k)];
    };
    return sub(from, 0, to, true).map((h) => Buffer.from(h));
  }

  private check(size: number): void {
    if (!(Number.isInteger(size) && size >= 0 && size <= this.size)) throw new RangeError(`the tree has ${this.size} leaves, not ${size}`);
  }
}
