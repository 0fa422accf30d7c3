import { describe, expect, it } from 'vitest';
import { createSessionCookieTest } from '../../../proxy/capture/credentials.ts';
import { createLoginJudge, type LoginAnswer } from '../../../proxy/capture/login-success.ts';
import { Login } from '../../../proxy/config/schema.ts';

const judgeFor = (login: Record<string, unknown>) => createLoginJudge(Login.parse({ path: '/login', ...login }), { isSessionCookie: createSessionCookieTest() });
const answer = (status: number, headers: LoginAnswer['headers'] = {}, body: unknown = null): LoginAnswer => ({ status, headers, body });

describe('the default success rule', () => {
  const judge = judgeFor({});
  it.each<[string, LoginAnswer, string]>([
    ['200 with a session cookie', answer(200, { 'set-cookie': ['sessionid=abc; Path=/'] }), 'success'],
    ['302 elsewhere with a session cookie', answer(302, { location: '/home', 'set-cookie': ['_app_session=abc'] }), 'success'],
    ['302 back to the login page, even with a session cookie', answer(302, { location: 'https://app.example/login?error=1', 'set-cookie': ['sessionid=abc'] }), 'failure'],
    ['302 back to the login page with a flash cookie', answer(302, { location: '/login', 'set-cookie': ['flash=Wrong+password'] }), 'failure'],
    ['302 back to the login page spelt another way', answer(302, { location: '//app.example/a/../login/', 'set-cookie': ['sessionid=abc'] }), 'failure'],
    ['302 back to the login page by a relative path', answer(302, { location: './login?e=1', 'set-cookie': ['sessionid=abc'] }), 'failure'],
    ['200 with only a language cookie', answer(200, { 'set-cookie': ['lang=en'] }), 'unknown'],
    ['401 with a session cookie', answer(401, { 'set-cookie': ['sessionid=abc'] }), 'failure'],
    ['500', answer(500), 'failure'],
  ])('%s: %s', (_what, given, outcome) => expect(judge(given).outcome).toBe(outcome));

  it('learns only the session cookies of a successful login, decoded', () => {
    expect(judge(answer(200, { 'set-cookie': ['connect.sid=s%3Aab.cd', 'lang=en', 'flash=hi'] })).credentials).toEqual(['connect.sid=s:ab.cd']);
  });
});

describe('a token field', () => {
  const judge = judgeFor({ tokenField: '/data/access_token' });
  it('a 200 with the token and no cookie is a success that learns the token', () => {
    expect(judge(answer(200, {}, { data: { access_token: 'tok-1' } }))).toEqual({ outcome: 'success', credentials: ['Bearer tok-1'] });
  });
  it('a 200 without the token is unknown; an empty token is no token', () => {
    expect(judge(answer(200, {}, { data: {} })).outcome).toBe('unknown');
    expect(judge(answer(200, {}, { data: { access_token: '' } })).outcome).toBe('unknown');
  });
});

describe('a success rule from config', () => {
  it('status 2xx only: a redirect is a failure', () => {
    expect(judgeFor({ success: { status: ['2xx'] } })(answer(302, { location: '/home', 'set-cookie': ['sid=1'] })).outcome).toBe('failure');
  });
  it('a named cookie must be set, and is the only one learned', () => {
    const judge = judgeFor({ success: { cookie: 'auth' } });
    expect(judge(answer(200, { 'set-cookie': ['sessionid=abc'] })).outcome).toBe('unknown');
    expect(judge(answer(200, { 'set-cookie': ['sessionid=abc', 'auth=xyz'] }))).toEqual({ outcome: 'success', credentials: ['auth=xyz'] });
  });
  it('a relative redirect is read against the login request path', () => {
    const judge = judgeFor({ path: '/auth/login' });
    expect(judge({ ...answer(302, { location: 'login?failed', 'set-cookie': ['sid=1'] }), requestPath: '/auth/login' }).outcome).toBe('failure');
    expect(judge({ ...answer(302, { location: 'home', 'set-cookie': ['sid=1'] }), requestPath: '/auth/login' }).outcome).toBe('success');
  });

  it('notRedirectTo takes :params', () => {
    const judge = judgeFor({ path: '/session', success: { notRedirectTo: ['/t/:tenant/signin'] } });
    expect(judge(answer(303, { location: '/t/acme/signin', 'set-cookie': ['sid=1'] })).outcome).toBe('failure');
    expect(judge(answer(303, { location: '/t/acme/home', 'set-cookie': ['sid=1'] })).outcome).toBe('success');
  });
});

describe("a token's expires_in", () => {
  const judge = judgeFor({ tokenField: '/data/access_token' });
  it.each<[string, unknown, number | undefined]>([
    ['a number of seconds', 120, 120],
    ['numeric text', ' 90 ', 90],
    ['a negative number, as none left', -5, 0],
    ['absent', undefined, undefined],
    ['not a number', 'soon', undefined],
  ])('beside the token, %s', (_what, expiresIn, seconds) => {
    const result = judge(answer(200, {}, { data: { access_token: 'tok', expires_in: expiresIn } }));
    expect(result.expiring).toEqual(seconds === undefined ? undefined : [{ credential: 'Bearer tok', seconds }]);
  });
});

describe("a session cookie's own Max-Age or Expires", () => {
  const now = Date.parse('2026-12-04T12:00:00Z');
  const judge = createLoginJudge(Login.parse({ path: '/login' }), { isSessionCookie: createSessionCookieTest(), now: () => now });
  it.each<[string, string, number | undefined]>([
    ['Max-Age', 'sid=a; Max-Age=900', 900],
    ['Expires, read against the clock', 'sid=a; Expires=Fri, 04 Dec 2026 12:10:00 GMT', 600],
    ['Max-Age over a later Expires', 'sid=a; Max-Age=60; Expires=Fri, 04 Dec 2026 20:00:00 GMT', 60],
    ['Max-Age over an Expires passed', 'sid=a; Max-Age=60; Expires=Thu, 01 Jan 1970 00:00:00 GMT', 60],
    ['neither: until the browser closes', 'sid=a; Path=/', undefined],
  ])('%s', (_what, line, seconds) => {
    const result = judge(answer(302, { location: '/home', 'set-cookie': [line] }));
    expect(result).toMatchObject({ outcome: 'success', credentials: ['sid=a'] });
    expect(result.expiring).toEqual(seconds === undefined ? undefined : [{ credential: 'sid=a', seconds }]);
  });
  it.each(['sid=a; Max-Age=0', 'sid=a; Max-Age=-1', 'sid=a; Expires=Fri, 04 Dec 2026 11:59:59 GMT', 'sid=a; Max-Age=0; Expires=Fri, 04 Dec 2026 20:00:00 GMT'])(
    'a login whose only session cookie is dead on arrival (%s) set no live session',
    (line) => expect(judge(answer(302, { location: '/home', 'set-cookie': [line] }))).toEqual({ outcome: 'unknown', credentials: [] }),
  );
});
