/* eslint-disable @typescript-eslint/no-non-null-assertion -- every `!` indexes a sorted Uint32Array at 0 ≤ i < length (union marks, galloping intersection) in the hot loop of every search. */
/** Set operations on ascending lists of entry ordinals, the currency of the query evaluator. */

/** Every ordinal in any of the lists, ascending and distinct. `universe` bounds the ordinals. */
export function union(lists: readonly Uint32Array[], universe: number): Uint32Array {
  const nonEmpty = lists.filter((list) => list.length > 0);
  if (nonEmpty.length === 0) return new Uint32Array(0);
  if (nonEmpty.length === 1) return nonEmpty[0]!;
  const total = nonEmpty.reduce((sum, list) => sum + list.length, 0);
  // Few hits: sorting them is cheaper than walking a bitmap as large as the whole index.
  if (total * 16 < universe) {
    const all = new Uint32Array(total);
    let at = 0;
    for (const list of nonEmpty) {
      all.set(list, at);
      at += list.length;
    }
    all.sort();
    let distinct = 0;
    for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[distinct++] = all[i]!;
    return all.subarray(0, distinct);
  }
  const marks = new Uint8Array(universe);
  for (const list of nonEmpty) for (let i = 0; i < list.length; i++) marks[list[i]!] = 1;
  const out = new Uint32Array(Math.min(total, universe));
  let distinct = 0;
  for (let ordinal = 0; ordinal < universe; ordinal++) if (marks[ordinal] === 1) out[distinct++] = ordinal;
  return out.subarray(0, distinct);
}

/** Ordinals in both lists. Gallops through the longer list, so a rare term ANDed with a common one stays cheap. */
export function intersect(a: Uint32Array, b: Uint32Array): Uint32Array {
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  const out = new Uint32Array(small.length);
  let found = 0;
  let lo = 0;
  for (let i = 0; i < small.length && lo < large.length; i++) {
    const value = small[i]!;
    let step = 1;
    let hi = lo;
    while (hi < large.length && large[hi]! < value) {
      lo = hi + 1;
      hi += step;
      step *= 2;
    }
    hi = Math.min(hi, large.length - 1);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (large[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    if (large[lo] === value) out[found++] = value;
  }
  return out.subarray(0, found);
}

/** A bitmap of the ordinals in `list`, for checking membership of many candidates. */
export function toMarks(list: Uint32Array, universe: number): Uint8Array {
  const marks = new Uint8Array(universe);
  for (let i = 0; i < list.length; i++) marks[list[i]!] = 1;
  return marks;
}
