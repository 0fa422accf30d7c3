import type { IncomingHttpHeaders } from 'node:http';

/**
 * Headers that claim who the client is, where it came from or which path it asked for. Proxies and
 * gateways set them; from anyone else they are forgeries the portal might believe.
 */
const CLAIMS = [
  'forwarded',
  'x-real-ip',
  'true-client-ip',
  'x-client-ip',
  'cf-connecting-ip',
  'fastly-client-ip',
  'x-cluster-client-ip',
  'x-original-forwarded-for',
  'x-original-url',
  'x-rewrite-url',
];

export interface UntrustedHeadersOptions {
  /** The auth gateway's identity header (config `actors.header`). Default: none. */
  actorHeader?: string;
}

/** Removes, in place, every identity and forwarding claim (above, X-Forwarded-*, the actor header) from an untrusted peer's headers. */
export function createClaimStripper({ actorHeader }: UntrustedHeadersOptions = {}) {
  const names = new Set([...CLAIMS, ...(actorHeader ? [actorHeader.toLowerCase()] : [])]);
  return function stripClaims(headers: IncomingHttpHeaders): void {
    for (const name of Object.keys(headers)) if (names.has(name) || name.startsWith('x-forwarded-')) delete headers[name];
  };
}
