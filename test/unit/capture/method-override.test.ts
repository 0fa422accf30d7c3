import { describe, expect, it } from 'vitest';
import { candidateMethods, overrideNote, requestMethod } from '../../../proxy/capture/method-override.ts';

const query = (text = '') => new URLSearchParams(text);

describe('requestMethod', () => {
  it('without an override the wire method stands and there is no note', () => {
    const method = requestMethod('POST', { headers: { 'x-http-method-override': 'POST' }, query: query('_method=post'), body: { name: 'x' } });
    expect(method).toEqual({ wire: 'POST', method: 'POST', claims: [] });
    expect(overrideNote(method)).toBeNull();
  });

  it('keeps every claim, headers first, and records by a change when any claim names one', () => {
    const method = requestMethod('GET', { headers: { 'x-http-method-override': 'HEAD', 'x-method-override': 'put' }, query: query('_method=DELETE'), body: { _method: ['PATCH', 7] } });
    expect(method.method).toBe('PUT');
    expect(candidateMethods(method)).toEqual(['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE']);
    expect(overrideNote(method)).toBe(
      'sent as GET with X-HTTP-Method-Override: HEAD, X-Method-Override: put, _method=PATCH in the body, _method=DELETE in the query; recorded as PUT, the method the portal is asked to act on',
    );
  });

  it('ignores values that are no method: spaces, punctuation, empty, over 32 characters', () => {
    for (const value of ['DELETE me', '<x>', '', 'A'.repeat(33)]) {
      expect(requestMethod('GET', { headers: {}, query: query(`_method=${encodeURIComponent(value)}`) }).claims).toEqual([]);
    }
  });

  it('reads a repeated header that Node joined with ", "', () => {
    expect(requestMethod('POST', { headers: { 'x-http-method': 'DELETE, PUT' }, query: query() }).claims.map((c) => c.method)).toEqual(['DELETE', 'PUT']);
  });
});
