import { nearestTypos } from './typo-policy.ts';

/**
 * The candidates `word` is most likely a typo of (all at the same, smallest distance), or none, by
 * the one typo policy (typo-policy.ts) the search engine's vocabulary also follows. Words shorter
 * than `minLength` are not read as typos at all. The caller decides what a tie means.
 */
export function nearest(word: string, candidates: readonly string[], minLength: number): string[] {
  const w = word.toLowerCase();
  if (w.length < minLength || candidates.length === 0) return [];
  return nearestTypos(w, candidates, (c) => c.toLowerCase());
}
