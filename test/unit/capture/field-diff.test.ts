import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFieldDiff, MORE_CHANGES_FIELD } from '../../../proxy/capture/field-diff.ts';

const diff = createFieldDiff();

describe('field diff: arrays element by element', () => {
  const contacts = [
    { id: 1, name: 'Mary', phone: '555-0100' },
    { id: 3, name: 'Tom', phone: '555-0101' },
    { id: 4, name: 'Ann', phone: '555-0102' },
  ];

  it('lists changed fields of an element by its id, and elements added and removed whole', () => {
    const next = [{ id: 3, name: 'Tom', phone: '555-0199' }, contacts[0], { id: 5, name: 'Sue', phone: '555-0103' }];
    expect(diff({ contacts }, { contacts: next })).toEqual([
      { field: 'contacts[id=3].phone', before: '555-0101', after: '555-0199' },
      { field: 'contacts[id=4]', before: contacts[2], after: null },
      { field: 'contacts[id=5]', before: null, after: next[2] },
    ]);
  });

  it('keys by id, then _id, then key; elements with none of them (or duplicates) by position', () => {
    expect(diff([{ _id: 'a b', v: 1 }], [{ _id: 'a b', v: 2 }])).toEqual([{ field: '[_id="a b"].v', before: 1, after: 2 }]);
    expect(diff({ s: [{ key: 'x.y', v: 1 }] }, { s: [{ key: 'x.y', v: 2 }] })).toEqual([{ field: 's[key=x.y].v', before: 1, after: 2 }]);
    expect(diff({ s: [{ v: 1 }, { v: 2 }] }, { s: [{ v: 1 }, { v: 3 }, { v: 4 }] })).toEqual([
      { field: 's[1].v', before: 2, after: 3 },
      { field: 's[2]', before: null, after: { v: 4 } },
    ]);
    expect(
      diff(
        {
          s: [
            { id: 1, v: 1 },
            { id: 1, v: 2 },
          ],
        },
        {
          s: [
            { id: 1, v: 1 },
            { id: 1, v: 3 },
          ],
        },
      ),
    ).toEqual([{ field: 's[1].v', before: 2, after: 3 }]);
  });

  it('takes the element keys it is given', () => {
    const byUuid = createFieldDiff({ elementKeys: ['uuid'] });
    expect(byUuid({ s: [{ uuid: 'u1', id: 9, v: 1 }] }, { s: [{ uuid: 'u1', id: 8, v: 2 }] })).toEqual([
      { field: 's[uuid=u1].id', before: 9, after: 8 },
      { field: 's[uuid=u1].v', before: 1, after: 2 },
    ]);
  });

  it('compares arrays of plain values whole, and nested objects field by field with brackets for dotted keys', () => {
    expect(diff({ tags: ['a', 'b'] }, { tags: ['b', 'a'] })).toEqual([{ field: 'tags', before: ['a', 'b'], after: ['b', 'a'] }]);
    expect(diff({ versions: { '1.0.0': { deprecated: null } } }, { versions: { '1.0.0': { deprecated: 'use 2' } } })).toEqual([
      { field: 'versions["1.0.0"].deprecated', before: null, after: 'use 2' },
    ]);
  });

  it('compares only the fields sent when asked (a PATCH leaves the others as they were)', () => {
    expect(diff({ a: 1, b: 2 }, { b: 3 }, { onlyAfterKeys: true })).toEqual([{ field: 'b', before: 2, after: 3 }]);
    expect(diff({ a: 1, b: 2 }, { b: 3 })).toEqual([
      { field: 'a', before: 1, after: null },
      { field: 'b', before: 2, after: 3 },
    ]);
  });
});

describe('field diff: hostile names', () => {
  it('__proto__, constructor and toString are fields like any other', () => {
    const before = JSON.parse('{"__proto__": {"a": 1}, "constructor": "x", "list": [{"id": "toString", "v": 1}]}');
    const after = JSON.parse('{"__proto__": {"a": 2}, "toString": "y", "list": [{"id": "toString", "v": 2}]}');
    expect(diff(before, after)).toEqual([
      { field: '__proto__.a', before: 1, after: 2 },
      { field: 'constructor', before: 'x', after: null },
      { field: 'list[id=toString].v', before: 1, after: 2 },
      { field: 'toString', before: null, after: 'y' },
    ]);
  });
});

describe('field diff: bounded', () => {
  it('compares whole below maxDepth', () => {
    const shallow = createFieldDiff({ maxDepth: 1 });
    expect(shallow({ a: { b: 1 } }, { a: { b: 2 } })).toEqual([{ field: 'a', before: { b: 1 }, after: { b: 2 } }]);
  });

  it('lists at most maxChanges, then says more were left out', () => {
    const few = createFieldDiff({ maxChanges: 3 });
    const changes = few({}, Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`f${i}`, i])));
    expect(changes.map((c) => c.field)).toEqual(['f0', 'f1', 'f2', MORE_CHANGES_FIELD]);
    expect(changes[3]!.after).toMatch(/more changes not listed \(at most 3\)/);
  });

  it('stops after maxValues and says so, even for a huge array', () => {
    const small = createFieldDiff({ maxValues: 1000 });
    const big = Array.from({ length: 100_000 }, (_, i) => ({ id: i, v: i }));
    const changes = small(
      big,
      big.map((el) => ({ ...el, v: -1 })),
    );
    expect(changes.at(-1)).toEqual({ field: MORE_CHANGES_FIELD, before: null, after: 'the rest was not compared (at most 1000 values)' });
    expect(changes.length).toBeLessThan(1000);
  });

  it('a value nested 100,000 levels deep neither overflows the stack nor runs unbounded', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    let other: unknown = 'y';
    for (let i = 0; i < 100_000; i++) other = { a: other };
    const changes = diff({ deep }, { deep: other });
    expect(changes.length).toBeLessThanOrEqual(2);
    expect(changes.at(-1)!.field).toBe(MORE_CHANGES_FIELD);
  });

  it('property: a value compared with a copy of itself has no changes; any two values give at most maxChanges + 1', () => {
    const small = createFieldDiff({ maxChanges: 20, maxValues: 5000 });
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.jsonValue({ maxDepth: 6 }), (a, b) => {
        expect(small(a, structuredClone(a))).toEqual([]);
        expect(small(a, b).length).toBeLessThanOrEqual(21);
      }),
      { numRuns: 300 },
    );
  });
});
