/** How rule paths compare with request paths (config `pathCase`). */
export type PathCase = 'insensitive' | 'sensitive';

/** A request target as the proxy sees it: the raw parts for the portal, the normalised path for rules. */
export interface RequestTarget {
  /** The path exactly as the client sent it, without the query. */
  rawPath: string;
  /** The query string exactly as sent, without '?'; '' when there is none. */
  rawQuery: string;
  /** The one form rules match first (see normalisePath); null when the path cannot be read at all. */
  path: string | null;
  /** The path as a server that decodes `%2F` and `%5C` (or reads `\` as `/`) sees it; null when that reads the same. */
  altPath: string | null;
  /** Why the path is refused, for the client's 400; null when it is not. */
  ambiguity: string | null;
}

export type NormalisedPath = { path: string; altPath: string | null; ambiguity: null } | { path: null; altPath: null; ambiguity: string };

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** Decodes percent-encoded unreserved characters (%41 → A, %2e → .) and upper-cases the hex of the rest. */
function decodeUnreserved(segment: string): string {
  return segment.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}

/** Collapses slashes and resolves dot segments; null when `..` climbs above the root. */
function resolveSegments(path: string): string | null {
  const out: string[] = [];
  for (const segment of path.split('/').map(decodeUnreserved)) {
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') out.push(segment);
    else if (out.pop() === undefined) return null;
  }
  const trailing = out.length > 0 && /\/(\.{0,2})$/.test(path.replace(/%2e/gi, '.')) ? '/' : '';
  return `/${out.join('/')}${trailing}`;
}

/** An encoded slash or backslash, or a raw backslash: a separator to some servers, data to others. */
const SEPARATOR_LIKE = /%2f|%5c|\\/i;

/**
 * The one normalised form of a path that rules match: empty segments dropped (`//` → `/`), `.` and `..`
 * resolved after decoding unreserved characters (so `%2e%2e` is `..`), a trailing slash kept. Case is
 * left alone: it is the matcher's business (see route-match.ts compileRulePath). An encoded slash or backslash is
 * data within its segment (RFC 3986), and `altPath` reads it as a separator, so a rule can name the
 * record under either reading. Refused (a reason instead of a path): an encoded NUL, which cuts a path
 * short in some servers, and `..` above the root under either reading.
 */
export function normalisePath(rawPath: string): NormalisedPath {
  const refuse = (ambiguity: string) => ({ path: null, altPath: null, ambiguity }) as const;
  if (/%00/.test(rawPath)) return refuse('the path contains an encoded NUL (%00)');
  const path = resolveSegments(rawPath.replace(/\\/g, '%5C'));
  if (path === null) return refuse('the path climbs above the root with ..');
  if (!SEPARATOR_LIKE.test(rawPath)) return { path, altPath: null, ambiguity: null };
  const altPath = resolveSegments(rawPath.replace(new RegExp(SEPARATOR_LIKE, 'gi'), '/'));
  if (altPath === null) return refuse('the path climbs above the root with .. once its encoded slashes are read as slashes');
  return { path, altPath: altPath === path ? null : altPath, ambiguity: null };
}

/**
 * Splits a request target (origin form `/a?b`, or absolute form `http://host/a?b` as some clients send
 * it) into its raw path and query, and normalises the path. The raw parts are what the portal gets.
 */
export function parseTarget(target: string): RequestTarget {
  const at = target.indexOf('?');
  const beforeQuery = at === -1 ? target : target.slice(0, at);
  const rawQuery = at === -1 ? '' : target.slice(at + 1);
  const absolute = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/]*/.exec(beforeQuery);
  const rawPath = absolute ? beforeQuery.slice(absolute[0].length) || '/' : beforeQuery;
  if (!rawPath.startsWith('/')) return { rawPath, rawQuery, path: null, altPath: null, ambiguity: 'the request target is not a path' };
  return { rawPath, rawQuery, ...normalisePath(rawPath) };
}

/** A config path in the normalised form of request paths (`//kiosk/./checkin` → `/kiosk/checkin`), so rules compare like with like. */
export function normalisePattern(pattern: string): string {
  return resolveSegments(pattern) ?? pattern;
}
