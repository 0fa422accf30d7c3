import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../shared/query/parse.ts';
import { queryTerms } from '../../../proxy/search/query-terms.ts';
import { joinedDigits, valueTexts } from '../../../proxy/search/entry-texts.ts';

const terms = (q: string) => queryTerms(parseQuery(q, { timezone: 'America/Chicago', dateOrder: 'MDY', now: new Date('2026-12-04T12:00:00Z') }), q);

describe('queryTerms', () => {
  it('marks only the last word of the text as being typed', () => {
    expect(terms('John Smi').words.map((w) => [w.word, w.typing])).toEqual([
      ['john', false],
      ['smi', true],
    ]);
    expect(terms('Smi "John Smith"').words.map((w) => [w.word, w.typing])).toEqual([['smi', false]]);
  });

  it('keeps quoted phrases apart, word by word in order', () => {
    expect(terms('"John Smith" level').phrases).toEqual([['john', 'smith']]);
  });

  it('runs the pieces of a number written with separators together', () => {
    for (const q of ['555-123-4567', '(555) 123-4567', '555 123 4567', '555.123.4567'])
      expect(
        terms(q).words.map((w) => w.word),
        q,
      ).toEqual(['5551234567']);
    expect(terms('45.00').words.map((w) => w.word)).toEqual(['45', '00']);
  });
});

describe('entry texts', () => {
  it('reads before and after values, bounded, and numbers by their digits', () => {
    const records = [{ type: 'family', id: '1', name: 'Doe', changes: [{ field: 'phone', before: '(555) 123-4567', after: { home: 5551234, tags: ['vip', null] } }] }];
    expect(valueTexts(records)).toEqual(['(555) 123-4567', '5551234', 'vip']);
    expect(joinedDigits('(555) 123-4567')).toBe('5551234567');
    expect(joinedDigits('$45.00')).toBeNull();
    expect(joinedDigits('5551234567')).toBeNull();
  });
});
