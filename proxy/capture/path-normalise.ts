/** How rule paths compare with request paths (config `pathCase`). */
export type PathCase = 'insensitive' | 'sensitive';

/** A request target as the proxy sees it: the raw parts for the portal, the normalised path for rules. */
export interface RequestTarget {
  /** The path exactly as the client sent it, without the query. */
  rawPath: string;
  /** The query string exactly as sent, without '?'; '' when there is none. */
  rawQuery: string;
  /** The one form rules match (see normalisePath); null when the path's meaning is ambiguous. */
  path: string | null;
  /** Why the path is ambiguous, for the client's 400; null when it is not. */
  ambiguity: string | null;
}

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/**
 * Separators a server may or may not see through: an encoded slash or backslash can split a segment
 * in one server and not in another, and a NUL can cut a path short. Their meaning depends on the portal.
 */
const AMBIGUOUS: Array<[RegExp, string]> = [
  [/%2f/i, 'an encoded slash (%2F)'],
  [/%5c|\\/i, 'a backslash'],
  [/%00/, 'an encoded NUL (%00)'],
];

/** Decodes percent-encoded unreserved characters (%41 → A, %2e → .) and upper-cases the hex of the rest. */
function decodeUnreserved(segment: string): string {
  return segment.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}

/**
 * The one normalised form of a path that rules match: empty segments dropped (`//` → `/`), `.` and `..`
 * resolved after decoding unreserved characters (so `%2e%2e` is `..`), a trailing slash kept. Case is
 * left alone: it is the matcher's business (see compilePathPattern). Null with a reason when the path
 * is ambiguous: an encoded slash, backslash or NUL, or `..` above the root.
 */
export function normalisePath(rawPath: string): { path: string; ambiguity: null } | { path: null; ambiguity: string } {
  for (const [pattern, what] of AMBIGUOUS) if (pattern.test(rawPath)) return { path: null, ambiguity: `the path contains ${what}` };
  const out: string[] = [];
  for (const segment of rawPath.split('/').map(decodeUnreserved)) {
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') out.push(segment);
    else if (out.pop() === undefined) return { path: null, ambiguity: 'the path climbs above the root with ..' };
  }
  const trailing = out.length > 0 && /\/(\.{0,2})$/.test(rawPath.replace(/%2e/gi, '.')) ? '/' : '';
  return { path: `/${out.join('/')}${trailing}`, ambiguity: null };
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
  if (!rawPath.startsWith('/')) return { rawPath, rawQuery, path: null, ambiguity: 'the request target is not a path' };
  return { rawPath, rawQuery, ...normalisePath(rawPath) };
}

export interface PathPatternOptions {
  /** Whether letters must match in case. Default 'insensitive' (see the config key `pathCase`). */
  pathCase?: PathCase;
  /** Match paths that start with the pattern (sources' `pathPrefix`) instead of the whole path. Default false. */
  prefix?: boolean;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Compiles a config path (`/api/students/:id`, a login path, a source's path prefix) into a matcher
 * over normalised paths (see parseTarget), returning the raw :params, or null. Every rule, login,
 * logout and source path check goes through here, so they all agree on what a path means.
 */
export function compilePathPattern(pattern: string, { pathCase = 'insensitive', prefix = false }: PathPatternOptions = {}) {
  const normal = normalisePath(pattern).path ?? pattern;
  const source = (prefix ? normal : normal.replace(/\/+$/, ''))
    .split('/')
    .map((segment) => (segment.startsWith(':') ? `(?<${segment.slice(1).replace(/\W/g, '_')}>[^/]+)` : escapeRegExp(segment)))
    .join('/');
  const regex = new RegExp(prefix ? `^${source}` : `^${source}/?$`, pathCase === 'insensitive' ? 'i' : '');
  return function matchPath(path: string | null): Record<string, string> | null {
    const m = path === null ? null : regex.exec(path);
    return m ? { ...m.groups } : null;
  };
}
