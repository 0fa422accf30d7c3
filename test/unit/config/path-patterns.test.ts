import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../proxy/config/load.ts';

const portals = [{ listen: '127.0.0.1:0', target: 'http://127.0.0.1:9', source: 'Office Portal' }];
const rule = (path: string, extra: Record<string, unknown> = {}) => ({ path, type: 'student', ...extra });

describe('path patterns in the config', () => {
  it('accepts the path-to-regexp syntax: :params, {optional} parts, *wildcards and \\ escapes', () => {
    const paths = ['/api/students/:id', '/api/files{/:name}', '/static/*rest', '/api/\\(legacy\\)/:id', '/api/:"student-id"'];
    expect(parseConfig({ portals, records: paths.map((path) => rule(path)) }).records.map((r) => r.path)).toEqual(paths);
  });

  it.each([
    [{ records: [rule('/api/students/:')] }, /records\[0\]\.path: .*Missing parameter name/],
    [{ records: [rule('/ok'), rule('/api/students/:id(\\d+)')] }, /records\[1\]\.path: .*Unexpected \(/],
    [{ records: [rule('/api/:a:b')] }, /records\[0\]\.path: .*Missing text before "b"/],
    [{ records: [rule('/api/{open')] }, /records\[0\]\.path: .*Unexpected end/],
    [{ recordReads: [rule('/api/students/:id?')] }, /recordReads\[0\]\.path: .*Unexpected \?/],
    [{ sources: [{ match: { pathPrefix: '/kiosk/*' }, source: 'Kiosk' }] }, /sources\[0\]\.match\.pathPrefix: .*Missing parameter name/],
    [{ actors: { login: [{ path: '/login/(x)' }] } }, /actors\.login\[0\]\.path: .*Unexpected \(/],
    [{ actors: { login: [{ path: '/login', logoutPath: '/logout/:' }] } }, /actors\.login\[0\]\.logoutPath: /],
    [{ actors: { login: [{ path: '/login', revoke: { path: '/revoke/[x]' } }] } }, /actors\.login\[0\]\.revoke\.path: .*Unexpected \[/],
    [{ actors: { login: [{ path: '/login', success: { notRedirectTo: ['/login', '/x/!'] } }] } }, /actors\.login\[0\]\.success\.notRedirectTo\[1\]: .*Unexpected !/],
    [{ records: [rule('/api/students/:id', { link: '/students/{params.a}{params.b}' })] }, /records\[0\]\.link: .*Missing text before "b"/],
  ])('%j is refused when the config is loaded, naming the key', (extra, message) => {
    expect(() => parseConfig({ portals, ...extra })).toThrow(message);
  });
});
