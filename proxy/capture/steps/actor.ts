import { z } from 'zod';
import type { Actors } from '../../config/schema.ts';
import { actorFor, cookiePairs, identify, sessionCookies, UNKNOWN_ACTOR } from '../actor-identify.ts';
import type { CaptureStep, Flow } from '../flow.ts';
import { compilePathPattern, type PathCase } from '../path-normalise.ts';
import { createTrust } from '../trust.ts';

export interface ActorStepOptions {
  /** The `actors` config: login, header, jwt, basic, directory. Required. */
  actors: Actors;
  /** Peers whose `actors.header` is believed. Default: none. */
  trustedProxies?: string[];
  /** Config `pathCase`: how the login and logout paths are compared. Default 'insensitive'. */
  pathCase?: PathCase;
}

const LoginBody = z.looseObject({}).nullable().catch(null);

/** A login succeeded when the portal accepted it and handed out a session cookie. */
function loginSucceeded(flow: Flow): boolean {
  const res = flow.response;
  return !!res && res.status < 400 && sessionCookies(toList(res.headers['set-cookie'])).length > 0;
}

function toList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/**
 * Adds `member`, `memberKind` and `username`. Learns sessions from successful logins (every cookie the
 * login response sets maps to the username, kept by ctx.sessions so it survives a restart) and forgets
 * them at logout; logins and logouts get their verb here, as this step is the one that recognises them.
 */
export function actorStep({ actors, trustedProxies = [], pathCase }: ActorStepOptions): CaptureStep {
  const trust = createTrust({ trustedProxies });
  const login = actors.login;
  const loginPath = login ? compilePathPattern(login.path, { pathCase }) : () => null;
  const logoutPath = login?.logoutPath ? compilePathPattern(login.logoutPath, { pathCase }) : () => null;
  const isLogin = (flow: Flow) => !!loginPath(flow.request.path) && flow.request.method !== 'GET' && flow.request.method !== 'HEAD';
  const isLogout = (flow: Flow) => !!logoutPath(flow.request.path);

  function attemptedUsername(flow: Flow): string | null {
    const body = LoginBody.parse(flow.request.body.value);
    const value = login && body ? body[login.usernameField] : undefined;
    return typeof value === 'string' && value.trim() ? value.trim() : null;
  }

  return {
    name: 'actor',
    async request(flow) {
      if (isLogin(flow)) {
        flow.draft.verb = 'login';
        flow.actor = { ...UNKNOWN_ACTOR, username: attemptedUsername(flow) };
        return;
      }
      if (isLogout(flow)) flow.draft.verb = 'logout';
      const { headers, remoteAddress } = flow.request;
      flow.actor = (await identify(actors, trust, { headers, remoteAddress, sessions: flow.ctx.sessions })) ?? UNKNOWN_ACTOR;
    },
    async response(flow) {
      if (isLogin(flow) && login) {
        const username = attemptedUsername(flow);
        if (!username || !loginSucceeded(flow)) {
          flow.draft.outcome = flow.response ? 'failure' : 'unknown';
          return;
        }
        await flow.ctx.sessions.remember(sessionCookies(toList(flow.response!.headers['set-cookie'])), username, login.sessionHours);
        flow.actor = actorFor(actors, username);
      } else if (isLogout(flow) && flow.response && flow.response.status < 400) {
        await flow.ctx.sessions.forget(cookiePairs(flow.request.headers.cookie));
      }
    },
  };
}
