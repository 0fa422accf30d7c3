import { boundedEditDistance } from '../edit-distance.ts';

/**
 * The one typo policy of the whole product: the query parser (usernames, action words) and the search
 * engine's vocabulary (names, values) both ask it, so a typo means the same thing everywhere.
 *
 * - Allowed edits grow with the word: none up to 3 letters, one for 4–7, two from 8 on. Short words
 *   are too close to too many others ("jan", "jon", "jen") for a substitution to be read as a slip.
 * - An edit is an insertion, a deletion, a substitution or a swap of two neighbours ("Smtih" → Smith: one).
 * - An error in the first letter costs one edit more: people rarely get it wrong, and names that differ
 *   there are usually different names (Garza and Barza). A swap of the first two letters is an ordinary swap.
 */
export const FIRST_LETTER_EXTRA = 1;

export function allowedEdits(word: string): number {
  if (word.length <= 3) return 0;
  if (word.length <= 7) return 1;
  return 2;
}

/** Edits from `typed` to `word` with the first-letter surcharge, counted up to `max` (anything more is `max + 1`). */
export function typoDistance(typed: string, word: string, max: number): number {
  const distance = boundedEditDistance(typed, word, max);
  if (distance > max) return distance;
  if (typed[0] === word[0]) return distance;
  // "Msith": the first two letters swapped is one slip, when the swap is what the distance counted.
  const unswapped = typed.length > 1 ? typed.charAt(1) + typed.charAt(0) + typed.slice(2) : typed;
  const swappedStart = unswapped[0] === word[0] && 1 + boundedEditDistance(unswapped, word, max) <= distance;
  const extra = swappedStart ? 0 : FIRST_LETTER_EXTRA;
  return Math.min(distance + extra, max + 1);
}

/**
 * A short word that matches nothing as typed may still be a word with one letter left out ("Jhn" → John):
 * the typed letters appear in order in `word`, which is one letter longer and starts the same.
 */
export function isShortWithOneLetterMissing(typed: string, word: string): boolean {
  if (typed.length < 2 || word.length !== typed.length + 1 || typed[0] !== word[0]) return false;
  let i = 0;
  for (let j = 0; j < word.length && i < typed.length; j++) if (word[j] === typed[i]) i++;
  return i === typed.length;
}

/**
 * The candidates `typed` (lower case) is most likely a typo of, by this policy: all those at the
 * smallest distance within its allowed edits, or for a short word that has none, those with one
 * letter left out. Digits never take typos: a mistyped number is another number. The query parser
 * (usernames, action words) and the engine's vocabulary (names, values) both decide through here.
 */
export function nearestTypos<T>(typed: string, candidates: readonly T[], wordOf: (candidate: T) => string): T[] {
  if (/^\d+$/.test(typed)) return [];
  const max = allowedEdits(typed);
  let best = max + 1;
  let nearest: T[] = [];
  for (const candidate of candidates) {
    const distance = typoDistance(typed, wordOf(candidate), max);
    if (distance > max || distance > best) continue;
    if (distance < best) nearest = [];
    best = distance;
    nearest.push(candidate);
  }
  if (nearest.length === 0 && max === 0) nearest = candidates.filter((c) => isShortWithOneLetterMissing(typed, wordOf(c)));
  return nearest;
}
