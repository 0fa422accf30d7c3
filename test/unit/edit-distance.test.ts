import { describe, expect, it } from 'vitest';
import { boundedEditDistance } from '../../shared/edit-distance.ts';

describe('boundedEditDistance', () => {
  it.each([
    ['smith', 'smith', 2, 0],
    ['smtih', 'smith', 1, 1],
    ['jhn', 'john', 1, 1],
    ['jhon', 'john', 1, 1],
    ['admn', 'admin', 1, 1],
    ['udpated', 'updated', 2, 1],
    ['mitchel', 'mitchell', 2, 1],
    ['johnsno', 'johnson', 1, 1],
    ['delted', 'deleted', 2, 1],
    ['pyament', 'payment', 2, 1],
    ['jenifr', 'jennifer', 2, 2],
    ['', 'ab', 2, 2],
  ] as const)('%s → %s within %i is %i', (a, b, max, expected) => {
    expect(boundedEditDistance(a, b, max)).toBe(expected);
  });

  it.each([
    ['smith', 'smyth', 0],
    ['jhn', 'jane', 1],
    ['abcdef', 'ghijkl', 2],
    ['jhon', 'johnson', 1],
    ['', 'abc', 2],
  ] as const)('%s → %s is past %i, reported as one more', (a, b, max) => {
    expect(boundedEditDistance(a, b, max)).toBe(max + 1);
  });
});
