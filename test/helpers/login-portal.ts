import { createHmac, randomBytes } from 'node:crypto';
import { parseCookie, stringifySetCookie } from 'cookie';
import { jwtVerify, SignJWT } from 'jose';
import type { ConfigInput } from '../../proxy/config/schema.ts';
import { startAuditRig } from './audit-rig.ts';
import { sendJson, startRecordingUpstream, type ReceivedRequest } from './recording-upstream.ts';

export const JWT_SECRET = 'login-portal-jwt-secret-0123456789';
const PASSWORDS: Record<string, string> = { 'pat.admin': 'right', 'bob.builder': 'right' };
const NAMES: Record<string, string> = { 'pat.admin': 'Pat Admin', 'bob.builder': 'Bob Builder' };

export interface LoginPortalOptions {
  /** Name of the cookie the form login sets. Default `connect.sid` (an express-session signed value, percent-encoded). */
  sessionCookie?: string;
  /** Hand out a new session cookie value with every answer to a signed-in change, ending the old one (Rails' cookie store, Flask). Default false. */
  rotate?: boolean;
  /** The `expires_in` of the tokens `POST /auth/token` hands out, in seconds. Default 3600. */
  tokenSeconds?: number;
  /** The session cookie's own lifetime, asked each time it is set (a Max-Age, an Expires). Default none: it lasts until the browser closes. */
  sessionLife?: () => { maxAge?: number; expires?: Date };
  /** Re-send the session cookie, same value, fresh `sessionLife`, with every answer to a signed-in change (express-session's `rolling`). Default false. */
  rolling?: boolean;
}

/**
 * A third-party application with every login style at once, its own users (pat.admin and bob.builder,
 * password "right") and notes that only a signed-in user may change:
 * - `POST /login` (form or JSON): a session cookie, plus `lang=en`, and a redirect to /dashboard; a wrong
 *   password redirects back to /login with `Set-Cookie: flash=Wrong+password`. `POST /logout` ends it, and so
 *   does `POST /account/password`, clearing the cookie with Max-Age=0, and `GET /session-ended`, with an Expires passed.
 * - `POST /auth/token` (OAuth password grant, form or JSON): `{ access_token, token_type }`, no cookie;
 *   `POST /auth/revoke` with `token` in the body, `POST /auth/logout` with the bearer token.
 * - `PUT /-/user/:name` (a package registry's CLI): `{ ok, token }` with status 201; `DELETE /-/user/token/:token`.
 * - `POST /jwt/login`: `{ jwt }` signed with JWT_SECRET, sent back as Bearer.
 * - HTTP Basic and a gateway's `x-authenticated-user` header are believed as they come.
 */
export async function startLoginPortal({ sessionCookie = 'connect.sid', rotate = false, tokenSeconds = 3600, sessionLife = () => ({}), rolling = false }: LoginPortalOptions = {}) {
  const notes = new Map<string, { id: string; title: string; status: string }>([
    ['1', { id: '1', title: 'Fence repair', status: 'open' }],
    ['2', { id: '2', title: 'Roof tiles', status: 'open' }],
  ]);
  const sessions = new Map<string, string>();
  const tokens = new Map<string, string>();
  const key = new TextEncoder().encode(JWT_SECRET);

  const fields = (req: ReceivedRequest): Record<string, string> => {
    const text = req.body.toString('utf8');
    if (String(req.headers['content-type']).includes('json')) return JSON.parse(text || '{}');
    return Object.fromEntries(new URLSearchParams(text));
  };
  const check = (username: unknown, password: unknown) => typeof username === 'string' && PASSWORDS[username] === password;
  const newToken = (username: string) => {
    const token = randomBytes(16).toString('hex');
    tokens.set(token, username);
    return token;
  };

  /** A new express-session style Set-Cookie for `username`. */
  function newSession(username: string): string {
    const id = randomBytes(12).toString('base64url');
    sessions.set(id, username);
    const signature = createHmac('sha256', 'cookie-secret').update(id).digest('base64url');
    return stringifySetCookie(sessionCookie, `s:${id}.${signature}`, { path: '/', httpOnly: true, ...sessionLife() });
  }
  const sessionId = (req: ReceivedRequest) => {
    const cookies = parseCookie(req.headers.cookie ?? '');
    return cookies[sessionCookie]?.replace(/^s:/, '').split('.')[0];
  };

  async function whoIs(req: ReceivedRequest): Promise<string | null> {
    const gateway = req.headers['x-authenticated-user'];
    if (typeof gateway === 'string') return gateway;
    const [scheme = '', value = ''] = (req.headers.authorization ?? '').split(' ', 2);
    if (scheme === 'Basic') {
      const [user, pass] = Buffer.from(value, 'base64').toString('utf8').split(':');
      return check(user, pass) ? user! : null;
    }
    if (scheme === 'Bearer') {
      if (tokens.has(value)) return tokens.get(value)!;
      try {
        return (await jwtVerify(value, key)).payload.sub ?? null;
      } catch {
        return null;
      }
    }
    // express-session: "s:<id>.<signature>", percent-encoded in the header.
    const id = sessionId(req);
    return id ? (sessions.get(id) ?? null) : null;
  }

  const upstream = await startRecordingUpstream(async (req, res) => {
    const path = req.url.split('?')[0]!;
    if (path === '/login' && req.method === 'POST') {
      const { username, password } = fields(req);
      if (!check(username, password)) return void res.writeHead(302, { location: '/login', 'set-cookie': 'flash=Wrong+password; Path=/' }).end();
      return void res.writeHead(302, { location: '/dashboard', 'set-cookie': [newSession(username!), 'lang=en; Path=/'] }).end();
    }
    if (path === '/logout') {
      const id = sessionId(req);
      if (id) sessions.delete(id);
      return void res.writeHead(302, { location: '/login', 'set-cookie': `${sessionCookie}=; Max-Age=0; Path=/` }).end();
    }
    if (path === '/account/password' && req.method === 'POST') {
      const id = sessionId(req);
      if (!id || !sessions.has(id)) return sendJson(res, 401, { error: 'sign in first' });
      // As many portals do after a password change: the session ends and its cookie is cleared, on an answer that is no logout.
      sessions.delete(id);
      res.setHeader('set-cookie', stringifySetCookie(sessionCookie, '', { path: '/', maxAge: 0 }));
      return sendJson(res, 200, { changed: true });
    }
    if (path === '/session-ended' && req.method === 'GET') {
      // The page a session the portal ended (timed out) lands on: a read nobody records, clearing the cookie by a past Expires.
      const id = sessionId(req);
      if (id) sessions.delete(id);
      return void res.writeHead(200, { 'content-type': 'text/html', 'set-cookie': stringifySetCookie(sessionCookie, '', { path: '/', expires: new Date(0) }) }).end('<p>Your session has ended.</p>');
    }
    if (path === '/auth/token' && req.method === 'POST') {
      const { username, password } = fields(req);
      if (!check(username, password)) return sendJson(res, 401, { error: 'invalid_grant' });
      return sendJson(res, 200, { access_token: newToken(username!), token_type: 'Bearer', expires_in: tokenSeconds });
    }
    if (path === '/auth/revoke' && req.method === 'POST') {
      tokens.delete(fields(req).token ?? '');
      return sendJson(res, 200, {});
    }
    if (path === '/auth/logout' && req.method === 'POST') {
      tokens.delete((req.headers.authorization ?? '').slice('Bearer '.length));
      return void res.writeHead(204).end();
    }
    const registryUser = /^\/-\/user\/([^/]+)$/.exec(path);
    if (registryUser && req.method === 'PUT') {
      const { name, password } = fields(req);
      if (name !== decodeURIComponent(registryUser[1]!) || !check(name, password)) return sendJson(res, 401, { error: 'bad credentials' });
      return sendJson(res, 201, { ok: true, id: `org.couchdb.user:${name}`, token: newToken(name) });
    }
    const registryToken = /^\/-\/user\/token\/([^/]+)$/.exec(path);
    if (registryToken && req.method === 'DELETE') {
      tokens.delete(decodeURIComponent(registryToken[1]!));
      return sendJson(res, 200, { ok: true });
    }
    if (path === '/jwt/login' && req.method === 'POST') {
      const { username, password } = fields(req);
      if (!check(username, password)) return sendJson(res, 401, { error: 'bad credentials' });
      const jwt = await new SignJWT({ name: NAMES[username!] }).setProtectedHeader({ alg: 'HS256' }).setSubject(username!).sign(key);
      return sendJson(res, 200, { jwt });
    }
    const note = /^\/api\/notes\/([^/]+)$/.exec(path);
    if (note) {
      if (!(await whoIs(req))) return sendJson(res, 401, { error: 'sign in first' });
      const row = notes.get(note[1]!);
      if (!row) return sendJson(res, 404, { error: 'no such note' });
      if (req.method === 'GET') return sendJson(res, 200, row);
      const id = sessionId(req);
      if (rotate && id && sessions.has(id)) {
        res.setHeader('set-cookie', newSession(sessions.get(id)!));
        sessions.delete(id);
      }
      const value = parseCookie(req.headers.cookie ?? '')[sessionCookie];
      if (rolling && id && sessions.has(id) && value) res.setHeader('set-cookie', stringifySetCookie(sessionCookie, value, { path: '/', httpOnly: true, ...sessionLife() }));
      if (req.method === 'DELETE') {
        notes.delete(row.id);
        return void res.writeHead(204).end();
      }
      Object.assign(row, fields(req), { id: row.id });
      return sendJson(res, 200, row);
    }
    return sendJson(res, 404, { error: 'not found' });
  });
  return Object.assign(upstream, { notes, sessions, tokens });
}

/** The notes rule an operator writes for this application: named by title, snapshot for before → after. */
export const NOTE_RULES: ConfigInput['records'] = [{ path: '/api/notes/:id', type: 'note', name: '{before.title}', snapshot: true }];

export const LOGIN_DIRECTORY = { 'pat.admin': { name: 'Pat Admin', kind: 'staff' as const }, 'bob.builder': { name: 'Bob Builder', kind: 'staff' as const } };

/** The login portal with Portal Audit in front of it (real listeners, a JSON store in a fresh temp dir). */
export async function startLoginRig(
  actors: ConfigInput['actors'],
  { portal: portalOptions = {}, config = {}, sessionClock }: { portal?: LoginPortalOptions; config?: Partial<ConfigInput>; sessionClock?: () => number } = {},
) {
  const portal = await startLoginPortal(portalOptions);
  const rig = await startAuditRig(portal, { tempPrefix: 'portal-audit-logins-', config: { actors, records: NOTE_RULES, ...config }, sessionClock });
  return Object.assign(rig, { portal });
}
export type LoginRig = Awaited<ReturnType<typeof startLoginRig>>;

/** `name=value` pairs of an answer's Set-Cookie lines, as a browser would send them back (raw, still encoded). */
export function cookieHeader(setCookie: string[] | undefined): string {
  return (setCookie ?? [])
    .map((line) => line.split(';')[0]!)
    .filter((pair) => !pair.endsWith('='))
    .join('; ');
}

export const form = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});
