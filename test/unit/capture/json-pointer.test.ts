import { describe, expect, it } from 'vitest';
import { atPointer } from '../../../proxy/capture/json-pointer.ts';

describe('atPointer (RFC 6901)', () => {
  const doc = { data: { token: 't-1', list: ['a', 'b'] }, 'a/b': 1, 'm~n': 2, '': 'empty key', nothing: null };

  it('walks own keys of objects and arrays, with ~1 for "/" and ~0 for "~"', () => {
    expect(atPointer(doc, '/data/token')).toBe('t-1');
    expect(atPointer(doc, '/data/list/1')).toBe('b');
    expect(atPointer(doc, '/a~1b')).toBe(1);
    expect(atPointer(doc, '/m~0n')).toBe(2);
    expect(atPointer(doc, '/')).toBe('empty key');
  });

  it('the empty pointer is the whole document', () => {
    expect(atPointer(doc, '')).toBe(doc);
  });

  it('is undefined past a missing key, a scalar or null, and never reads inherited keys', () => {
    expect(atPointer(doc, '/data/missing')).toBeUndefined();
    expect(atPointer(doc, '/data/token/length')).toBeUndefined();
    expect(atPointer(doc, '/nothing/x')).toBeUndefined();
    expect(atPointer(doc, '/data/toString')).toBeUndefined();
    expect(atPointer('text', '/length')).toBeUndefined();
  });
});
