import Fuse from 'fuse.js';

/** Edit distance counting a swap of neighbours as one edit ("udpated" is one edit from "updated"). */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

/** Longer words may carry a second typo; short ones only one, or everything would match everything. */
export function allowedEdits(word: string): number {
  return word.length >= 8 ? 2 : 1;
}

const indexes = new WeakMap<readonly string[], Fuse<string>>();

function fuseFor(candidates: readonly string[]): Fuse<string> {
  let fuse = indexes.get(candidates);
  if (!fuse) {
    fuse = new Fuse([...candidates], { includeScore: true, threshold: 0.4, isCaseSensitive: false });
    indexes.set(candidates, fuse);
  }
  return fuse;
}

/**
 * The candidates `word` is most likely a typo of (all at the same, smallest distance), or none.
 * Fuse.js finds the near candidates; the edit distance and a shared first letter then keep it
 * tight, because Fuse happily matches "smith" to "jsmith" and scores "adam" like "admn" against
 * "admin". The caller decides what a tie means.
 */
export function nearest(word: string, candidates: readonly string[], minLength: number): string[] {
  const w = word.toLowerCase();
  if (w.length < minLength || candidates.length === 0) return [];
  let best: string[] = [];
  let bestDistance = Infinity;
  for (const { item } of fuseFor(candidates).search(w)) {
    const c = item.toLowerCase();
    if (c[0] !== w[0]) continue;
    const d = editDistance(w, c);
    if (d > allowedEdits(w) || d > bestDistance) continue;
    if (d < bestDistance) best = [];
    bestDistance = d;
    best.push(item);
  }
  return best;
}
