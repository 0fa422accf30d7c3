import { setTimeout as sleep } from 'node:timers/promises';
import type { MiddlewareHandler } from 'hono';
import { HttpError } from '../http/http-error.ts';
import type { FailureLimiter } from './rate-limit.ts';
import type { Access, AdminEnv } from './route.ts';
import type { TokenBook } from './tokens.ts';

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * Resolves the caller of a protected route into `caller`, or throws the 401/403/429 to send. A valid
 * token always passes, whatever others sent from the same address. A wrong or missing token is
 * counted before it is answered, after the limiter's delay, so guessing is slow; past the limit it
 * gets 429. (hono's bearerAuth has no roles and no failure limit, so this is ours.)
 */
export function requireRole(access: Exclude<Access, 'public'>, tokens: TokenBook, limiter: FailureLimiter): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const token = BEARER.exec(c.req.header('authorization') ?? '')?.[1];
    const caller = token ? await tokens.authenticate(token) : null;
    if (!caller) {
      const ip = c.get('ip');
      const { delayMs, blockedFor } = limiter.fail(ip);
      if (blockedFor > 0) {
        throw new HttpError(429, `too many failed attempts from ${ip}; try again in ${blockedFor} s`, undefined, { 'Retry-After': String(blockedFor) });
      }
      await sleep(delayMs);
      const message = token ? 'the token was refused (wrong or revoked)' : 'a token is required (Authorization: Bearer <token>)';
      throw new HttpError(401, message, undefined, { 'WWW-Authenticate': 'Bearer realm="portal-audit"' });
    }
    if (access === 'admin' && caller.role !== 'admin') {
      throw new HttpError(403, `the ${caller.role} role may not do this; an admin token is needed`);
    }
    c.set('caller', caller);
    await next();
  };
}
