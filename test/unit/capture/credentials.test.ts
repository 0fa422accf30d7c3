import { describe, expect, it } from 'vitest';
import { createSessionCookieTest, requestCredentials, sessionCookiesSet } from '../../../proxy/capture/credentials.ts';

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
    const set = sessionCookiesSet(['connect.sid=s%3AyZ1.kQx%2Fab; Path=/; HttpOnly', 'lang=en; Path=/'], isSession);
    expect([...set]).toEqual([['connect.sid', 's:yZ1.kQx/ab']]);
    expect(requestCredentials({ cookie: 'lang=en; connect.sid=s%3AyZ1.kQx%2Fab' }, isSession)).toEqual(['connect.sid=s:yZ1.kQx/ab']);
  });

  it('a cookie the answer clears is not a session handed out', () => {
    const set = sessionCookiesSet(['sid=; Path=/', 'sessionid=x; Max-Age=0', 'session=y; Expires=Thu, 01 Jan 1970 00:00:00 GMT', 'PHPSESSID=z; Max-Age=60'], isSession);
    expect([...set.keys()]).toEqual(['PHPSESSID']);
  });

  it('a request carries its bearer token as a credential of its own kind', () => {
    expect(requestCredentials({ authorization: 'Bearer abc.def', cookie: 'flash=hi' }, isSession)).toEqual(['Bearer abc.def']);
  });
});
