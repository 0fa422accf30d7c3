import type { IncomingHttpHeaders } from 'node:http';
import type { Outcome } from '../../shared/entry.ts';
import type { Login } from '../config/schema.ts';
import { bearerCredential, cookieCredential, sessionCookiesSet } from './credentials.ts';
import { atPointer } from './json-pointer.ts';
import { normalisePath } from './path-normalise.ts';
import { createRuleMatcher } from './route-match.ts';

export interface LoginAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The parsed JSON (or form) answer, if any. */
  body: unknown;
  /** The login request's own path, which a relative Location is resolved against. Default '/'. */
  requestPath?: string;
}

export interface LoginResult {
  outcome: Outcome;
  /** What identifies the user from now on (session cookies, the token); empty unless the outcome is success. */
  credentials: string[];
  /**
   * The credentials the answer gives a lifetime of their own, in seconds: a session cookie's Max-Age or Expires,
   * the token's `expires_in` (OAuth, RFC 6749 §5.1). Absent when none has one.
   */
  expiring?: Array<{ credential: string; seconds: number }>;
}

/** `expires_in` beside the token (`/access_token` → `/expires_in`): seconds as a number or numeric text; null when absent or unreadable. */
function expiresIn(body: unknown, tokenField: string): number | null {
  const value = atPointer(body, `${tokenField.slice(0, tokenField.lastIndexOf('/'))}/expires_in`);
  const seconds = typeof value === 'string' && value.trim() ? Number(value) : value;
  return typeof seconds === 'number' && Number.isFinite(seconds) ? Math.max(0, seconds) : null;
}

export interface LoginJudgeOptions {
  /** Whether a cookie name carries a session (see createSessionCookieTest). Required. */
  isSessionCookie: (name: string) => boolean;
  /** The clock a cookie's Expires is read against. Default `() => Date.now()`. */
  now?: () => number;
}

const statusClass = (status: number) => `${Math.floor(status / 100)}xx`;

/**
 * Decides whether a login succeeded, conservatively: the status is in `success.status` (2xx, 3xx), a
 * redirect does not lead back to the login page (`success.notRedirectTo`), and the answer hands out
 * a session: a session cookie (or the one `success.cookie` names) or a token at `tokenField`. A status
 * that fits without any session is `unknown`: nothing proves the login, nothing disproves it.
 */
export function createLoginJudge(login: Login, { isSessionCookie, now = () => Date.now() }: LoginJudgeOptions) {
  const backToLogin = createRuleMatcher({ rules: (login.success.notRedirectTo ?? [login.path]).map((path) => ({ path, type: 'login page' })), defaultMethods: (method) => method === 'GET' });
  const wanted = login.success.cookie;

  function redirectsToLogin(answer: LoginAnswer): boolean {
    const location = answer.headers.location;
    if (!location || answer.status < 300 || answer.status >= 400) return false;
    const target = URL.parse(location, new URL(answer.requestPath ?? '/', 'http://portal'));
    // The login page however the redirect spells it (`/./login`, `//login`); an unreadable path is not it.
    return !!target && backToLogin('GET', normalisePath(target.pathname).path) !== null;
  }

  return function judge(answer: LoginAnswer): LoginResult {
    const failed = { outcome: 'failure' as const, credentials: [] };
    if (!(login.success.status as string[]).includes(statusClass(answer.status)) || redirectsToLogin(answer)) return failed;
    const cookies = [...sessionCookiesSet(answer.headers['set-cookie'], (name) => (wanted ? name === wanted : isSessionCookie(name)), now())];
    const learned = cookies.map(([name, { value, seconds }]) => ({ credential: cookieCredential(name, value), seconds }));
    const field = login.tokenField;
    const raw = field ? atPointer(answer.body, field) : undefined;
    const token = field && typeof raw === 'string' && raw.trim() ? bearerCredential(raw.trim()) : null;
    if (token && field) learned.push({ credential: token, seconds: expiresIn(answer.body, field) ?? undefined });
    if (learned.length === 0) return { outcome: 'unknown', credentials: [] };
    const expiring = learned.flatMap(({ credential, seconds }) => (seconds === undefined ? [] : [{ credential, seconds }]));
    return { outcome: 'success', credentials: learned.map(({ credential }) => credential), ...(expiring.length > 0 ? { expiring } : {}) };
  };
}
