import { describe, expect, it } from 'vitest';
import { normalisePath, parseTarget } from '../../../proxy/capture/path-normalise.ts';
import { compileRulePath } from '../../../proxy/capture/route-match.ts';

describe('normalisePath', () => {
  it.each([
    ['/api/students/1', '/api/students/1'],
    ['//api//students///1', '/api/students/1'],
    ['/api/./students/x/../1', '/api/students/1'],
    ['/api/%2e%2e/api/students/1', '/api/students/1'],
    ['/api/%2E/students/%31', '/api/students/1'],
    ['/API/Students/1', '/API/Students/1'],
    ['/api/students/', '/api/students/'],
    ['/api/students/x/..', '/api/students/'],
    ['/a%7eb/%c3%a9', '/a~b/%C3%A9'],
    ['/', '/'],
    ['/..%2e', '/...'],
  ])('%s → %s', (raw, normal) => {
    expect(normalisePath(raw)).toEqual({ path: normal, altPath: null, ambiguity: null });
  });

  it.each([
    ['/api/students%2F1', '/api/students%2F1', '/api/students/1'],
    ['/@acme%2fwidget', '/@acme%2Fwidget', '/@acme/widget'],
    ['/api\\students/1', '/api%5Cstudents/1', '/api/students/1'],
    ['/api/%5c..%5Cstudents/1', '/api/%5C..%5Cstudents/1', '/students/1'],
  ])('%s keeps its encoded slash as data, and reads it as a slash in altPath', (raw, path, altPath) => {
    expect(normalisePath(raw)).toEqual({ path, altPath, ambiguity: null });
  });

  it.each([
    ['/api/%00', /NUL/],
    ['/../api', /above the root/],
    ['/api/%2e%2e/%2E%2E/x', /above the root/],
    ['/a%2F..%2F..%2Fetc', /once its encoded slashes/],
  ])('%s is refused', (raw, why) => {
    const result = normalisePath(raw);
    expect(result.path).toBeNull();
    expect(result.ambiguity).toMatch(why);
  });
});

describe('parseTarget', () => {
  it('keeps the raw path and query apart from the normalised path', () => {
    expect(parseTarget('/api//students/1?x=%2F&y=..')).toEqual({ rawPath: '/api//students/1', rawQuery: 'x=%2F&y=..', path: '/api/students/1', altPath: null, ambiguity: null });
  });

  it('reads an absolute-form target by its path', () => {
    expect(parseTarget('http://portal.example/api/students/1?a=1')).toMatchObject({ rawPath: '/api/students/1', rawQuery: 'a=1', path: '/api/students/1' });
  });

  it('calls a target that is not a path ambiguous', () => {
    expect(parseTarget('*')).toMatchObject({ path: null, ambiguity: expect.stringMatching(/not a path/) });
  });
});

describe('compileRulePath', () => {
  it('matches params over the normalised path, ignoring case by default and keeping the params as sent', () => {
    const match = compileRulePath('/api/students/:id');
    expect(match('/API/Students/AbC')).toEqual({ id: 'AbC' });
    expect(match('/api/students/1/')).toEqual({ id: '1' });
    expect(match('/api/students')).toBeNull();
    expect(match(null)).toBeNull();
  });

  it('compares case when pathCase is sensitive', () => {
    const match = compileRulePath('/login', { pathCase: 'sensitive' });
    expect(match('/login')).toEqual({});
    expect(match('/LOGIN')).toBeNull();
  });

  it('matches a prefix for sources, the pattern normalised like a path', () => {
    const match = compileRulePath('//kiosk/./checkin', { prefix: true });
    expect(match('/kiosk/checkin/scan')).toEqual({});
    expect(match('/Kiosk/CheckIn')).toEqual({});
    expect(match('/other/kiosk/checkin')).toBeNull();
  });

  it('treats regex characters in a pattern literally, and path-to-regexp reserved ones once escaped', () => {
    expect(compileRulePath('/a.b/\\(x\\)')('/aXb/(x)')).toBeNull();
    expect(compileRulePath('/a.b/\\(x\\)')('/a.b/(x)')).toEqual({});
    expect(() => compileRulePath('/a.b/(x)')).toThrow(/Unexpected \(/);
  });

  it('matches a prefix by whole segments', () => {
    const match = compileRulePath('/kiosk', { prefix: true });
    expect(match('/kiosk')).toEqual({});
    expect(match('/kiosk/checkin')).toEqual({});
    expect(match('/kiosk-admin/users')).toBeNull();
  });
});
