import { describe, expect, it } from 'vitest';
import { createSessionCookieTest, requestCredentials, sessionCookiesCleared, sessionCookiesSet } from '../../../proxy/capture/credentials.ts';

const isSession = createSessionCookieTest(['myportal_auth']);

describe('session cookies', () => {
  it.each(['connect.sid', 'sessionid', 'session', 'PHPSESSID', 'JSESSIONID', 'laravel_session', '_myapp_session', 'ASP.NET_SessionId', 'sid', 'tt_session', 'myportal_auth'])(
    '%s is a session cookie',
    (name) => expect(isSession(name)).toBe(true),
  );
  it.each(['flash', 'lang', 'theme', 'csrftoken', 'XSRF-TOKEN', '_ga', 'remember_me', 'sessionize'])('%s never identifies anyone', (name) => expect(isSession(name)).toBe(false));
});

describe('one canonical form for cookie values', () => {
  it('an express-session cookie set percent-encoded at login is the same credential when sent back', () => {
    const set = sessionCookiesSet(['connect.sid=s%3AyZ1.kQx%2Fab; Path=/; HttpOnly', 'lang=en; Path=/'], isSession, Date.now());
    expect([...set]).toEqual([['connect.sid', { value: 's:yZ1.kQx/ab' }]]);
    expect(requestCredentials({ cookie: 'lang=en; connect.sid=s%3AyZ1.kQx%2Fab' }, isSession)).toEqual(['connect.sid=s:yZ1.kQx/ab']);
  });

  it('a cookie the answer clears is not a session handed out', () => {
    const lines = ['sid=; Path=/', 'sessionid=x; Max-Age=0', 'session=y; Expires=Thu, 01 Jan 1970 00:00:00 GMT', 'PHPSESSID=z; Max-Age=60', 'lang=; Max-Age=0'];
    expect([...sessionCookiesSet(lines, isSession, Date.now()).keys()]).toEqual(['PHPSESSID']);
    expect([...sessionCookiesCleared(lines, isSession, Date.now())]).toEqual(['sid', 'sessionid', 'session']);
  });

  it('a request carries its bearer token as a credential of its own kind', () => {
    expect(requestCredentials({ authorization: 'Bearer abc.def', cookie: 'flash=hi' }, isSession)).toEqual(['Bearer abc.def']);
  });

  it('a session cookie lives as its own Max-Age says, else its Expires read against the clock; Max-Age wins (RFC 6265 5.3)', () => {
    const now = Date.parse('2026-12-04T12:00:00Z');
    const set = sessionCookiesSet(
      [
        'sid=a; Max-Age=600; Expires=Fri, 04 Dec 2026 20:00:00 GMT',
        'sessionid=b; Expires=Fri, 04 Dec 2026 12:05:00 GMT',
        'session=c; Max-Age=9000; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
        'PHPSESSID=d',
      ],
      isSession,
      now,
    );
    expect(Object.fromEntries(set)).toEqual({ sid: { value: 'a', seconds: 600 }, sessionid: { value: 'b', seconds: 300 }, session: { value: 'c', seconds: 9000 }, PHPSESSID: { value: 'd' } });
    expect(sessionCookiesSet(['sid=a; Max-Age=0; Expires=Fri, 04 Dec 2026 20:00:00 GMT'], isSession, now).size).toBe(0);
  });

  it('the last line for a name is what the browser keeps: set then cleared is cleared, cleared then set is set', () => {
    const now = Date.now();
    expect([...sessionCookiesCleared(['sid=a; Path=/', 'sid=; Max-Age=0'], isSession, now)]).toEqual(['sid']);
    expect([...sessionCookiesSet(['sid=a; Path=/', 'sid=; Max-Age=0'], isSession, now)]).toEqual([]);
    expect([...sessionCookiesSet(['sid=; Max-Age=0', 'sid=b'], isSession, now)]).toEqual([['sid', { value: 'b' }]]);
  });
});
