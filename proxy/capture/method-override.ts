import type { IncomingHttpHeaders } from 'node:http';
import { isMutating } from '../config/schema.ts';

/** Headers by which a client asks the portal to take its request as another method (express method-override, Symfony/Laravel, Google APIs, OData). */
export const METHOD_OVERRIDE_HEADERS = ['X-HTTP-Method-Override', 'X-HTTP-Method', 'X-Method-Override'] as const;

/** The form, JSON or query field that Rails, Laravel and express method-override read. */
const FIELD = '_method';

/** An HTTP method token (RFC 9110 §9.1) of a sane length; anything else is no method a portal acts on. */
const METHOD = /^[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]{0,31}$/;

export interface MethodClaim {
  method: string;
  /** Where the claim was read, as an admin would look for it: `X-HTTP-Method-Override: DELETE`, `_method=DELETE in the body`. */
  via: string;
}

export interface RequestMethod {
  /** The method on the request line. */
  wire: string;
  /** The method the entry is recorded by: the first override naming a change, else the first override, else the wire method. */
  method: string;
  /** Every override that names a method other than the wire one, headers first, then the body, then the query. */
  claims: MethodClaim[];
}

export interface MethodSources {
  headers: IncomingHttpHeaders;
  query: URLSearchParams;
  /** The parsed body (json, form or multipart fields); absent before it is read. */
  body?: unknown;
}

const values = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');

/**
 * What method the portal may act on. Portals with method override take a GET or POST as the method a
 * header or `_method` names; which one wins differs between frameworks, so every claim is kept and the
 * entry is recorded by a change rather than a read when any claim names one.
 */
export function requestMethod(wire: string, { headers, query, body }: MethodSources): RequestMethod {
  const found: Array<{ value: string; via: (value: string) => string }> = [];
  for (const name of METHOD_OVERRIDE_HEADERS) {
    // Node joins a repeated x- header with ", ".
    for (const value of values(headers[name.toLowerCase()]).flatMap((v) => v.split(','))) found.push({ value, via: (v) => `${name}: ${v}` });
  }
  const fields = body && typeof body === 'object' && !Array.isArray(body) && Object.hasOwn(body, FIELD) ? (body as Record<string, unknown>)[FIELD] : undefined;
  for (const value of values(fields)) found.push({ value, via: (v) => `${FIELD}=${v} in the body` });
  for (const value of query.getAll(FIELD)) found.push({ value, via: (v) => `${FIELD}=${v} in the query` });

  const claims: MethodClaim[] = [];
  for (const { value, via } of found) {
    const trimmed = value.trim();
    const method = trimmed.toUpperCase();
    if (METHOD.test(trimmed) && method !== wire) claims.push({ method, via: via(trimmed) });
  }
  const chosen = claims.find((claim) => isMutating(claim.method)) ?? claims[0];
  return { wire, method: chosen?.method ?? wire, claims };
}

/** Every method the portal may act on for this request: the wire one and each override. */
export const candidateMethods = ({ wire, claims }: RequestMethod): string[] => [wire, ...claims.map((claim) => claim.method)];

/** The entry's note for an overridden request, so the wire method is not hidden; null without an override. */
export function overrideNote({ wire, method, claims }: RequestMethod): string | null {
  if (claims.length === 0) return null;
  return `sent as ${wire} with ${claims.map((claim) => claim.via).join(', ')}; recorded as ${method}, the method the portal is asked to act on`;
}
