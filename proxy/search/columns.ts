/* eslint-disable @typescript-eslint/no-non-null-assertion -- every `!` indexes a typed column at 0 ≤ i < length (building the running max / suffix min, the binary search), on the hot path of every append and search. */
import type { SnapshotReader, SnapshotWriter } from './snapshot-file.ts';

/** The per-entry facts a filter, a sort or the histogram needs, one value per entry ordinal. */
export interface ColumnValues {
  seq: number;
  atMs: number;
  day: number;
  member: number;
  username: number;
  source: number;
  verb: number;
  ip: number;
  idHash: number;
}

/**
 * The index's entries as parallel typed arrays: entry ordinal i (0, 1, 2 … in seq order) has its
 * values at position i of each. About 50 bytes an entry, and scanning a million of them for a filter
 * takes milliseconds, where a million Entry objects would take gigabytes and far longer.
 *
 * `at` is when the request arrived but entries are appended when it finished, so `at` is not
 * sorted by seq. The running maximum and the suffix minimum of `at` are sorted, and let a time range
 * be turned into an ordinal range by binary search without missing a late-appended entry.
 */
export class Columns {
  length = 0;
  seq = new Uint32Array(0);
  atMs = new Float64Array(0);
  day = new Int32Array(0);
  member = new Uint32Array(0);
  username = new Uint32Array(0);
  source = new Uint32Array(0);
  verb = new Uint32Array(0);
  ip = new Uint32Array(0);
  idHash = new Uint32Array(0);
  private runningMaxAt = new Float64Array(0);
  private suffixMinAt = new Float64Array(0);

  constructor(initialCapacity = 1024) {
    this.resize(initialCapacity);
  }

  save(out: SnapshotWriter): void {
    for (const name of SAVED) out.array(`columns.${name}`, this[name].subarray(0, this.length));
  }

  /** Columns read back from a snapshot, with room to grow; the `at` envelopes are recomputed. */
  static load(snapshot: SnapshotReader): Columns {
    const seq = snapshot.array('columns.seq', 'u32');
    const columns = new Columns(seq.length + Math.max(1024, seq.length >>> 3));
    for (const name of SAVED) columns[name].set(snapshot.array(`columns.${name}`, name === 'atMs' ? 'f64' : name === 'day' ? 'i32' : 'u32'));
    const n = (columns.length = seq.length);
    for (let i = 0; i < n; i++) columns.runningMaxAt[i] = i === 0 ? columns.atMs[0]! : Math.max(columns.runningMaxAt[i - 1]!, columns.atMs[i]!);
    for (let i = n - 1; i >= 0; i--) columns.suffixMinAt[i] = i === n - 1 ? columns.atMs[i]! : Math.min(columns.suffixMinAt[i + 1]!, columns.atMs[i]!);
    return columns;
  }

  /** Appends an entry and returns its ordinal. */
  push(values: ColumnValues): number {
    if (this.length === this.seq.length) this.resize(this.seq.length * 2);
    const i = this.length++;
    this.seq[i] = values.seq;
    this.atMs[i] = values.atMs;
    this.day[i] = values.day;
    this.member[i] = values.member;
    this.username[i] = values.username;
    this.source[i] = values.source;
    this.verb[i] = values.verb;
    this.ip[i] = values.ip;
    this.idHash[i] = values.idHash;
    this.runningMaxAt[i] = i === 0 ? values.atMs : Math.max(this.runningMaxAt[i - 1]!, values.atMs);
    this.suffixMinAt[i] = values.atMs;
    // Only the few entries appended after a slower request can have a later `at`, so this stops fast.
    for (let j = i - 1; j >= 0 && this.suffixMinAt[j]! > values.atMs; j--) this.suffixMinAt[j] = values.atMs;
    return i;
  }

  /** First ordinal whose entry could have `at >= ms` (every entry before it is earlier). */
  firstAtOrAfter(ms: number): number {
    return lowerBound(this.runningMaxAt, this.length, ms);
  }

  /** First ordinal from which every entry has `at >= ms`. */
  firstAllAtOrAfter(ms: number): number {
    return lowerBound(this.suffixMinAt, this.length, ms);
  }

  /** The ordinal of a seq, or the ordinal it would be inserted at when absent. */
  ordinalOfSeq(seq: number): number {
    return lowerBound(this.seq, this.length, seq);
  }

  private resize(capacity: number): void {
    const grow = <T extends Uint32Array | Int32Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old.subarray(0, this.length));
      return next;
    };
    this.seq = grow(this.seq, (n) => new Uint32Array(n));
    this.atMs = grow(this.atMs, (n) => new Float64Array(n));
    this.day = grow(this.day, (n) => new Int32Array(n));
    this.member = grow(this.member, (n) => new Uint32Array(n));
    this.username = grow(this.username, (n) => new Uint32Array(n));
    this.source = grow(this.source, (n) => new Uint32Array(n));
    this.verb = grow(this.verb, (n) => new Uint32Array(n));
    this.ip = grow(this.ip, (n) => new Uint32Array(n));
    this.idHash = grow(this.idHash, (n) => new Uint32Array(n));
    this.runningMaxAt = grow(this.runningMaxAt, (n) => new Float64Array(n));
    this.suffixMinAt = grow(this.suffixMinAt, (n) => new Float64Array(n));
  }
}

/** The columns a snapshot keeps; the `at` envelopes are cheaper to recompute than to store. */
const SAVED = ['seq', 'atMs', 'day', 'member', 'username', 'source', 'verb', 'ip', 'idHash'] as const;

/** First index in the sorted prefix `array[0..length)` whose value is >= `value`. */
export function lowerBound(array: ArrayLike<number>, length: number, value: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (array[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
