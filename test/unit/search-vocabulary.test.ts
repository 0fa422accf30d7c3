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
  function vocabulary(words: string[]) {
    const vocab = new Vocabulary();
    for (const word of words) vocab.add(word);
    return (term: string, typing = false) =>
      vocab
        .expand(term, { typing })
        .ids.map((id) => vocab.word(id))
        .sort();
  }
  const WORDS = ['smith', 'smithson', 'smyth', 'john', 'johnson', 'jon', 'jane', 'garcia', 'garza', 'maria', 'mario', 'chloe', 'rodriguez'];

  it('corrects a word that is not in the vocabulary to its nearest words, within edits that grow with its length', () => {
    const expand = vocabulary(WORDS);
    expect(expand('smtih')).toEqual(['smith']);
    // Both one slip away (a swap, a letter too many): both are read.
    expect(expand('jhon')).toEqual(['john', 'jon']);
    expect(expand('cloe')).toEqual(['chloe']);
    expect(expand('gacria')).toEqual(['garcia']);
    expect(expand('rodrgiuez')).toEqual(['rodriguez']);
    // Three letters or fewer: no substitutions, only one letter left out.
    expect(expand('jhn')).toEqual(['john']);
    expect(expand('jna')).toEqual([]);
  });

  it('charges more for a wrong first letter', () => {
    const expand = vocabulary(WORDS);
    expect(expand('xmith')).toEqual([]);
    expect(expand('msith')).toEqual(['smith']);
  });

  it('never widens a word the vocabulary has', () => {
    const expand = vocabulary(WORDS);
    expect(expand('smith')).toEqual(['smith']);
    expect(expand('smyth')).toEqual(['smyth']);
    expect(expand('jon')).toEqual(['jon']);
    expect(expand('garza')).toEqual(['garza']);
  });

  it('matches the words a term begins only for the word being typed', () => {
    const expand = vocabulary(WORDS);
    expect(expand('smi', true)).toEqual(['smith', 'smithson']);
    expect(expand('smi')).toEqual([]);
    expect(expand('john', true)).toEqual(['john', 'johnson']);
    expect(expand('john')).toEqual(['john']);
  });

  it('matches numbers exactly, or by prefix while typed', () => {
    const expand = vocabulary(['450', '4501', '460']);
    expect(expand('450')).toEqual(['450']);
    expect(expand('470')).toEqual([]);
    expect(expand('4502')).toEqual([]);
    expect(expand('450', true)).toEqual(['450', '4501']);
  });
});
