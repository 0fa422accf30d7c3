import type { IncomingHttpHeaders } from 'node:http';
import { parseCookie, parseSetCookie } from 'cookie';
import type { Actors } from '../config/schema.ts';

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

/** The session cookie test of an `actors` config: a cookie a login's success rule names is a session cookie by the operator's word. */
export function actorsSessionCookieTest(actors: Actors): (name: string) => boolean {
  return createSessionCookieTest([...actors.sessionCookies, ...actors.login.flatMap((l) => (l.success.cookie ? [l.success.cookie] : []))]);
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

/** The session cookies a request carries, as credentials. */
export function requestSessionCookies(headers: IncomingHttpHeaders, isSessionCookie: (name: string) => boolean): string[] {
  const cookies = headers.cookie ? Object.entries(parseCookie(headers.cookie)) : [];
  return cookies.flatMap(([name, value]) => (value && isSessionCookie(name) ? [cookieCredential(name, value)] : []));
}

/** The session credentials a request carries: its session cookies, then its bearer token. */
export function requestCredentials(headers: IncomingHttpHeaders, isSessionCookie: (name: string) => boolean): string[] {
  const out = requestSessionCookies(headers, isSessionCookie);
  const token = bearerToken(headers);
  return token ? [...out, bearerCredential(token)] : out;
}

/** A session cookie an answer sets: its value, and the seconds its own Max-Age or Expires gives it (none: until the browser closes). */
export interface SetSessionCookie {
  value: string;
  seconds?: number;
}

/**
 * The session cookies an answer sets or clears, by name, as a browser keeps them (the last line for a name
 * wins): what it sets with its own lifetime, null for one it clears (empty, Max-Age ≤ 0, Expires passed).
 * Max-Age wins over Expires (RFC 6265 5.3); `now` is what Expires is read against.
 */
export function sessionCookieChanges(setCookie: string | string[] | undefined, isSessionCookie: (name: string) => boolean, now: number): Map<string, SetSessionCookie | null> {
  const lines = setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie];
  const out = new Map<string, SetSessionCookie | null>();
  for (const line of lines) {
    const { name, value, maxAge, expires } = parseSetCookie(line);
    if (!name || !isSessionCookie(name)) continue;
    const seconds = maxAge ?? (expires ? (expires.getTime() - now) / 1000 : undefined);
    out.set(name, !value || (seconds !== undefined && seconds <= 0) ? null : { value, ...(seconds === undefined ? {} : { seconds }) });
  }
  return out;
}

/** Session cookies an answer hands out, by name, with their own lifetimes; the ones it clears are left out. */
export function sessionCookiesSet(setCookie: string | string[] | undefined, isSessionCookie: (name: string) => boolean, now: number): Map<string, SetSessionCookie> {
  return new Map([...sessionCookieChanges(setCookie, isSessionCookie, now)].flatMap(([name, set]) => (set ? [[name, set] as const] : [])));
}

/** Names of the session cookies an answer clears. */
export function sessionCookiesCleared(setCookie: string | string[] | undefined, isSessionCookie: (name: string) => boolean, now: number): Set<string> {
  return new Set([...sessionCookieChanges(setCookie, isSessionCookie, now)].flatMap(([name, set]) => (set ? [] : [name])));
}
