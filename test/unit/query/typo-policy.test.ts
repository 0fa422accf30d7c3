import { describe, expect, it } from 'vitest';
import { nearest } from '../../../shared/query/fuzzy.ts';
import { allowedEdits, isShortWithOneLetterMissing, typoDistance } from '../../../shared/query/typo-policy.ts';

describe('the typo policy', () => {
  it('allows no edit up to 3 letters, one for 4–7, two from 8', () => {
    expect([1, 2, 3, 4, 7, 8, 12].map((n) => allowedEdits('x'.repeat(n)))).toEqual([0, 0, 0, 1, 1, 2, 2]);
  });

  it('counts a swap as one edit and a first-letter error as two', () => {
    expect(typoDistance('smtih', 'smith', 1)).toBe(1);
    expect(typoDistance('msith', 'smith', 1)).toBe(1);
    expect(typoDistance('xmith', 'smith', 1)).toBe(2);
    expect(typoDistance('xmith', 'smith', 2)).toBe(2);
    expect(typoDistance('gacria', 'garza', 1)).toBe(2);
  });

  it('forgives a short word one missing letter', () => {
    expect(isShortWithOneLetterMissing('jhn', 'john')).toBe(true);
    expect(isShortWithOneLetterMissing('jhn', 'jan')).toBe(false);
    expect(isShortWithOneLetterMissing('hn', 'jhn')).toBe(false);
  });

  it('is the policy the query parser reads usernames and action words with', () => {
    expect(nearest('admn', ['admin', 'adam'], 4)).toEqual(['admin']);
    // One edit for a 5-letter word, and the first letter costs two: no longer read as "admin".
    expect(nearest('xdmin', ['admin'], 4)).toEqual([]);
    expect(nearest('delted', ['deleted', 'delete'], 6)).toEqual(['deleted']);
  });
});
