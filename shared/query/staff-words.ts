import { nearest } from './fuzzy.ts';

/** Short words ("amy", "pat") are too close to too many usernames to be read as typos of one. */
export const FUZZY_USERNAME_MIN_LENGTH = 4;

/** Lowercase words of a name, hyphens and other punctuation read as spaces: "Check-In Kiosk" → "check in kiosk". */
export function phraseKey(text: string): string {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .join(' ');
}

/** The known username spelled like `word` (case aside), or close enough to be a typo of exactly one. */
export function matchUsername(word: string, usernames: readonly string[], fuzzy: boolean): string | undefined {
  const lower = word.toLowerCase();
  const exact = usernames.find((u) => u.toLowerCase() === lower);
  if (exact || !fuzzy) return exact;
  const near = nearest(lower, usernames, FUZZY_USERNAME_MIN_LENGTH);
  return near.length === 1 ? near[0] : undefined;
}

/** The known source whose whole name is `phrase` ("customer portal", "check-in kiosk"). */
export function matchSource(phrase: string, sources: readonly string[]): string | undefined {
  const key = phraseKey(phrase);
  return key ? sources.find((s) => phraseKey(s) === key) : undefined;
}

/** The known record type `word` names, singular or plural ("students", "families"). */
export function matchType(word: string, types: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  return types.find((t) => {
    const type = t.toLowerCase();
    return w === type || w === `${type}s` || w === `${type}es` || (type.endsWith('y') && w === `${type.slice(0, -1)}ies`);
  });
}
