/* eslint-disable @typescript-eslint/no-non-null-assertion -- every `!` reads a typed array at a seq checked just before to lie in 1..max, below capacity; this is the per-entry read path */
/**
 * Where each entry lives: seq → (segment number, byte offset, line length, time). Typed arrays rather
 * than objects, because at a million entries an object per entry would cost hundreds of megabytes
 * and this stays near 22 bytes an entry.
 */
export interface SeqLocation {
  segment: number;
  offset: number;
  length: number;
}

export interface SeqIndex {
  add(seq: number, segment: number, offset: number, length: number, atMs: number): void;
  locate(seq: number): SeqLocation | null;
  /** Milliseconds of the entry's `at`, NaN when the seq is unknown. */
  atMs(seq: number): number;
  /** Highest seq indexed, 0 when empty. */
  maxSeq(): number;
  /** Unindexes every seq up to `through` (entries removed by retention); other seqs keep their places. */
  forget(through: number): void;
}

export interface SeqIndexOptions {
  /** Entries to make room for up front; the arrays double as needed. Default 1024. */
  initialCapacity?: number;
}

export function createSeqIndex({ initialCapacity = 1024 }: SeqIndexOptions = {}): SeqIndex {
  let capacity = Math.max(16, initialCapacity);
  let segments = new Uint16Array(capacity);
  let offsets = new Float64Array(capacity);
  let lengths = new Uint32Array(capacity);
  let times = new Float64Array(capacity).fill(Number.NaN);
  let max = 0;

  function grow(seq: number): void {
    while (capacity <= seq) capacity *= 2;
    const s = new Uint16Array(capacity);
    s.set(segments);
    const o = new Float64Array(capacity);
    o.set(offsets);
    const l = new Uint32Array(capacity);
    l.set(lengths);
    const t = new Float64Array(capacity).fill(Number.NaN);
    t.set(times);
    segments = s;
    offsets = o;
    lengths = l;
    times = t;
  }

  return {
    add(seq, segment, offset, length, atMs) {
      if (seq >= capacity) grow(seq);
      segments[seq] = segment;
      offsets[seq] = offset;
      // Length 0 marks "not indexed", so a real line is stored as length + 1.
      lengths[seq] = length + 1;
      times[seq] = atMs;
      if (seq > max) max = seq;
    },
    locate(seq) {
      if (!Number.isInteger(seq) || seq < 1 || seq > max || lengths[seq] === 0) return null;
      return { segment: segments[seq]!, offset: offsets[seq]!, length: lengths[seq]! - 1 };
    },
    atMs(seq) {
      return seq >= 1 && seq <= max ? times[seq]! : Number.NaN;
    },
    maxSeq: () => max,
    forget(through) {
      const end = Math.min(through, max) + 1;
      if (end <= 1) return;
      lengths.fill(0, 1, end);
      times.fill(Number.NaN, 1, end);
    },
  };
}
