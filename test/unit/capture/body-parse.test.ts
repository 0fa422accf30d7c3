import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_BODY_DEPTH, MAX_BODY_FIELDS } from '../../../proxy/capture/body-limits.ts';
import { parseBody } from '../../../proxy/capture/body-parse.ts';
import { TOO_DEEP } from '../../../proxy/store/sanitize.ts';

const parse = (text: string, contentType: string, options: { truncated?: boolean } = {}) => parseBody(Buffer.from(text), { contentType, ...options });

describe('parseBody', () => {
  it('keeps a bare JSON scalar as its value', async () => {
    expect(await parse('"1.0.0"', 'application/json')).toMatchObject({ kind: 'json', value: '1.0.0' });
    expect(await parse('42', 'application/json')).toMatchObject({ kind: 'json', value: 42 });
  });

  it('keeps the complete fields of a truncated JSON body', async () => {
    const body = await parse('{"name":"pkg","version":"1.0.0","data":"QUFB', 'application/json', { truncated: true });
    expect(body).toMatchObject({ kind: 'json', value: { name: 'pkg', version: '1.0.0' }, truncated: true });
  });

  it('cuts JSON at MAX_BODY_DEPTH levels with a note', async () => {
    const depth = MAX_BODY_DEPTH + 10;
    const body = await parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`, 'application/json');
    let node = body.value as Record<string, unknown>;
    for (let i = 0; i < MAX_BODY_DEPTH - 1; i++) node = node.a as Record<string, unknown>;
    expect(node.a).toBe(TOO_DEEP);
    expect(body.notes).toEqual([expect.stringMatching(/^body\.a\.a.*: nested deeper than 32 levels/)]);
  });

  it('keeps a repeated form key as a list, capped at MAX_BODY_FIELDS pairs, in linear time', async () => {
    const body = await parse('a&'.repeat(120_000), 'application/x-www-form-urlencoded');
    expect((body.value as { a: string[] }).a).toHaveLength(MAX_BODY_FIELDS);
    expect(body.notes).toEqual([`body: 120000 fields; the first ${MAX_BODY_FIELDS} kept`]);
  });

  it('keeps __proto__, constructor and toString as own fields in every kind of body', async () => {
    for (const [text, type] of [
      ['{"__proto__":"p","constructor":"c","toString":"t"}', 'application/json'],
      ['__proto__=p&constructor=c&toString=t', 'application/x-www-form-urlencoded'],
    ]) {
      const { value } = await parse(text!, type!);
      expect(Object.keys(value as object)).toEqual(['__proto__', 'constructor', 'toString']);
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    }
  });

  it('property: a form body of any pairs round-trips its values, repeated names as lists', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.string(), fc.string()), { maxLength: 30 }), async (pairs) => {
        const text = new URLSearchParams(pairs).toString();
        const { value } = await parse(text, 'application/x-www-form-urlencoded');
        const expected: Record<string, unknown> = {};
        for (const [key, v] of new URLSearchParams(text)) {
          const prev = Object.hasOwn(expected, key) ? expected[key] : undefined;
          Object.defineProperty(expected, key, { value: prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v], enumerable: true, writable: true, configurable: true });
        }
        if (text.length > 0) expect(value).toEqual(expected);
      }),
    );
  });

  it('property: any JSON value parses to the same value when within the limits', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 5 }), async (json) => {
        const text = JSON.stringify(json);
        const { value } = await parse(text, 'application/json');
        expect(value).toEqual(JSON.parse(text));
      }),
    );
  });
});
