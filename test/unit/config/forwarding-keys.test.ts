import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../proxy/config/load.ts';
import { isMutating } from '../../../proxy/config/schema.ts';

const portals = [{ listen: '127.0.0.1:0', target: 'http://127.0.0.1:3000', source: 'Office Portal' }];

describe('isMutating', () => {
  it.each(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'get'])('%s only reads', (method) => expect(isMutating(method)).toBe(false));
  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'MERGE', 'PROPPATCH', 'LOCK', 'PURGE', 'PROPFIND', 'X-CUSTOM'])('%s is a change', (method) => expect(isMutating(method)).toBe(true));
});

describe('forwarding config keys', () => {
  it('has documented defaults', () => {
    expect(parseConfig({ portals })).toMatchObject({ pathCase: 'insensitive', upstream: { connectTimeoutMs: 5000, answerTimeoutMs: 60000 }, shutdownGraceMs: 10000, appendHoldMs: 30000 });
  });

  it.each([
    [{ pathCase: 'upper' }, /pathCase/],
    [{ upstream: { connectTimeoutMs: -1 } }, /upstream\.connectTimeoutMs/],
    [{ upstream: { answerTimeout: 5 } }, /upstream.*unknown key "answerTimeout"/],
    [{ shutdownGraceMs: 'soon' }, /shutdownGraceMs/],
    [{ appendHoldMs: 0 }, /appendHoldMs/],
    [{ records: [{ method: 'NOT A METHOD', path: '/x', type: 'x' }] }, /records\[0\]\.method/],
  ])('%j is refused, naming the key', (extra, message) => {
    expect(() => parseConfig({ portals, ...extra })).toThrow(message);
  });

  it('takes any method token in a rule, upper-cased', () => {
    expect(parseConfig({ portals, records: [{ method: 'merge', path: '/x', type: 'x' }] }).records[0]!.method).toBe('MERGE');
  });
});
