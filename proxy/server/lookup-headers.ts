import type { IncomingHttpHeaders } from 'node:http';
import type { Config } from '../config/schema.ts';
import { METHOD_OVERRIDE_HEADERS } from '../capture/method-override.ts';
import type { Trust } from '../capture/trust.ts';

/** Meaningful for one connection only (RFC 9110 §7.6.1), plus proxy-connection that old clients still send. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

/**
 * Never sent with a lookup: the client's body and its framing (a lookup is a GET without one), conditions
 * that could answer 304 or a fragment instead of the record, and forwarding or client-address headers,
 * which speak for a hop the lookup did not take. Host and Accept are set by the lookup itself.
 */
const NEVER = new Set([
  'host',
  'accept',
  'expect',
  'range',
  'if-match',
  'if-none-match',
  'if-modified-since',
  'if-unmodified-since',
  'if-range',
  'forwarded',
  'via',
  'x-real-ip',
  'true-client-ip',
  'x-client-ip',
  'cf-connecting-ip',
  // A lookup is a GET: the client's method override would make the portal change the record at the lookup.
  ...METHOD_OVERRIDE_HEADERS.map((name) => name.toLowerCase()),
]);
const NEVER_PREFIXES = ['content-', 'x-forwarded-'];

const lower = (names: readonly string[] | undefined) => (names ? new Set(names.map((n) => n.toLowerCase())) : null);

/**
 * The headers a snapshot or nameFrom lookup carries: the client's end-to-end request headers, so the
 * portal answers the lookup as it answers that client (its API version, language, credentials), narrowed
 * by `lookups.allowHeaders` / `lookups.denyHeaders`. The actor header counts only from a trusted proxy.
 */
export function createLookupHeaders(config: Pick<Config, 'lookups' | 'actors'>) {
  const allow = lower(config.lookups.allowHeaders);
  const deny = lower(config.lookups.denyHeaders) ?? new Set<string>();
  const actorHeader = config.actors.header?.toLowerCase();

  return function lookupHeaders(headers: IncomingHttpHeaders, peer: string, trust: Trust): Record<string, string> {
    const perConnection = new Set(
      String(headers.connection ?? '')
        .split(',')
        .map((n) => n.trim().toLowerCase()),
    );
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined || HOP_BY_HOP.has(name) || perConnection.has(name) || NEVER.has(name)) continue;
      if (NEVER_PREFIXES.some((prefix) => name.startsWith(prefix))) continue;
      if ((allow && !allow.has(name)) || deny.has(name)) continue;
      if (name === actorHeader && !trust.isTrusted(peer)) continue;
      out[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    return out;
  };
}
