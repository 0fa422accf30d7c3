import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ENTRY_DEPTH, representable, sanitizeDraft, TOO_DEEP, TOO_LARGE, UNREPRESENTABLE } from '../../../proxy/store/sanitize.ts';
import { hashEntry } from '../../../proxy/store/chain.ts';
import { drafts } from '../../helpers/temp-store.ts';

function nested(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = { child: value };
  return value;
}

describe('representable', () => {
  it('replaces lone surrogates, Infinity, NaN, bigints and functions with a marker and says where', () => {
    const { value, notes } = representable({ a: 'x\ud800', b: [Infinity, -Infinity, NaN], c: 10n, d: () => 1, e: 'fine \ud83d\ude00' });
    expect(value).toEqual({ a: UNREPRESENTABLE, b: [UNREPRESENTABLE, UNREPRESENTABLE, UNREPRESENTABLE], c: UNREPRESENTABLE, d: UNREPRESENTABLE, e: 'fine \ud83d\ude00' });
    expect(notes[0]).toMatch(/^a: .*lone surrogate/);
    expect(notes).toContainEqual(expect.stringMatching(/^b\[0\]: Infinity/));
  });

  it('cuts nesting at the limit without recursion, even 100,000 levels deep', () => {
    const { value, notes } = representable(nested(100_000, 'secret'), { maxDepth: 3 });
    expect(value).toEqual({ child: { child: { child: TOO_DEEP } } });
    expect(notes).toEqual([expect.stringMatching(/^child\.child\.child: nested deeper than 3 levels/)]);
    expect(JSON.stringify(representable(nested(100_000, 'secret')).value)).not.toContain('secret');
    expect(MAX_ENTRY_DEPTH).toBe(64);
  });

  it('keeps at most maxValues values and marks the rest', () => {
    const { value, notes } = representable({ list: Array.from({ length: 10 }, (_, i) => i) }, { maxValues: 5 });
    expect(value).toEqual({ list: [0, 1, 2, TOO_LARGE, TOO_LARGE, TOO_LARGE, TOO_LARGE, TOO_LARGE, TOO_LARGE, TOO_LARGE] });
    expect(notes).toHaveLength(1);
  });

  it('keeps __proto__, constructor and toString as plain fields', () => {
    const parsed = JSON.parse('{"__proto__":{"x":1},"constructor":"c","toString":"t"}');
    const { value } = representable(parsed);
    expect(Object.keys(value as object)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(canonicalize(value)).toBe('{"__proto__":{"x":1},"constructor":"c","toString":"t"}');
  });

  it('turns a throwing getter into a marker instead of throwing', () => {
    const hostile = {
      get boom() {
        throw new Error('no');
      },
      ok: 1,
    };
    expect(representable(hostile).value).toEqual({ boom: UNREPRESENTABLE, ok: 1 });
  });

  it('property: whatever a JSON body can hold, the result canonicalises and survives a JSON round trip unchanged', () => {
    const weird = fc.oneof(fc.constant('\ud800'), fc.constant('a\udfffb'), fc.constant(Infinity), fc.constant(NaN), fc.double(), fc.string({ unit: 'binary' }));
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, fc.jsonValue(), weird, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.string({ unit: 'binary' }), tie('node'), { maxKeys: 4 })),
    })).node;
    fc.assert(
      fc.property(tree, (input) => {
        const { value } = representable(input);
        const text = canonicalize(value)!;
        expect(canonicalize(JSON.parse(text))).toBe(text);
      }),
    );
  });
});

describe('sanitizeDraft', () => {
  it('gives a draft that hashes, with a note for each part replaced', () => {
    const [draft] = drafts(1);
    const bad = { ...draft!, records: [{ type: 'note', id: null, name: null, op: 'create', link: null, changes: [{ field: 'n', before: null, after: 1 / 0 }] }] };
    expect(() => hashEntry('0', bad)).toThrow();
    const clean = sanitizeDraft(bad);
    expect(() => hashEntry('0', clean)).not.toThrow();
    expect(clean.records[0]!.changes[0]!.after).toBe(UNREPRESENTABLE);
    expect(clean.notes).toEqual(['records[0].changes[0].after: Infinity replaced with [unrepresentable]']);
  });

  it('leaves a clean draft as it was, without notes', () => {
    const [draft] = drafts(1);
    expect(sanitizeDraft(draft!)).toEqual(draft);
    expect('notes' in sanitizeDraft(draft!)).toBe(false);
  });
});
