import Fuse from 'fuse.js';
import { allowedEdits, typoDistance } from './typo-policy.ts';

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
 * Fuse.js finds the near candidates; the shared typo policy (typo-policy.ts) then keeps it tight,
 * because Fuse happily matches "smith" to "jsmith" and scores "adam" like "admn" against "admin".
 * The caller decides what a tie means.
 */
export function nearest(word: string, candidates: readonly string[], minLength: number): string[] {
  const w = word.toLowerCase();
  if (w.length < minLength || candidates.length === 0) return [];
  let best: string[] = [];
  let bestDistance = Infinity;
  const max = allowedEdits(w);
  for (const { item } of fuseFor(candidates).search(w)) {
    const d = typoDistance(w, item.toLowerCase(), max);
    if (d > max || d > bestDistance) continue;
    if (d < bestDistance) best = [];
    bestDistance = d;
    best.push(item);
  }
  return best;
}
