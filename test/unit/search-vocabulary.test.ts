import { describe, expect, it } from 'vitest';
import { intersect, union } from '../../proxy/search/ordinal-sets.ts';
import { tokenize } from '../../proxy/search/tokens.ts';
import { Vocabulary } from '../../proxy/search/vocabulary.ts';

describe('tokenize', () => {
  it('lowercases, folds accents, keeps apostrophe names whole and splits usernames', () => {
    expect(tokenize("José O'Brien-Smith")).toEqual(['jose', 'obrien', 'smith']);
    expect(tokenize('jane.smith123')).toEqual(['jane', 'smith123']);
    expect(tokenize('Payment of $45.00 for Ann Lee')).toEqual(['payment', 'of', '45', '00', 'for', 'ann', 'lee']);
  });
});

describe('ordinal sets', () => {
  it('unions by sorting when sparse and by bitmap when dense, with the same answer', () => {
    const a = Uint32Array.of(1, 5, 9);
    const b = Uint32Array.of(2, 5, 10);
    expect([...union([a, b], 1000)]).toEqual([1, 2, 5, 9, 10]);
    expect([...union([a, b], 11)]).toEqual([1, 2, 5, 9, 10]);
  });

  it('intersects a short list with a long one', () => {
    const long = Uint32Array.from({ length: 10_000 }, (_, i) => i * 2);
    expect([...intersect(Uint32Array.of(3, 4, 5000, 19_998, 19_999, 30_000), long)]).toEqual([4, 5000, 19_998]);
    expect([...intersect(long, Uint32Array.of(0))]).toEqual([0]);
  });
});

describe('Vocabulary.expand', () => {
  function vocabulary(counts: Record<string, number>) {
    const vocab = new Vocabulary();
    const frequency = new Map<number, number>();
    for (const [word, count] of Object.entries(counts)) frequency.set(vocab.add(word), count);
    const expand = (term: string) => vocab.expand(term, (id) => frequency.get(id) ?? 0).map((id) => vocab.word(id)).sort();
    return expand;
  }

  it('finds exact, prefix and typo matches for a term that is not a word', () => {
    const expand = vocabulary({ smith: 500, smithson: 20, smyth: 10, john: 800, johnson: 300, jon: 100, jane: 300 });
    expect(expand('smtih')).toEqual(['smith', 'smithson']);
    // Short typos are loose ("jan", the start of jane, is one edit from jhn): they must not lose John.
    expect(expand('jhn')).toEqual(['jane', 'john', 'johnson', 'jon']);
    expect(expand('jhon')).toEqual(['john', 'johnson', 'jon']);
    expect(expand('smi')).toEqual(['smith', 'smithson', 'smyth']);
  });

  it('does not drown a real word in its neighbours, unless the word looks like a rare typo', () => {
    const expand = vocabulary({ smith: 500, smithson: 20, smyth: 10, john: 800, jon: 100 });
    expect(expand('smith')).toEqual(['smith', 'smithson']);
    expect(expand('jon')).toEqual(['jon']);
    expect(expand('smyth')).toEqual(['smith', 'smyth']);
  });

  it('matches numbers exactly or by prefix only', () => {
    const expand = vocabulary({ '45': 3, '450': 1, '46': 2 });
    expect(expand('45')).toEqual(['45']);
    expect(expand('46')).toEqual(['46']);
  });
});
