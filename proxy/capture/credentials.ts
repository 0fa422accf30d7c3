import type { IncomingHttpHeaders } from 'node:http';
import { parseCookie, parseSetCookie } from 'cookie';

/**
 * Cookie names that frameworks use for their session out of the box: express-session, Django, Flask,
 * PHP, Java servlets, Spring Session, ASP.NET, CodeIgniter, Rack, Koa, and a bare `sid`. Compared
 * case-insensitively. Any other cookie (flash messages, language, theme, CSRF) never identifies anyone.
 */
export const BUILT_IN_SESSION_COOKIES = [
  'connect.sid',
  'sessionid',
  'session',
  'session_id',
  'sid',
  'PHPSESSID',
  'JSESSIONID',
  'laravel_session',
  'ASP.NET_SessionId',
  '.AspNetCore.Session',
  '.AspNetCore.Cookies',
  'ci_session',
  'rack.session',
  'koa.sess',
] as const;

/** Rails (`_myapp_session`) and Laravel-style (`myapp_session`) names. */
const SESSION_NAME_PATTERN = /^[\w.-]*_session$/i;

/** Whether a cookie name is a session cookie: built in, or one of `extra` (actors.sessionCookies, exact). */
export function createSessionCookieTest(extra: readonly string[] = []): (name: string) => boolean {
  const builtIn = new Set(BUILT_IN_SESSION_COOKIES.map((n) => n.toLowerCase()));
  const named = new Set(extra);
  return (name) => named.has(name) || builtIn.has(name.toLowerCase()) || SESSION_NAME_PATTERN.test(name);
}

/*
 * A credential is the string the session book keeps (hashed) for a login. Cookie values are compared
 * decoded, the way the `cookie` package reads both Cookie and Set-Cookie, so `connect.sid=s%3Aabc` set at
 * login and sent back later are one credential. A bearer token cannot collide with a cookie pair.
 */
export const cookieCredential = (name: string, value: string): string => `${name}=${value}`;
export const bearerCredential = (token: string): string => `Bearer ${token}`;

/** The bearer token of an Authorization header, if any. */
export function bearerToken(headers: IncomingHttpHeaders): string | null {
  return /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '')?.[1] ?? null;
}

/** The session credentials a request carries: its session cookies, then its bearer token. */
export function requestCredentials(headers: IncomingHttpHeaders, isSessionCookie: (name: string) => boolean): string[] {
  const cookies = headers.cookie ? Object.entries(parseCookie(headers.cookie)) : [];
  const out = cookies.flatMap(([name, value]) => (value && isSessionCookie(name) ? [cookieCredential(name, value)] : []));
  const token = bearerToken(headers);
  return token ? [...out, bearerCredential(token)] : out;
}

/** Session cookies a response sets, by name, skipping the ones it clears (empty, Max-Age ≤ 0, expired). */
export function sessionCookiesSet(setCookie: string | string[] | undefined, isSessionCookie: (name: string) => boolean, now = Date.now()): Map<string, string> {
  const lines = setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie];
  const out = new Map<string, string>();
  for (const line of lines) {
    const cookie = parseSetCookie(line);
    // Max-Age wins over Expires (RFC 6265 5.3).
    const ended = cookie.maxAge !== undefined ? cookie.maxAge <= 0 : cookie.expires !== undefined && cookie.expires.getTime() <= now;
    if (cookie.name && cookie.value && !ended && isSessionCookie(cookie.name)) out.set(cookie.name, cookie.value);
  }
  return out;
}
