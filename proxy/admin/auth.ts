import type { IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { HttpError } from './http.ts';
import type { FailureLimiter } from './rate-limit.ts';
import type { Access } from './route.ts';
import type { Caller, TokenBook } from './tokens.ts';

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * Resolves the caller of a protected route or throws the 401/403/429 to send. A wrong or missing
 * token is answered only after the limiter's delay, so guessing is slow; an address that keeps
 * failing is refused with 429 before its token is even looked at.
 */
export async function authenticate(
  req: IncomingMessage,
  ip: string,
  access: Exclude<Access, 'public'>,
  tokens: TokenBook,
  limiter: FailureLimiter,
): Promise<Caller> {
  const wait = limiter.blockedFor(ip);
  if (wait > 0) {
    throw new HttpError(429, `too many failed attempts from ${ip}; try again in ${wait} s`, undefined, { 'Retry-After': String(wait) });
  }
  const token = BEARER.exec(req.headers.authorization ?? '')?.[1];
  const caller = token ? await tokens.authenticate(token) : null;
  if (!caller) {
    await sleep(limiter.fail(ip));
    const message = token ? 'the token was refused (wrong or revoked)' : 'a token is required (Authorization: Bearer <token>)';
    throw new HttpError(401, message, undefined, { 'WWW-Authenticate': 'Bearer realm="portal-audit"' });
  }
  limiter.succeed(ip);
  if (access === 'admin' && caller.role !== 'admin') {
    throw new HttpError(403, `the ${caller.role} role may not do this; an admin token is needed`);
  }
  return caller;
}
