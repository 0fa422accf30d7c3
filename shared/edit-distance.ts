/**
 * How many single-letter insertions, deletions, substitutions or swaps of two adjacent letters turn
 * `a` into `b` (optimal string alignment distance), counted only up to `max`: any larger distance is
 * reported as `max + 1`, which lets a hopeless pair stop after a row or two. Swaps count as one edit
 * because "Smtih" is one slip of the fingers from "Smith", not two. The typo policy
 * (shared/query/typo-policy.ts) builds on it; no Node APIs, as it also runs in the extension.
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  const over = max + 1;
  if (Math.abs(a.length - b.length) > max) return over;
  const width = b.length + 1;
  let beforePrevious = new Array<number>(width).fill(0);
  let previous = Array.from({ length: width }, (_, j) => j);
  let current = new Array<number>(width).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      // The rows hold b.length + 1 cells, so every `?? over` below is never taken.
      let d = Math.min((previous[j] ?? over) + 1, (current[j - 1] ?? over) + 1, (previous[j - 1] ?? over) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (beforePrevious[j - 2] ?? over) + 1);
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    // Every later row only grows from this one's smallest value, so the answer is already known.
    if (rowMin > max) return over;
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return Math.min(previous[b.length] ?? over, over);
}
