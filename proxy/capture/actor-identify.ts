import type { IncomingHttpHeaders } from 'node:http';
import { parseCookie } from 'cookie';
import { decodeJwt, jwtVerify, type JWTPayload } from 'jose';
import type { Actors } from '../config/schema.ts';
import type { Actor, SessionBook } from './flow.ts';
import { bearerToken, requestCredentials } from './credentials.ts';
import type { Trust } from './trust.ts';

/** Nobody we can name: the entry still says the action happened. */
export const UNKNOWN_ACTOR: Actor = { member: 'Unknown', memberKind: 'unknown', username: null };

/** Turns a username into a member with the directory's name and kind. */
export function actorFor(actors: Actors, username: string, nameHint?: string): Actor {
  const known = actors.directory[username];
  if (known) return { member: known.name, memberKind: known.kind, username };
  return { member: nameHint || username, memberKind: 'unknown', username };
}

async function jwtClaims(token: string, secret: string | undefined): Promise<JWTPayload | null> {
  try {
    if (secret) return (await jwtVerify(token, new TextEncoder().encode(secret))).payload;
    return decodeJwt(token);
  } catch {
    // A forged, expired or malformed token names nobody.
    return null;
  }
}

export interface IdentifyInput {
  headers: IncomingHttpHeaders;
  remoteAddress: string;
  sessions: SessionBook;
  /** Whether a cookie name carries a session: only those are looked up. */
  isSessionCookie: (name: string) => boolean;
}

/**
 * Who sent a request, strongest evidence first: a trusted gateway's header, a session learned from a
 * login (session cookies and bearer tokens only), a JWT, HTTP Basic. Returns null when none applies.
 */
export async function identify(actors: Actors, trust: Trust, { headers, remoteAddress, sessions, isSessionCookie }: IdentifyInput): Promise<Actor | null> {
  if (actors.header && trust.isTrusted(remoteAddress)) {
    const value = headers[actors.header.toLowerCase()];
    const username = (Array.isArray(value) ? value[0] : value)?.trim();
    if (username) return actorFor(actors, username);
  }
  if (actors.login.length > 0) {
    for (const credential of requestCredentials(headers, isSessionCookie)) {
      const username = await sessions.lookup(credential);
      if (username) return actorFor(actors, username);
    }
  }
  if (actors.jwt) {
    const bearer = bearerToken(headers);
    const fromCookie = actors.jwt.cookie && headers.cookie ? parseCookie(headers.cookie)[actors.jwt.cookie] : undefined;
    const token = bearer ?? fromCookie;
    const claims = token ? await jwtClaims(token, actors.jwt.secret) : null;
    const username = claims?.[actors.jwt.usernameClaim];
    const name = claims?.[actors.jwt.nameClaim];
    if (typeof username === 'string' && username) return actorFor(actors, username, typeof name === 'string' ? name : undefined);
  }
  if (actors.basic) {
    const encoded = /^Basic\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
    const decoded = encoded ? Buffer.from(encoded, 'base64').toString('utf8') : '';
    // Only the user part is kept; the password after ':' is never looked at again.
    const username = decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : '';
    if (username) return actorFor(actors, username);
  }
  return null;
}
