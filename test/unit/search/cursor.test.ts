import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../../proxy/search/cursor.ts';
import { SearchParamError } from '../../../proxy/search/types.ts';

describe('search cursors', () => {
  it('decode to what was encoded', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 1, max: 1e12 }), (upTo, offset) => {
        const before = Math.min(offset, upTo + 1);
        expect(decodeCursor(encodeCursor({ before, upTo }))).toEqual({ before, upTo });
      }),
    );
  });

  it.each([
    ['not base64url of the right shape', 'hello'],
    ['empty', ''],
    ['a page before the first entry', Buffer.from('0.5').toString('base64url')],
    ['a page past the newest entry it was made for', Buffer.from('8.5').toString('base64url')],
    ['signs and fractions', Buffer.from('-1.5').toString('base64url')],
    ['numbers too long to be seqs', Buffer.from(`${'9'.repeat(16)}.1`).toString('base64url')],
  ])('refuse %s, naming the cursor parameter', (_, text) => {
    let error: unknown;
    try {
      decodeCursor(text);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(SearchParamError);
    expect((error as SearchParamError).param).toBe('cursor');
  });
});
