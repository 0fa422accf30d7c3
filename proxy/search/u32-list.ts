/* eslint-disable @typescript-eslint/no-non-null-assertion -- get() is the hot read of a growable Uint32Array; callers pass 0 ≤ index < length. */
/**
 * An append-only list of unsigned 32-bit integers in a typed array that doubles when full: one
 * allocation per doubling instead of a boxed number per item, which is what keeps a million-entry
 * index in tens of megabytes.
 */
export class U32List {
  private data: Uint32Array;
  length = 0;

  constructor(initialCapacity = 4) {
    this.data = new Uint32Array(Math.max(1, initialCapacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Uint32Array(Math.max(4, this.data.length * 2));
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  get(index: number): number {
    return this.data[index]!;
  }

  set(index: number, value: number): void {
    this.data[index] = value;
  }

  last(): number | undefined {
    return this.length > 0 ? this.data[this.length - 1] : undefined;
  }

  /** A list that takes over `values` (a snapshot's arrays, copied out of the file buffer). */
  static wrap(values: Uint32Array): U32List {
    const list = new U32List(1);
    list.data = values;
    list.length = values.length;
    return list;
  }

  /** A view of the filled part; valid until the next push. */
  view(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
}
