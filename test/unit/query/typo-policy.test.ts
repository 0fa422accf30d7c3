import { describe, expect, it } from 'vitest';
import { nearest } from '../../../shared/query/fuzzy.ts';
import { Vocabulary } from '../../../proxy/search/vocabulary.ts';
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

  it('reads a typo the same in the query parser and in the engine vocabulary', () => {
    const words = ['dana', 'admin', 'adam', 'smith', 'smyth', 'john', 'jan', 'garcia', 'williams', 'coach1', 'coach2', '1234'];
    const vocabulary = new Vocabulary();
    for (const w of words) vocabulary.add(w);
    // "dnaa" swaps two neighbours of "dana": one edit. The parser's old Fuse.js pre-filter dropped it while the vocabulary kept it.
    for (const typed of ['dnaa', 'admn', 'smtih', 'jhon', 'garcai', 'wiliamss', 'coach3', '1235', 'xyzzy']) {
      const engine = vocabulary.expand(typed).ids.map((id) => vocabulary.word(id));
      expect(nearest(typed, words, 4).sort(), typed).toEqual(engine.sort());
    }
    expect(nearest('dnaa', words, 4)).toEqual(['dana']);
    // Digits never take typos, in either.
    expect(nearest('1235', words, 4)).toEqual([]);
  });
});
