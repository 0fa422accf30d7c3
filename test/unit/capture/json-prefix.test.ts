import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closeJsonPrefix } from '../../../proxy/capture/json-prefix.ts';

describe('closeJsonPrefix', () => {
  it.each([
    ['{"name":"x","data":"AAAA', '{"name":"x"}'],
    ['{"a":{"b":[1,2', '{"a":{"b":[1]}}'],
    ['{"a"', '{}'],
    ['[{"a":1},{"b', '[{"a":1},{}]'],
    ['{"s":"a,b\\"c","t', '{"s":"a,b\\"c"}'],
    ['{"done":true}', '{"done":true}'],
  ])('%s → %s', (prefix, closed) => expect(closeJsonPrefix(prefix)).toBe(closed));

  it('has nothing to offer for a cut-off scalar or text', () => {
    expect(closeJsonPrefix('"1.0.')).toBeNull();
    expect(closeJsonPrefix('hello')).toBeNull();
  });

  it('walks 1,000,000 levels without recursion', () => {
    expect(closeJsonPrefix('['.repeat(1_000_000))).toBe('['.repeat(1_000_000) + ']'.repeat(1_000_000));
  });

  it('property: every prefix of a JSON object closes to JSON whose top-level fields are complete fields of the whole', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }), { minKeys: 1 }), fc.nat(), (object, at) => {
        const text = JSON.stringify(object);
        const closed = closeJsonPrefix(text.slice(0, at % (text.length + 1)));
        if (closed === null) return;
        const parsed = JSON.parse(closed) as Record<string, unknown>;
        for (const key of Object.keys(parsed)) if (typeof parsed[key] !== 'object' || parsed[key] === null) expect(parsed[key]).toEqual(object[key]);
      }),
    );
  });
});
