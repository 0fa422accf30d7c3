import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { parseCookie, stringifySetCookie } from 'cookie';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { HttpError } from '../../http/http-error.ts';
import { parseBody, redirect, sendHtml, sendJson, type DemoRequest, type Router } from './http.ts';
import { loginPage } from './pages.ts';
import { DEMO_JWT_SECRET } from './seed-data.ts';
import type { GymState } from './state.ts';

/** Who is calling: office staff, a support agent, or a family (limited to its own records). */
export interface Principal {
  username: string;
  name: string;
  kind: 'staff' | 'family' | 'support';
  familyId: number | null;
}

export const SESSION_COOKIE = 'tt_session';
const secretKey = new TextEncoder().encode(DEMO_JWT_SECRET);

const Credentials = z.object({ username: z.string().trim().min(1), password: z.string().min(1) });

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Sessions, tokens and credential checks of the demo gym. */
export class GymAuth {
  private sessions = new Map<string, string>();

  constructor(private state: GymState) {}

  principal(username: string): Principal | null {
    const staff = this.state.staff.find((s) => s.username === username);
    if (staff) return { username, name: staff.name, kind: staff.role === 'support' ? 'support' : 'staff', familyId: null };
    const family = [...this.state.families.values()].find((f) => f.username === username);
    if (family) return { username, name: `${family.guardianFirst} ${family.guardianLast}`, kind: 'family', familyId: family.id };
    return null;
  }

  /** Checks a password, or a kiosk PIN when `allowPin` (kiosks have a keypad, not a keyboard). */
  check(username: string, secret: string, allowPin = false): Principal | null {
    const account = this.state.staff.find((s) => s.username === username) ?? [...this.state.families.values()].find((f) => f.username === username);
    if (!account) return null;
    const ok = same(secret, account.password) || (allowPin && same(secret, account.pin));
    return ok ? this.principal(username) : null;
  }

  /** The caller from a session cookie, a Bearer JWT (mobile app) or HTTP Basic (kiosks); null if none is valid. */
  async authenticate(req: IncomingMessage): Promise<Principal | null> {
    const authorization = req.headers.authorization ?? '';
    const [scheme, value = ''] = authorization.split(' ', 2);
    if (scheme?.toLowerCase() === 'bearer') {
      try {
        const { payload } = await jwtVerify(value, secretKey, { algorithms: ['HS256'] });
        return typeof payload.sub === 'string' ? this.principal(payload.sub) : null;
      } catch {
        return null;
      }
    }
    if (scheme?.toLowerCase() === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      return colon < 0 ? null : this.check(decoded.slice(0, colon), decoded.slice(colon + 1), true);
    }
    const token = parseCookie(req.headers.cookie ?? '')[SESSION_COOKIE];
    const username = token ? this.sessions.get(token) : undefined;
    return username ? this.principal(username) : null;
  }

  startSession(username: string): string {
    const token = randomBytes(18).toString('base64url');
    this.sessions.set(token, username);
    return token;
  }

  endSession(req: IncomingMessage): void {
    const token = parseCookie(req.headers.cookie ?? '')[SESSION_COOKIE];
    if (token) this.sessions.delete(token);
  }

  async mobileToken(p: Principal): Promise<string> {
    return new SignJWT({ name: p.name, kind: p.kind }).setProtectedHeader({ alg: 'HS256' }).setSubject(p.username).setIssuedAt().setExpirationTime('12h').sign(secretKey);
  }
}

export function requireUser(req: DemoRequest): Principal {
  if (!req.user) throw new HttpError(401, 'sign in first');
  return req.user;
}

/** Office work (creating students, charging, deleting) is for staff and support, not families. */
export function requireStaff(req: DemoRequest): Principal {
  const user = requireUser(req);
  if (user.kind === 'family') throw new HttpError(403, 'staff only');
  return user;
}

/** Whether a user sees a family's records: staff and support every family's, a family only its own. */
export function seesFamily(user: Principal, familyId: number | undefined): boolean {
  return user.kind !== 'family' || familyId === user.familyId;
}

/** Families may touch only their own records. */
export function requireFamilyAccess(req: DemoRequest, familyId: number): Principal {
  const user = requireUser(req);
  if (!seesFamily(user, familyId)) throw new HttpError(403, 'not your family');
  return user;
}

/** The rows a signed-in caller may list: all of them for staff and support, a family's own for a family. */
export function visibleRows<T>(req: DemoRequest, rows: Iterable<T>, familyOf: (row: T) => number | undefined): T[] {
  const user = requireUser(req);
  return [...rows].filter((row) => seesFamily(user, familyOf(row)));
}

/** A record a user may see, else 404 as if there were none: a family never learns of another's records. */
export function visibleRecord<T>(user: Principal, row: T | undefined, familyOf: (row: T) => number, missing: string): T {
  if (row === undefined || !seesFamily(user, familyOf(row))) throw new HttpError(404, missing);
  return row;
}

export function authRoutes(router: Router, auth: GymAuth): void {
  router.on('POST', '/login', (req, res) => {
    const parsed = Credentials.safeParse(req.body ?? {});
    const user = parsed.success ? auth.check(parsed.data.username, parsed.data.password) : null;
    if (!user) {
      if (req.fromForm) return sendHtml(res, 401, loginPage('Wrong username or password.'));
      throw new HttpError(401, 'wrong username or password');
    }
    const cookie = stringifySetCookie(SESSION_COOKIE, auth.startSession(user.username), { httpOnly: true, path: '/', sameSite: 'lax', maxAge: 12 * 3600 });
    if (req.fromForm) return redirect(res, user.familyId ? `/families/${user.familyId}` : '/', { 'set-cookie': cookie });
    sendJson(res, 200, { ok: true, user }, { 'set-cookie': cookie });
  });

  router.on('POST', '/logout', (req, res) => {
    auth.endSession(req.raw);
    const cookie = stringifySetCookie(SESSION_COOKIE, '', { httpOnly: true, path: '/', maxAge: 0 });
    if (req.fromForm) return redirect(res, '/login', { 'set-cookie': cookie });
    sendJson(res, 200, { ok: true }, { 'set-cookie': cookie });
  });

  router.on('POST', '/api/mobile/token', async (req, res) => {
    const { username, password } = parseBody(Credentials, req.body);
    const user = auth.check(username, password);
    if (!user) throw new HttpError(401, 'wrong username or password');
    sendJson(res, 200, { token: await auth.mobileToken(user), user });
  });
}
