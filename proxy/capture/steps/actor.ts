import type { Actors } from '../../config/schema.ts';
import { actorFor, identify, UNKNOWN_ACTOR } from '../actor-identify.ts';
import { forgetClearedSessions } from '../cleared-sessions.ts';
import { actorsSessionCookieTest, bearerCredential, cookieCredential, requestCredentials, sessionCookiesSet } from '../credentials.ts';
import type { CaptureStep, Flow } from '../flow.ts';
import { atPointer } from '../json-pointer.ts';
import { createLoginPaths, type LoginMatch, type LoginPaths } from '../login-paths.ts';
import type { PathCase } from '../path-normalise.ts';
import { createLoginJudge } from '../login-success.ts';
import { createSecretMatcher } from '../secrets.ts';

export interface ActorStepOptions {
  /** The `actors` config: login styles, session cookies, header, jwt, basic, directory. Required. */
  actors: Actors;
  /** Config `pathCase`: how login, logout and revoke paths are compared. Default 'insensitive'. */
  pathCase?: PathCase;
  /** Config `redact`: more secret field names, also for :params of login paths. Default none. */
  redact?: string[];
  /** The login, logout and revoke paths, shared with the recording policy that decides a logout is logged. Default: compiled from `actors.login`. */
  loginPaths?: LoginPaths;
  /** The clock a session cookie's Expires is read against; the session book's own times its sessions. Default `Date.now`. */
  now?: () => number;
}

/** The username a login request names: a body field (or JSON pointer), else the path :param of that name. */
function attemptedUsername(flow: Flow, { login, params }: LoginMatch): string | null {
  const field = login.usernameField;
  const body = flow.request.body.value;
  const fromBody = field.startsWith('/') ? atPointer(body, field) : body && typeof body === 'object' && Object.hasOwn(body, field) ? (body as Record<string, unknown>)[field] : undefined;
  const value = typeof fromBody === 'string' ? fromBody : params[field];
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/**
 * Adds `member`, `memberKind` and `username`. Learns sessions from logins that succeeded by the
 * login's success rule (only session cookies and the token field, kept by ctx.sessions so they survive
 * a restart) and forgets them at logout or revoke; logins and logouts get their verb here, as this step
 * is the one that recognises them.
 */
export function actorStep({ actors, pathCase, redact = [], loginPaths, now = Date.now }: ActorStepOptions): CaptureStep {
  const isSecretField = createSecretMatcher({ extra: redact });
  const paths = loginPaths ?? createLoginPaths(actors.login, { pathCase });
  const isSessionCookie = actorsSessionCookieTest(actors);
  const judges = new Map(actors.login.map((login) => [login, createLoginJudge(login, { isSessionCookie, now })]));

  /** A token in a login, logout or revoke path (`/-/user/token/:token`) is a secret like a password field. */
  function markSecretParams(flow: Flow, match: LoginMatch | null): void {
    const secret = Object.entries(match?.params ?? {}).flatMap(([name, value]) => (isSecretField(name) && value ? [value] : []));
    if (secret.length > 0) flow.secrets = [...(flow.secrets ?? []), ...secret];
  }

  /** The token a revoke request names in its body; null for any other request. */
  function revokedToken(flow: Flow): string | null {
    const revoke = paths.revoke(flow.request.method, flow.request.path)?.login.revoke;
    if (!revoke) return null;
    const token = atPointer(flow.request.body.value, revoke.tokenField);
    return typeof token === 'string' ? token.trim() : '';
  }

  /**
   * Some portals hand out a new session cookie value with many answers (Rails' and Flask's cookie stores), or
   * re-send the one they gave with a new lifetime (rolling sessions). Either belongs to the user of the remembered
   * session the request came with, for the lifetime the answer gives it.
   */
  async function followRenewedSession(flow: Flow, setCookie: string[] | undefined): Promise<void> {
    const username = flow.actor?.username;
    if (!username) return;
    const current = requestCredentials(flow.request.headers, isSessionCookie);
    // The value the request already has, re-sent without a lifetime of its own, renews nothing: no write.
    const renewed = [...sessionCookiesSet(setCookie, isSessionCookie, now())]
      .map(([name, { value, seconds }]) => ({ credential: cookieCredential(name, value), seconds }))
      .filter(({ credential, seconds }) => seconds !== undefined || !current.includes(credential));
    if (renewed.length === 0) return;
    for (const credential of current) {
      if ((await flow.ctx.sessions.lookup(credential)) !== username) continue;
      for (const next of renewed) await flow.ctx.sessions.follow(credential, [next.credential], next.seconds);
      return;
    }
  }

  return {
    name: 'actor',
    async request(flow) {
      const { method, path, headers, remoteAddress } = flow.request;
      const login = paths.login(method, path);
      if (login) {
        flow.draft.verb = 'login';
        markSecretParams(flow, login);
        flow.actor = { ...UNKNOWN_ACTOR, username: attemptedUsername(flow, login) };
        return;
      }
      const revoked = revokedToken(flow);
      const logout = paths.logout(method, path);
      if (revoked !== null || logout) flow.draft.verb = 'logout';
      markSecretParams(flow, logout ?? paths.revoke(method, path));
      const named = await identify(actors, flow.ctx.trust, { headers, remoteAddress, sessions: flow.ctx.sessions, isSessionCookie });
      // A revoke often comes without the user's own credentials: the token it names says whose session ends.
      const owner = !named && revoked ? await flow.ctx.sessions.lookup(bearerCredential(revoked)) : null;
      flow.actor = named ?? (owner ? actorFor(actors, owner) : UNKNOWN_ACTOR);
    },
    async response(flow) {
      const { method, path, headers } = flow.request;
      if (flow.response) await forgetClearedSessions(flow.ctx.sessions, { request: headers, setCookie: flow.response.headers['set-cookie'], isSessionCookie, now: now() });
      const login = paths.login(method, path);
      if (login) {
        if (!flow.response) {
          flow.draft.outcome = 'unknown';
          return;
        }
        const judge = judges.get(login.login);
        if (!judge) throw new Error(`no success rule for the login at ${login.login.path}`);
        const { outcome, credentials, expiring } = judge({ ...flow.response, body: flow.response.body.value, requestPath: flow.request.url });
        flow.draft.outcome = outcome;
        const username = attemptedUsername(flow, login);
        if (outcome !== 'success' || !username) return;
        const hours = login.login.sessionHours;
        const lasting = credentials.filter((credential) => !expiring?.some((e) => e.credential === credential));
        if (lasting.length > 0) await flow.ctx.sessions.remember(lasting, username, hours);
        // A cookie or token names its user no longer than the portal said it lives.
        for (const { credential, seconds } of expiring ?? []) await flow.ctx.sessions.remember([credential], username, hours, seconds);
        flow.actor = actorFor(actors, username);
        return;
      }
      if (!flow.response || flow.response.status >= 400) return;
      if (paths.logout(method, path)) {
        await flow.ctx.sessions.forget(requestCredentials(headers, isSessionCookie));
        return;
      }
      await followRenewedSession(flow, flow.response.headers['set-cookie']);
      const revoked = revokedToken(flow);
      if (revoked) await flow.ctx.sessions.forget([bearerCredential(revoked)]);
    },
  };
}
