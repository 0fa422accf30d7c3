import canonicalize from 'canonicalize';
import { expect, it } from 'vitest';
import { isCanonicalText } from '../../../proxy/store/canonical-line.ts';

/** The fast check must decide exactly as comparing with canonicalize does, on every shape a line can take. */
const texts = [
  '{"a":1,"b":[{"c":2,"d":null}]}',
  '{"b":1,"a":2}',
  '{"a":{"d":1,"c":2}}',
  '{"a":1,"a":2}',
  '{"a":1, "b":2}',
  '{"1":"x","10":"y","9":"z"}',
  '{"9":"z","10":"y"}',
  '{"a":1.0}',
  '{"a":1e21}',
  '{"a":1e+21}',
  '{"a":-0}',
  '{"a":"\\u00e9"}',
  '{"a":"é"}',
  '{"a":"\\u001f"}',
  '{"a":"\\/"}',
  '{"a":"😀"}',
  '{"a":"\\ud83d\\ude00"}',
  '{"__proto__":1,"a":2}',
  '{"B":1,"a":2}',
  '{"a":2,"B":1}',
  '{"é":1,"z":2}',
  '{"z":2,"é":1}',
  '{"a":[3,{"y":1,"x":2}]}',
  '{"a":"back\\\\ud"}',
];

it.each(texts)('%s is judged as canonicalize judges it', (text) => {
  const parsed = JSON.parse(text);
  expect(isCanonicalText(parsed, text)).toBe(canonicalize(parsed) === text);
});

it('a lone surrogate is refused as canonicalize refuses it', () => {
  const text = '{"a":"\\ud800"}';
  expect(() => isCanonicalText(JSON.parse(text), text)).toThrow(/Lone surrogate/);
});
