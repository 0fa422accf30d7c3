import type { IncomingHttpHeaders } from 'node:http';
import { parseCookie } from 'cookie';
import { decodeJwt, jwtVerify, type JWTPayload } from 'jose';
import type { Actors } from '../config/schema.ts';
import type { Actor, SessionBook } from './flow.ts';
import type { Trust } from './trust.ts';

/** Nobody we can name: the entry still says the action happened. */
export const UNKNOWN_ACTOR: Actor = { member: 'Unknown', memberKind: 'unknown', username: null };

/** `name=value` pairs of a Cookie header: the form sessions are remembered in (see sessionCookies). */
export function cookiePairs(header: string | undefined): string[] {
  if (!header) return [];
  return Object.entries(parseCookie(header)).flatMap(([name, value]) => (value ? [`${name}=${value}`] : []));
}

/** `name=value` of every cookie a response sets, skipping cookies it clears. */
export function sessionCookies(setCookie: string[] | undefined): string[] {
  return (setCookie ?? []).map((line) => line.split(';')[0]!.trim()).filter((pair) => /^[^=]+=.+$/.test(pair));
}

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
}

/**
 * Who sent a request, strongest evidence first: a trusted gateway's header, a session learned from a
 * login, a JWT, HTTP Basic. Returns null when none applies.
 */
export async function identify(actors: Actors, trust: Trust, { headers, remoteAddress, sessions }: IdentifyInput): Promise<Actor | null> {
  if (actors.header && trust.isTrusted(remoteAddress)) {
    const value = headers[actors.header.toLowerCase()];
    const username = (Array.isArray(value) ? value[0] : value)?.trim();
    if (username) return actorFor(actors, username);
  }
  const cookies = cookiePairs(headers.cookie);
  if (actors.login) {
    for (const pair of cookies) {
      const username = await sessions.lookup(pair);
      if (username) return actorFor(actors, username);
    }
  }
  if (actors.jwt) {
    const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
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
